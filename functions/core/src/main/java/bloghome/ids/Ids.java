package bloghome.ids;

import java.security.SecureRandom;
import java.util.Base64;

/** Server-generated identifiers: URL-safe and unguessable (128 random bits). */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Ids() {}

  /** {@code prefix + "_" + 22 URL-safe characters}, e.g. {@code p_3kT9xQ2mW8vYb1Lq0ZcA7e}. */
  public static String newId(String prefix) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return prefix + "_" + B64.encodeToString(bytes);
  }

  /**
   * Whether {@code id} may go into a key after a {@code #}: 1-128 letters, digits and {@code . _ @
   * + -}. No {@code #} or {@code |} can reach into another key or cursor scope, and junk path
   * parameters are turned away before they cost a read.
   */
  public static boolean isKeySafe(String id) {
    if (id == null || id.isEmpty() || id.length() > 128) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '@'
              || c == '+'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code id} has the shape {@link #newId} produces (cheap check before any lookup). */
  public static boolean looksValid(String id, String prefix) {
    if (id == null || id.length() != prefix.length() + 23 || !id.startsWith(prefix + "_")) {
      return false;
    }
    for (int i = prefix.length() + 1; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
