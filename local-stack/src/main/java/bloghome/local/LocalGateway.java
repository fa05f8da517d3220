package bloghome.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A local stand-in for API Gateway's HTTP API: matches the routes of {@code template.yaml}, checks
 * tokens on protected routes, and invokes the handler in-process with a payload 2.0 event.
 *
 * <p>Answers that API Gateway itself gives keep its shape: 404 {@code {"message":"Not Found"}} for
 * an unknown route, 401 {@code {"message":"Unauthorized"}} without a valid token, 413 past 10 MB,
 * 500 {@code {"message":"Internal Server Error"}} when a function fails.
 *
 * <p>This class is the request's path through the gateway; the parts live beside it: {@link
 * RouteTable} (routing), {@link RouteAuthorizer} (the JWT authorizer), {@link HttpApiEvents}
 * (request to event), {@link GatewayResponses} (writing answers) and {@link LocalPaths} (the
 * gateway's own {@code /_local/} paths).
 */
public final class LocalGateway implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalGateway.class.getName());
  private static final int MAX_PAYLOAD = 10 * 1024 * 1024;

  /** A route of the template bound to the function that serves it. */
  public record Binding(
      SamTemplate.HttpRoute route,
      String functionName,
      RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {}

  /** The template's routes of every function that has a handler in {@code handlers}. */
  public static List<Binding> bindings(
      SamTemplate template,
      Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers) {
    List<Binding> bindings = new ArrayList<>();
    for (SamTemplate.FunctionDef f : template.functions()) {
      var handler = handlers.get(f.logicalId());
      if (handler != null) {
        f.routes().forEach(route -> bindings.add(new Binding(route, f.logicalId(), handler)));
      }
    }
    return bindings;
  }

  private final HttpServer server;
  private final RouteTable routes;
  private final RouteAuthorizer authorizer;
  private final LocalJwt jwt;
  private final GatewayResponses responses;
  private final LocalPaths localPaths;

  private LocalGateway(
      HttpServer server, List<Binding> bindings, LocalJwt jwt, List<String> corsOrigins) {
    this.server = server;
    this.routes = new RouteTable(bindings);
    this.authorizer = new RouteAuthorizer(jwt);
    this.jwt = jwt;
    this.responses = new GatewayResponses(corsOrigins);
    this.localPaths = new LocalPaths(jwt, responses);
  }

  public static LocalGateway start(
      int requestedPort, List<Binding> bindings, LocalJwt jwt, List<String> corsOrigins) {
    Ports.requireFree(requestedPort, "the local HTTP gateway");
    HttpServer server;
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 128);
    } catch (IOException e) {
      throw new LocalStackException(
          "Port "
              + requestedPort
              + " for the local HTTP gateway is not available: "
              + e.getMessage(),
          e);
    }
    LocalGateway gateway = new LocalGateway(server, bindings, jwt, corsOrigins);
    server.setExecutor(
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("gateway-", 0).factory()));
    server.createContext("/", gateway::serve);
    server.start();
    return gateway;
  }

  /**
   * Serves GET requests under {@code /_local/<prefix>/...} from a lookup function; the local stack
   * uses it to serve accepted skin images as CloudFront would.
   */
  public void serveStatic(String prefix, Function<String, Optional<byte[]>> lookup) {
    localPaths.serveStatic(prefix, lookup);
  }

  /**
   * Names the local hosted UI: {@code /_local/token} then issues its tokens (id, access, refresh),
   * and the issuer's OpenID configuration points at its endpoints.
   */
  public void enableHostedUi(LocalAuthServer hostedUi) {
    localPaths.enableHostedUi(hostedUi.rules(), hostedUi.url());
  }

  /**
   * Serves {@code method} on {@code /_local/<name>} with the JSON the supplier returns: the local
   * stack's operator actions (the failure queue and its replay).
   */
  public void serveAction(String method, String name, Supplier<String> json) {
    localPaths.serveAction(method, name, json);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String rawPath = exchange.getRequestURI().getRawPath();
      String origin = exchange.getRequestHeaders().getFirst("Origin");
      if (localPaths.serve(exchange, method, rawPath)) {
        return;
      }
      if ("OPTIONS".equals(method)
          && origin != null
          && exchange.getRequestHeaders().getFirst("Access-Control-Request-Method") != null) {
        responses.preflight(exchange, origin);
        return;
      }
      byte[] body = readBody(exchange);
      if (body == null) {
        responses.message(exchange, 413, "Request Entity Too Large", origin);
        return;
      }
      RouteTable.Match match = routes.match(method, rawPath);
      if (match == null) {
        responses.message(exchange, 404, "Not Found", origin);
        return;
      }
      Map<String, String> claims = null;
      if (match.binding().route().requiresToken()) {
        claims = authorizer.claims(exchange).orElse(null);
        if (claims == null) {
          responses.send(
              exchange,
              401,
              Map.of("content-type", "application/json", "www-authenticate", "Bearer"),
              "{\"message\":\"Unauthorized\"}",
              origin);
          return;
        }
      }
      invoke(exchange, match, HttpApiEvents.event(exchange, match, body, claims), origin);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "local gateway error", e);
    }
  }

  /** Invokes the route's function in this JVM; a function that throws gets API Gateway's 500. */
  private void invoke(
      HttpExchange exchange, RouteTable.Match match, APIGatewayV2HTTPEvent event, String origin)
      throws IOException {
    Binding binding = match.binding();
    APIGatewayV2HTTPResponse response;
    try {
      response = binding.handler().handleRequest(event, new LocalContext(binding.functionName()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, binding.functionName() + " failed on " + event.getRouteKey(), e);
      responses.message(exchange, 500, "Internal Server Error", origin);
      return;
    }
    responses.write(exchange, response, origin);
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_PAYLOAD + 1);
      return bytes.length > MAX_PAYLOAD ? null : bytes;
    }
  }
}
