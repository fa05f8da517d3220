package bloghome.http;

import bloghome.aws.Priming;
import bloghome.errors.Problem;
import bloghome.errors.RetryLater;
import bloghome.ids.Ids;
import bloghome.log.Log;
import bloghome.log.Metrics;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Base of every HTTP API function: dispatches on the route key that API Gateway matched, maps
 * {@link Problem}s to JSON errors and writes one structured log line per request.
 *
 * <p>Subclasses only register routes; each route parses its input, calls core and maps the result.
 */
public abstract class ApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

  /** One route's code. */
  @FunctionalInterface
  public interface Route {
    APIGatewayV2HTTPResponse handle(ApiRequest request);
  }

  private final Map<String, Route> routes = new LinkedHashMap<>();

  protected final void route(String routeKey, Route route) {
    routes.put(routeKey, route);
  }

  /**
   * Read-only warm-up for SnapStart: sends {@link #primingRequests()} through the handler, so
   * routing, JSON, validation, the store code and the SDK client (with its connection) are loaded
   * and compiled before the snapshot. Ids are fresh random ones, so every lookup misses and nothing
   * is written.
   *
   * @return the status of each priming request, for tests
   */
  public List<Integer> prime() {
    List<Integer> statuses = new ArrayList<>();
    for (APIGatewayV2HTTPEvent event : primingRequests()) {
      statuses.add(handleRequest(event, null).getStatusCode());
    }
    return statuses;
  }

  /** Registers {@link #prime()} to run before the SnapStart checkpoint (needs org.crac). */
  protected final void primeBeforeSnapshot(String name) {
    Priming.register(name, this::prime);
  }

  /** Every GET route on ids that do not exist; functions add requests that read without writing. */
  protected List<APIGatewayV2HTTPEvent> primingRequests() {
    List<APIGatewayV2HTTPEvent> events = new ArrayList<>();
    for (String key : routes.keySet()) {
      if (key.startsWith("GET ")) {
        events.add(primingEvent(key, null, null));
      }
    }
    return events;
  }

  /** A synthetic request for {@code routeKey}, its path parameters filled with unknown ids. */
  protected static APIGatewayV2HTTPEvent primingEvent(
      String routeKey, String callerId, String body) {
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = Pattern.compile("\\{([A-Za-z]+)}").matcher(routeKey);
    while (m.find()) {
      String name = m.group(1);
      params.put(
          name,
          switch (name) {
            case "postId" -> Ids.newId("p");
            case "commentId" -> Ids.newId("c");
            case "uploadId" -> Ids.newId("up");
            default ->
                "priming-" + Ids.newId("u").substring(2, 14).replace('_', 'x').replace('-', 'x');
          });
    }
    var context =
        APIGatewayV2HTTPEvent.RequestContext.builder()
            .withRouteKey(routeKey)
            .withHttp(
                APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                    .withMethod(routeKey.substring(0, routeKey.indexOf(' ')))
                    .withSourceIp("192.0.2.1")
                    .withUserAgent("bloghome-priming")
                    .build());
    if (callerId != null) {
      context.withAuthorizer(
          APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
              .withJwt(
                  APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT
                      .builder()
                      .withClaims(Map.of("sub", callerId))
                      .build())
              .build());
    }
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(routeKey)
        .withPathParameters(params)
        .withHeaders(Map.of("content-type", "application/json", "user-agent", "bloghome-priming"))
        .withBody(body)
        .withIsBase64Encoded(false)
        .withRequestContext(context.build())
        .build();
  }

  /** The route keys this function serves, as {@code "GET /users/{userId}/posts"}. */
  public final Set<String> routeKeys() {
    return Collections.unmodifiableSet(routes.keySet());
  }

  @Override
  public final APIGatewayV2HTTPResponse handleRequest(
      APIGatewayV2HTTPEvent event, Context context) {
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
      Optional<RetryLater> retry = DependencyFailures.classify(unexpected);
      if (retry.isPresent()) {
        // DynamoDB or S3 still failing after the SDK's retries: the client may try again.
        errorCode = retry.get().code();
        Log.warn(
            "dependency failure",
            Map.of(
                "requestId",
                requestId(context),
                "route",
                routeKey,
                "exception",
                unexpected.getClass().getName(),
                "answer",
                errorCode));
        response = Responses.error(retry.get());
      } else {
        errorCode = "INTERNAL";
        Log.error(
            "unhandled",
            Map.of(
                "requestId",
                requestId(context),
                "route",
                routeKey,
                "exception",
                unexpected.getClass().getName(),
                // The message may carry user data; the throwing frame is enough to find the bug.
                "at",
                unexpected.getStackTrace().length == 0
                    ? "-"
                    : unexpected.getStackTrace()[0].toString()));
        response =
            Responses.json(
                500, Responses.errorBody("INTERNAL", "Something went wrong on our side.", null));
      }
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
    if (response.getStatusCode() >= 500) {
      // Lambda's Errors metric misses a 500 we answered ourselves; the Errors alarm adds this in.
      Metrics.count("ServerError");
    }
    return response;
  }

  private static String requestId(Context context) {
    return context == null || context.getAwsRequestId() == null ? "-" : context.getAwsRequestId();
  }
}
