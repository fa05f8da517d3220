package bloghome.stats.visitor;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The anonymous id of a visitor for one day: HMAC-SHA256, keyed with the day's {@link DailySalt},
 * over the IP address and User-Agent. Only the id is kept, never the IP or the User-Agent, and
 * without the salt the id cannot be traced back or linked to the same person on another day.
 */
public final class VisitorId {
  /** Characters in an id: 128 bits in unpadded base64url. */
  public static final int LENGTH = 22;

  private static final int ID_BYTES = 16;
  private static final String ALGORITHM = "HmacSHA256";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private VisitorId() {}

  /** The id of the visitor with this IP address and User-Agent on the salt's day. */
  public static String of(DailySalt salt, String ip, String userAgent) {
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(userAgent, "userAgent");
    byte[] secret = salt.secret();
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      // A newline cannot occur in an IP address, so distinct pairs never make the same input.
      byte[] digest = mac.doFinal((ip + "\n" + userAgent).getBytes(StandardCharsets.UTF_8));
      return ENCODER.encodeToString(Arrays.copyOf(digest, ID_BYTES));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }
}
