package bloghome.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The local stack's IAM and STS: it issues the credentials the functions run with, and {@link
 * AuthProxy} accepts only credentials issued here.
 *
 * <ul>
 *   <li>Session credentials (access key, secret, session token, expiry) for one principal, a
 *       function instance: as the access-key variables of a function without SnapStart, or from a
 *       container credentials endpoint (one URL and authorization token per principal) for a
 *       function with SnapStart, which issues fresh ones at every request, as Lambda's does after a
 *       restore.
 *   <li>One long-term key for the stack's operator (its own clients, the tests, the seeding): an
 *       IAM user's access key needs no session token.
 * </ul>
 *
 * <p>A principal's credentials can be revoked: the local runtime does it at a simulated SnapStart
 * restore, so that credentials fetched before the snapshot fail after it, as they would once
 * expired on a restore hours later.
 */
public final class LocalCredentials implements AutoCloseable {
  /** How long issued session credentials last (Lambda's are of this order and refreshed early). */
  public static final Duration LIFETIME = Duration.ofMinutes(15);

  /** What a request's access key id resolves to. */
  public record Issued(
      String accessKeyId,
      String secretAccessKey,
      String sessionToken,
      Instant expiration,
      String principal) {
    /** Long-term keys have no session token and no expiry. */
    boolean longTerm() {
      return sessionToken == null;
    }
  }

  /** Where a SnapStart function fetches its credentials. */
  public record ContainerEndpoint(URI fullUri, String authorizationToken) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final Map<String, Issued> byAccessKey = new ConcurrentHashMap<>();
  private final Map<String, String> principalByToken = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> uses = new ConcurrentHashMap<>();
  private final Issued operator;
  private HttpServer endpoint;

  public LocalCredentials(Clock clock) {
    this.clock = clock;
    this.operator =
        new Issued("AKIA" + random(8).toUpperCase(Locale.ROOT), random(20), null, null, "operator");
    byAccessKey.put(operator.accessKeyId(), operator);
  }

  /** The operator's long-term key: the stack's own clients, tests and seeding. */
  public AwsCredentialsProvider operator() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(operator.accessKeyId(), operator.secretAccessKey()));
  }

  /** The operator's long-term key, to print for the AWS CLI. */
  public Issued operatorKey() {
    return operator;
  }

  /** Fresh session credentials for {@code principal}, valid for {@link #LIFETIME}. */
  public Issued issue(String principal) {
    Issued issued =
        new Issued(
            "ASIA" + random(8).toUpperCase(Locale.ROOT),
            random(20),
            random(48),
            clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(LIFETIME),
            principal);
    byAccessKey.put(issued.accessKeyId(), issued);
    return issued;
  }

  /** The credentials an access key id names, if this stack issued them and they are not revoked. */
  public Optional<Issued> find(String accessKeyId) {
    return Optional.ofNullable(byAccessKey.get(accessKeyId));
  }

  /** Counts a request {@link AuthProxy} accepted, by the principal that signed it. */
  void used(Issued issued) {
    uses.computeIfAbsent(issued.principal(), p -> new AtomicLong()).incrementAndGet();
  }

  /** How many accepted requests {@code principal} has signed so far. */
  public long uses(String principal) {
    AtomicLong count = uses.get(principal);
    return count == null ? 0 : count.get();
  }

  public Instant now() {
    return clock.instant();
  }

  /** Revokes every session credential issued to {@code principal} so far. */
  public void revoke(String principal) {
    byAccessKey.values().removeIf(i -> principal.equals(i.principal()));
  }

  /** A container credentials endpoint for {@code principal}: its URL and authorization token. */
  public synchronized ContainerEndpoint containerEndpoint(String principal) {
    if (endpoint == null) {
      endpoint = startEndpoint();
    }
    String token = random(24);
    principalByToken.put(token, principal);
    URI uri =
        URI.create(
            "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/2023-12-01/credentials");
    return new ContainerEndpoint(uri, token);
  }

  /** Forgets a principal's endpoint token (its instance stopped). */
  public void retire(ContainerEndpoint endpoint) {
    principalByToken.remove(endpoint.authorizationToken());
  }

  private HttpServer startEndpoint() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(
          Executors.newThreadPerTaskExecutor(
              Thread.ofVirtual().name("credentials-endpoint-", 0).factory()));
      server.createContext("/", this::serve);
      server.start();
      return server;
    } catch (IOException e) {
      throw new LocalStackException("cannot start the container credentials endpoint", e);
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String token = exchange.getRequestHeaders().getFirst("Authorization");
      String principal = token == null ? null : principalByToken.get(token);
      if (principal == null) {
        send(exchange, 401, "{\"message\":\"Unauthorized\"}");
        return;
      }
      Issued issued = issue(principal);
      send(
          exchange,
          200,
          "{\"AccessKeyId\":\""
              + issued.accessKeyId()
              + "\",\"SecretAccessKey\":\""
              + issued.secretAccessKey()
              + "\",\"Token\":\""
              + issued.sessionToken()
              + "\",\"Expiration\":\""
              + issued.expiration()
              + "\"}");
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Override
  public synchronized void close() {
    if (endpoint != null) {
      endpoint.stop(0);
    }
  }
}
