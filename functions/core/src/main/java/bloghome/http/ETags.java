package bloghome.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * Strong entity tags over a response's bytes and the {@code If-None-Match} check that turns a
 * matching GET into a bodiless 304: the one implementation for the JSON reads and the pages.
 */
public final class ETags {
  private ETags() {}

  /** A strong tag: 27 characters of the SHA-256 of the bytes, URL-safe Base64, quoted. */
  public static String of(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\""
          + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27)
          + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The tag of a text body, over its UTF-8 bytes. */
  public static String of(String body) {
    return of(body.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether a request carrying this {@code If-None-Match} (if any) already has {@code etag}. */
  public static boolean notModified(Optional<String> ifNoneMatch, String etag) {
    return ifNoneMatch.map(tags -> matches(tags, etag)).orElse(false);
  }

  /**
   * If-None-Match holds {@code *} or a comma-separated list of tags; weak tags compare weakly, as
   * RFC 9110 asks of If-None-Match, so {@code W/"x"} matches {@code "x"}.
   */
  public static boolean matches(String ifNoneMatch, String etag) {
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals("*") || tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
