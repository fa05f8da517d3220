package bloghome.local;

import com.sun.net.httpserver.HttpExchange;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API's JWT authorizer on the local gateway: reads the bearer token of a request to a
 * protected route and gives its claims when the local issuer signed it and it is still valid.
 */
final class RouteAuthorizer {
  private final LocalJwt jwt;

  RouteAuthorizer(LocalJwt jwt) {
    this.jwt = jwt;
  }

  /** The token's claims; empty when there is no token or it does not verify (a 401). */
  Optional<Map<String, String>> claims(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String token = authorization == null ? null : authorization.replaceFirst("(?i)^Bearer\\s+", "");
    return jwt.verify(token);
  }
}
