package bloghome.auth;

import bloghome.json.Json;
import bloghome.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies an optional bearer token on a route that has no authorizer, the way API Gateway's JWT
 * authorizer does: RS256 signature by a key of the issuer's JWKS, {@code iss}, {@code aud} (ID
 * tokens) or {@code client_id} (access tokens), {@code exp} and {@code nbf}.
 *
 * <p>Any failure (malformed token, unknown key, JWKS unreachable, wrong claim) means "anonymous":
 * an optional token must never turn a public request into an error.
 *
 * <p>The JWKS is fetched lazily, on the first token, and kept for the life of the execution
 * environment. A token signed with a kid the cached set does not know triggers one refetch (the
 * issuer may have rotated its keys), at most once per {@link #REFETCH_PAUSE}, so that garbage kids
 * cannot make every request an outbound call.
 *
 * <p>Hand-written rather than nimbus-jose-jwt because it costs less at cold start: a first
 * verification (JWKS fetch over loopback HTTP included, fresh JVM) loads 550 classes in a median
 * 219 ms here against 916 classes in 338-442 ms for nimbus-jose-jwt 10.5
 * (bench/library-cold/run.sh, docs/cold-start.md).
 */
public final class JwksTokenVerifier {
  static final Duration REFETCH_PAUSE = Duration.ofMinutes(5);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
  private static final int MAX_TOKEN_LENGTH = 8192;
  private static final Base64.Decoder B64 = Base64.getUrlDecoder();

  private final String issuer;
  private final String audience;
  private final URI jwksUri;
  private final JwksFetch fetch;
  private final Clock clock;

  private volatile Map<String, PublicKey> keys = Map.of();
  private volatile Instant lastFetch = Instant.MIN;
  private final Object fetchLock = new Object();

  /** With the JDK's {@link HttpClient} for the JWKS (tests pass their own). */
  public JwksTokenVerifier(String issuer, String audience, HttpClient http, Clock clock) {
    this(
        issuer,
        audience,
        uri -> {
          HttpResponse<String> response =
              http.send(
                  HttpRequest.newBuilder(uri).timeout(READ_TIMEOUT).GET().build(),
                  HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() != 200) {
            throw new IllegalStateException("JWKS answered " + response.statusCode());
          }
          return response.body();
        },
        clock);
  }

  private JwksTokenVerifier(String issuer, String audience, JwksFetch fetch, Clock clock) {
    this.issuer = issuer;
    this.audience = audience;
    this.jwksUri = URI.create(stripSlash(issuer) + "/.well-known/jwks.json");
    this.fetch = fetch;
    this.clock = clock;
  }

  /**
   * For the function's environment ({@code JWT_ISSUER}, {@code JWT_AUDIENCE}). The JWKS is read
   * with {@link HttpURLConnection}, whose classes the SDK's url-connection client has loaded
   * already, not with {@link HttpClient}: built at start-up, that one (TLS set-up, selector thread)
   * cost the stats function 385 of its 3,995 classes on view requests that carry no token, and a
   * first verification through it loaded 1,518 classes in 602 ms.
   */
  public static JwksTokenVerifier create(String issuer, String audience) {
    return new JwksTokenVerifier(issuer, audience, JwksTokenVerifier::read, Clock.systemUTC());
  }

  /** Reads the key set at {@code uri}: 2 s to connect, 3 s to read, 200 only. */
  private static String read(URI uri) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    try {
      connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
      connection.setInstanceFollowRedirects(false);
      int status = connection.getResponseCode();
      if (status != 200) {
        throw new IllegalStateException("JWKS answered " + status);
      }
      try (InputStream in = connection.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } finally {
      connection.disconnect();
    }
  }

  /** How the key set is read. */
  @FunctionalInterface
  private interface JwksFetch {
    String read(URI uri) throws IOException, InterruptedException;
  }

  /** The caller named by an {@code Authorization} header value, if it is a valid bearer token. */
  public Optional<Caller> verifyBearer(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String value = authorization.strip();
    if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      value = value.substring(7).strip();
    }
    return verify(value);
  }

  /** The caller named by a raw JWT, if valid. */
  public Optional<Caller> verify(String token) {
    try {
      return Optional.ofNullable(check(token));
    } catch (RuntimeException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  private Caller check(String token) throws GeneralSecurityException {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      return null;
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return null;
    }
    Map<?, ?> header = object(parts[0]);
    // RS256 only: refusing everything else closes the "alg: none" and HMAC-with-public-key holes.
    if (header == null
        || !"RS256".equals(header.get("alg"))
        || !(header.get("kid") instanceof String kid)) {
      return null;
    }
    PublicKey key = keyFor(kid);
    if (key == null) {
      return null;
    }
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(key);
    verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    if (!verifier.verify(B64.decode(parts[2]))) {
      return null;
    }
    Map<?, ?> claims = object(parts[1]);
    if (claims == null || !claimsAreValid(claims)) {
      return null;
    }
    Map<String, String> flat = new HashMap<>();
    claims.forEach((k, v) -> flat.put(String.valueOf(k), flatten(v)));
    return Caller.fromClaims(flat).orElse(null);
  }

  private boolean claimsAreValid(Map<?, ?> claims) {
    long now = clock.instant().getEpochSecond();
    if (!issuer.equals(claims.get("iss"))) {
      return false;
    }
    if (!(claims.get("exp") instanceof Number exp) || exp.longValue() <= now) {
      return false;
    }
    if (claims.containsKey("nbf")
        && (!(claims.get("nbf") instanceof Number nbf) || nbf.longValue() > now)) {
      return false;
    }
    Object aud = claims.get("aud");
    return audience.equals(aud)
        || (aud instanceof List<?> list && list.contains(audience))
        || audience.equals(claims.get("client_id"));
  }

  private PublicKey keyFor(String kid) {
    PublicKey key = keys.get(kid);
    if (key != null) {
      return key;
    }
    synchronized (fetchLock) {
      key = keys.get(kid);
      if (key != null) {
        return key;
      }
      Instant now = clock.instant();
      if (!lastFetch.equals(Instant.MIN) && now.isBefore(lastFetch.plus(REFETCH_PAUSE))) {
        return null;
      }
      lastFetch = now;
      keys = fetchKeys();
      return keys.get(kid);
    }
  }

  /** The issuer's RSA signing keys by kid; on any failure the keys known so far. */
  private Map<String, PublicKey> fetchKeys() {
    try {
      String body = fetch.read(jwksUri);
      Map<String, PublicKey> fetched = new HashMap<>();
      if (Json.parse(body) instanceof Map<?, ?> jwks && jwks.get("keys") instanceof List<?> list) {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        for (Object entry : list) {
          if (entry instanceof Map<?, ?> jwk
              && "RSA".equals(jwk.get("kty"))
              && jwk.get("kid") instanceof String kid
              && jwk.get("n") instanceof String n
              && jwk.get("e") instanceof String e
              && (jwk.get("use") == null || "sig".equals(jwk.get("use")))) {
            fetched.put(
                kid,
                rsa.generatePublic(
                    new RSAPublicKeySpec(
                        new BigInteger(1, B64.decode(n)), new BigInteger(1, B64.decode(e)))));
          }
        }
      }
      return Map.copyOf(fetched);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return keys;
    } catch (Exception e) {
      Log.warn(
          "jwks_fetch_failed",
          Map.of("exception", e.getClass().getName(), "message", String.valueOf(e.getMessage())));
      return keys;
    }
  }

  private static Map<?, ?> object(String base64Url) {
    Object value = Json.parse(new String(B64.decode(base64Url), StandardCharsets.UTF_8));
    return value instanceof Map<?, ?> map ? map : null;
  }

  /** Claims as API Gateway hands them to a function: arrays become {@code "[a b]"}. */
  private static String flatten(Object value) {
    if (value instanceof List<?> list) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        sb.append(i == 0 ? "" : " ").append(list.get(i));
      }
      return sb.append(']').toString();
    }
    return String.valueOf(value);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
