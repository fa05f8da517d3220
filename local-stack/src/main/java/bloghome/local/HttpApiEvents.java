package bloghome.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Maps a request the gateway received to the payload 2.0 event API Gateway's HTTP API sends a
 * function: lower-cased headers, cookies apart, decoded query and path parameters, the JWT
 * authorizer's claims, and a body in Base64 unless its content type is textual.
 */
final class HttpApiEvents {
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

  private HttpApiEvents() {}

  /** The event for {@code match}; {@code claims} is null on a route without an authorizer. */
  static APIGatewayV2HTTPEvent event(
      HttpExchange exchange, RouteTable.Match match, byte[] body, Map<String, String> claims) {
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (lower.equals("cookie")) {
                for (String v : values) {
                  for (String c : v.split(";")) {
                    if (!c.isBlank()) {
                      cookies.add(c.strip());
                    }
                  }
                }
              } else {
                headers.put(lower, String.join(",", values));
              }
            });
    String rawQuery = exchange.getRequestURI().getRawQuery();
    Map<String, String> query = RouteTable.query(rawQuery);
    boolean textual = textual(body, headers.getOrDefault("content-type", ""));
    String routeKey = match.binding().route().routeKey();
    var context = requestContext(exchange, headers, routeKey);
    if (claims != null) {
      var jwtDescription =
          APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT
              .builder()
              .withClaims(new HashMap<>(claims))
              .withScopes(null)
              .build();
      context.withAuthorizer(
          APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
              .withJwt(jwtDescription)
              .build());
    }
    Map<String, String> pathParameters = match.pathParameters();
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(routeKey)
        .withRawPath(exchange.getRequestURI().getRawPath())
        .withRawQueryString(rawQuery == null ? "" : rawQuery)
        .withCookies(cookies.isEmpty() ? null : cookies)
        .withHeaders(headers)
        .withQueryStringParameters(query.isEmpty() ? null : query)
        .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
        .withRequestContext(context.build())
        .withBody(
            body.length == 0
                ? null
                : textual
                    ? new String(body, StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(body))
        .withIsBase64Encoded(body.length > 0 && !textual)
        .build();
  }

  private static boolean textual(byte[] body, String contentType) {
    return body.length == 0
        || contentType.isEmpty()
        || contentType.startsWith("text/")
        || contentType.contains("json")
        || contentType.contains("xml")
        || contentType.contains("x-www-form-urlencoded");
  }

  private static APIGatewayV2HTTPEvent.RequestContext.RequestContextBuilder requestContext(
      HttpExchange exchange, Map<String, String> headers, String routeKey) {
    Instant now = Instant.now();
    String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
    String forwarded = headers.get("x-forwarded-for");
    if (forwarded != null && !forwarded.isBlank()) {
      // Lets local tests play many visitors; API Gateway takes the client address of the
      // connection.
      sourceIp = forwarded.split(",")[0].strip();
    }
    var http =
        APIGatewayV2HTTPEvent.RequestContext.Http.builder()
            .withMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT))
            .withPath(exchange.getRequestURI().getRawPath())
            .withProtocol(exchange.getProtocol())
            .withSourceIp(sourceIp)
            .withUserAgent(headers.getOrDefault("user-agent", ""))
            .build();
    return APIGatewayV2HTTPEvent.RequestContext.builder()
        .withAccountId("000000000000")
        .withApiId("local")
        .withDomainName(headers.getOrDefault("host", "127.0.0.1"))
        .withDomainPrefix("127")
        .withHttp(http)
        .withRequestId(UUID.randomUUID().toString())
        .withRouteKey(routeKey)
        .withStage("$default")
        .withTime(REQUEST_TIME.format(now))
        .withTimeEpoch(now.toEpochMilli());
  }
}
