package bloghome.system;

import bloghome.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The public HTTP API as the demo seeder uses it: JSON in and out, any answer but a 2xx an
 * exception that says which request it was.
 */
final class DemoApiClient {

  private final URI api;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  DemoApiClient(URI api) {
    this.api = api;
  }

  /** Sends a request with a JSON body (or none); returns the JSON answer, empty for no body. */
  @SuppressWarnings("unchecked")
  Map<String, Object> call(
      String method, String path, String token, Object body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Json.write(body)));
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("content-type", "application/json");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response =
        send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() / 100 != 2) {
      String text = response.body();
      throw new IllegalStateException(
          method
              + " "
              + path
              + " answered "
              + response.statusCode()
              + ": "
              + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
    }
    return response.body().isEmpty() ? Map.of() : (Map<String, Object>) Json.parse(response.body());
  }

  void put(URI presigned, byte[] bytes) {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(presigned)
                .timeout(Duration.ofSeconds(60))
                .header("content-type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "The presigned PUT answered " + response.statusCode() + ": " + response.body());
    }
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new UncheckedIOException(
          request.method() + " " + request.uri().getPath() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
