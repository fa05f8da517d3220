package bloghome.system;

import bloghome.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP as a fault run's clients see it: one send ({@link #once}) records the answer's status and
 * the violations an answer alone shows (a 5xx other than 503, a 429/503 without {@code
 * Retry-After}, a dropped gateway connection); {@link #call} sends again as a well-written browser
 * does while the answer is 503 or 429 {@code BUSY}.
 */
final class FaultClient {

  private static final int CLIENT_ATTEMPTS = 6;

  /** An answer; {@code attempts} > 1 when earlier sends of the same request went unanswered. */
  record Reply(int status, String body, Map<String, List<String>> headers, int attempts) {
    Reply(int status, String body, Map<String, List<String>> headers) {
      this(status, body, headers, 1);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      return body.isEmpty() ? Map.of() : (Map<String, Object>) Json.parse(body);
    }

    String errorCode() {
      Object error = json().get("error");
      return error instanceof Map<?, ?> m ? String.valueOf(m.get("code")) : "";
    }

    boolean answered() {
      return status != 503 && !(status == 429 && "BUSY".equals(errorCode()));
    }
  }

  private final RunningSystem system;
  private final FaultFindings findings;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  FaultClient(RunningSystem system, FaultFindings findings) {
    this.system = system;
    this.findings = findings;
  }

  private String token(String user) {
    return tokens.computeIfAbsent(
        user,
        u ->
            system
                .tokens()
                .mint(u, u.startsWith("vip") ? List.of("vip") : List.of(), Duration.ofHours(2)));
  }

  /** Sends once; a path goes to the API, a full URL (a presigned PUT) straight to S3. */
  Reply once(
      String what, String method, String pathOrUrl, String user, Object body, String... headers) {
    URI uri =
        pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : system.apiUrl().resolve(pathOrUrl);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : body instanceof byte[] bytes
                        ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                        : HttpRequest.BodyPublishers.ofString(Json.write(body)));
    if (user != null) {
      request.header("authorization", "Bearer " + token(user));
    }
    if (body != null && !(body instanceof byte[])) {
      request.header("content-type", "application/json");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    findings.count("requests");
    Reply reply;
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      reply =
          new Reply(
              response.statusCode(),
              new String(response.body(), StandardCharsets.UTF_8),
              response.headers().map());
    } catch (IOException e) {
      if (!pathOrUrl.startsWith("http")) {
        findings.violation(what + ": the gateway dropped the connection (" + e + ")");
      }
      // A presigned PUT straight to S3 may see a dropped connection (injected): a browser retries.
      findings.count("S3 answers to presigned PUTs: connection dropped");
      return new Reply(503, "", Map.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    boolean s3 = pathOrUrl.startsWith("http");
    findings.count((s3 ? "S3 answers to presigned PUTs: " : "API answers: ") + reply.status());
    if (!s3 && reply.status() >= 500 && reply.status() != 503) {
      findings.violation(what + ": " + reply.status() + " " + reply.body());
    }
    if (!s3
        && (reply.status() == 503 || reply.status() == 429)
        && reply.headers().get("retry-after") == null) {
      findings.violation(what + ": " + reply.status() + " without Retry-After");
    }
    return reply;
  }

  /**
   * Sends until answered (not 503 / 429 BUSY; for S3 itself, not 5xx, which S3 asks clients to
   * retry), a few times; the last reply otherwise.
   */
  Reply call(String what, String method, String path, String user, Object body, String... headers) {
    Reply reply = null;
    for (int attempt = 1; attempt <= CLIENT_ATTEMPTS; attempt++) {
      reply = once(what, method, path, user, body, headers);
      boolean s3Failed = path.startsWith("http") && reply.status() >= 500;
      if (reply.answered() && !s3Failed) {
        return new Reply(reply.status(), reply.body(), reply.headers(), attempt);
      }
      if (s3Failed) {
        reply = new Reply(503, reply.body(), reply.headers());
      }
      findings.count("client retries after 503/429");
      // Honour Retry-After, scaled down so that the run keeps its pace (1 s -> 100 ms).
      sleep(100L * attempt);
    }
    return reply;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
