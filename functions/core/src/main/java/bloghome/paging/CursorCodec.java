package bloghome.paging;

import bloghome.aws.Priming;
import bloghome.config.Env;
import bloghome.errors.Problem;
import bloghome.json.Json;
import bloghome.json.JsonException;
import bloghome.log.Metrics;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident page cursors.
 *
 * <p>A cursor is {@code base64url(json) + "." + base64url(HMAC-SHA256)}. The JSON holds the scope
 * it was issued for (e.g. {@code posts|alice|latest|all}), the position (the store's last evaluated
 * key, as strings) and, for a codec with a lifetime, the issue time. A cursor that was modified,
 * has expired, or was issued for another scope (another user, sort or filter) is a 400 naming the
 * {@code cursor}.
 *
 * <p>A codec {@link #withoutExpiry} writes no time, so the same position always gives the same
 * cursor: a response that carries one stays byte-identical while the data does not change, and its
 * ETag can match (the post listing needs this).
 *
 * <p>New cursors are signed with the current key; a cursor signed with the previous key is still
 * accepted, so rotating the key (docs/operations.md) does not break cursors clients hold.
 */
public final class CursorCodec {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final int MAX_CURSOR_LENGTH = 2048;

  private final Supplier<CursorKeys> keys;
  private final Clock clock;
  private final Duration lifetime;

  /**
   * @param lifetime how long a cursor stays valid after it is issued; null for cursors without a
   *     time, which never expire (see {@link #withoutExpiry})
   */
  public CursorCodec(byte[] secret, Clock clock, Duration lifetime) {
    this(fixed(new CursorKeys(secret.clone(), Optional.empty())), clock, lifetime);
  }

  public CursorCodec(Supplier<CursorKeys> keys, Clock clock, Duration lifetime) {
    this.keys = keys;
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** From {@code CURSOR_SIGNING_KEY} (any string of 32+ characters), valid for 24 hours. */
  public static CursorCodec fromSecret(String secret, Clock clock) {
    return new CursorCodec(secret.getBytes(StandardCharsets.UTF_8), clock, Duration.ofHours(24));
  }

  /**
   * Production: the keys of the SSM parameter named by {@code CURSOR_KEY_PARAMETER}, read at the
   * first use and every few minutes, and again after a SnapStart restore. Without that variable,
   * {@code CURSOR_SIGNING_KEY} ({@code current[,previous]}), for tests and tools.
   */
  public static CursorCodec fromEnvironment(Clock clock) {
    Optional<String> parameter = Env.get("CURSOR_KEY_PARAMETER");
    if (parameter.isPresent()) {
      SsmCursorKeys ssm = SsmCursorKeys.fromParameter(parameter.get(), clock);
      Priming.onRestore("cursor-keys", ssm::forget);
      return new CursorCodec(ssm, clock, Duration.ofHours(24));
    }
    CursorKeys fixed =
        CursorKeys.parse(
            Env.get("CURSOR_SIGNING_KEY")
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "Neither CURSOR_KEY_PARAMETER nor CURSOR_SIGNING_KEY is set: no key to sign cursors with")));
    return new CursorCodec(fixed(fixed), clock, Duration.ofHours(24));
  }

  private static Supplier<CursorKeys> fixed(CursorKeys keys) {
    if (keys.current().length < 16) {
      throw new IllegalArgumentException("cursor signing key must be at least 16 bytes");
    }
    return () -> keys;
  }

  /**
   * The same keys, for cursors that hold no time and so never expire: the same position always
   * encodes to the same cursor. Safe where a cursor only names a position in a public listing: it
   * stays signed and bound to its scope, and an old one simply continues from that position as the
   * listing is now. Retiring a key (rotating twice) ends the cursors it signed.
   */
  public CursorCodec withoutExpiry() {
    return new CursorCodec(keys, clock, null);
  }

  /**
   * From {@code CURSOR_SIGNING_KEY}, for cursors that hold no time and so never expire: the same
   * position always encodes to the same cursor. Safe where a cursor only names a position in a
   * public listing: it stays signed and bound to its scope, and an old one simply continues from
   * that position as the listing is now. Rotating the key twice ends every cursor signed with it.
   */
  public static CursorCodec withoutExpiry(String secret) {
    return new CursorCodec(secret.getBytes(StandardCharsets.UTF_8), Clock.systemUTC(), null);
  }

  /** A cursor for {@code position} within {@code scope}. */
  public String encode(String scope, Map<String, String> position) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("s", scope);
    payload.put("p", position);
    if (lifetime != null) {
      payload.put("t", clock.instant().getEpochSecond());
    }
    String body = B64.encodeToString(Json.write(payload).getBytes(StandardCharsets.UTF_8));
    return body + "." + B64.encodeToString(mac(keys.get().current(), body));
  }

  /** The position inside a cursor issued for {@code scope}; throws a 400 otherwise. */
  public Map<String, String> decode(String scope, String cursor) {
    if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH) {
      throw invalid("The cursor is not valid.");
    }
    int dot = cursor.indexOf('.');
    if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
      throw invalid("The cursor is not valid.");
    }
    String body = cursor.substring(0, dot);
    byte[] signature;
    byte[] json;
    try {
      signature = B64D.decode(cursor.substring(dot + 1));
      json = B64D.decode(body);
    } catch (IllegalArgumentException e) {
      throw invalid("The cursor is not valid.");
    }
    if (!signedWithAKeyWeHold(signature, body)) {
      throw invalid("The cursor is not valid.");
    }
    Map<?, ?> payload;
    try {
      payload = (Map<?, ?>) Json.parse(new String(json, StandardCharsets.UTF_8));
    } catch (JsonException | ClassCastException e) {
      throw invalid("The cursor is not valid.");
    }
    if (!scope.equals(payload.get("s"))) {
      throw invalid("The cursor belongs to another listing (user, sort or filter).");
    }
    if (lifetime != null
        && (!(payload.get("t") instanceof Long issued)
            || clock.instant().getEpochSecond() - issued > lifetime.toSeconds())) {
      throw invalid("The cursor has expired: start again from the first page.");
    }
    Map<String, String> position = new LinkedHashMap<>();
    if (payload.get("p") instanceof Map<?, ?> p) {
      p.forEach((k, v) -> position.put(String.valueOf(k), String.valueOf(v)));
    }
    return position;
  }

  private static Problem invalid(String message) {
    Metrics.count("CursorRejected");
    return Problem.invalid("INVALID_CURSOR", "cursor", message);
  }

  private boolean signedWithAKeyWeHold(byte[] signature, String body) {
    boolean match = false;
    for (byte[] key : keys.get().verifying()) {
      match |= MessageDigest.isEqual(signature, mac(key, body));
    }
    return match;
  }

  private static byte[] mac(byte[] key, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
