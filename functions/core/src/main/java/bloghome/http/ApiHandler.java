package bloghome.http;

import bloghome.errors.Problem;
import bloghome.log.Log;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every HTTP API function: dispatches on the route key that API Gateway matched, maps
 * {@link Problem}s to JSON errors and writes one structured log line per request.
 *
 * <p>Subclasses only register routes; each route parses its input, calls core and maps the result.
 */
public abstract class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  /** One route's code. */
  @FunctionalInterface
  public interface Route {
    APIGatewayV2HTTPResponse handle(ApiRequest request);
  }

  private final Map<String, Route> routes = new LinkedHashMap<>();

  protected final void route(String routeKey, Route route) {
    routes.put(routeKey, route);
  }

  /** The route keys this function serves, as {@code "GET /users/{userId}/posts"}. */
  public final java.util.Set<String> routeKeys() {
    return java.util.Collections.unmodifiableSet(routes.keySet());
  }

  @Override
  public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    long started = System.nanoTime();
    ApiRequest request = new ApiRequest(event);
    String routeKey = request.routeKey();
    APIGatewayV2HTTPResponse response;
    String errorCode = null;
    try {
      Route route = routes.get(routeKey);
      if (route == null) {
        throw Problem.notFound("ROUTE_NOT_FOUND", "No such route: " + routeKey);
      }
      response = route.handle(request);
    } catch (Problem problem) {
      errorCode = problem.code();
      response = Responses.error(problem);
    } catch (RuntimeException unexpected) {
      errorCode = "INTERNAL";
      Log.error(
          "unhandled",
          Map.of(
              "requestId", requestId(context),
              "route", routeKey,
              "exception", unexpected.getClass().getName(),
              // The message may carry user data; the throwing frame is enough to find the bug.
              "at", unexpected.getStackTrace().length == 0 ? "-" : unexpected.getStackTrace()[0].toString()));
      response =
          Responses.json(
              500, Responses.errorBody("INTERNAL", "Something went wrong on our side.", null));
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("requestId", requestId(context));
    line.put("route", routeKey);
    line.put("status", response.getStatusCode());
    if (errorCode != null) {
      line.put("error", errorCode);
    }
    line.put("durationMs", (System.nanoTime() - started) / 1_000_000.0);
    Log.info("request", line);
    return response;
  }

  private static String requestId(Context context) {
    return context == null || context.getAwsRequestId() == null ? "-" : context.getAwsRequestId();
  }
}
