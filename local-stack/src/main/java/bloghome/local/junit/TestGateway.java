package bloghome.local.junit;

import bloghome.local.LocalGateway;
import bloghome.local.LocalJwt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** A running local gateway plus an HTTP client and a token issuer, for tests. */
public final class TestGateway implements AutoCloseable {
  private final LocalGateway gateway;
  private final LocalJwt jwt;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  TestGateway(LocalGateway gateway, LocalJwt jwt) {
    this.gateway = gateway;
    this.jwt = jwt;
  }

  public URI url() {
    return gateway.url();
  }

  public LocalJwt jwt() {
    return jwt;
  }

  /** A valid token for {@code userId} in the given groups (e.g. "vip"). */
  public String token(String userId, String... groups) {
    return jwt.mint(userId, List.of(groups), Duration.ofHours(1));
  }

  public HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(gateway.url().resolve(pathAndQuery))
        .timeout(Duration.ofSeconds(30));
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpClient client() {
    return http;
  }

  @Override
  public void close() {
    gateway.close();
  }
}
