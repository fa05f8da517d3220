package bloghome.pages;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where sign-in may send the reader back to: one rule, the same as {@code safeReturn} in {@code
 * callback.js}. The value is read as a URL relative to the page's origin, as the browser reads it,
 * and kept only when it stays on that origin and names one of our pages ({@code /u/...}, {@code
 * /p/...}, the studio's); anything else is {@code /}.
 *
 * <p>Java's URI parser is stricter than a browser's: browsers drop tab, CR and LF and read {@code
 * \} as {@code /}, so {@code /<tab>/host} and {@code /\host} lead elsewhere there. A value holding
 * a control character or a backslash is therefore refused before parsing.
 */
public final class ReturnPath {
  public static final String HOME = "/";
  static final int MAX_LENGTH = 2000;
  private static final URI ORIGIN = URI.create("https://origin.invalid/");

  private ReturnPath() {}

  public static String safe(Optional<String> value) {
    String v = value.orElse(HOME);
    if (v.isEmpty() || v.length() > MAX_LENGTH || v.charAt(0) != '/') {
      return HOME;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 0x20 || c == 0x7F || c == '\\' || Character.getType(c) == Character.FORMAT) {
        return HOME;
      }
    }
    if (v.toLowerCase(Locale.ROOT).contains("%2e")) {
      return HOME; // browsers read %2e%2e as a ".." segment; Java's URI does not
    }
    URI url;
    try {
      url = ORIGIN.resolve(new URI(v)).normalize();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return HOME;
    }
    boolean sameOrigin =
        ORIGIN.getScheme().equals(url.getScheme())
            && ORIGIN.getRawAuthority().equals(url.getRawAuthority());
    String path = url.getRawPath();
    if (!sameOrigin || path == null || !isOurs(path)) {
      return HOME;
    }
    return path
        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery())
        + (url.getRawFragment() == null ? "" : "#" + url.getRawFragment());
  }

  /**
   * A blog or a post page (and what lies under them), or a studio page ({@code /write}, {@code
   * /studio...}); not the sign-in pages themselves.
   */
  static boolean isOurs(String path) {
    return path.startsWith("/u/")
        || path.startsWith("/p/")
        || path.equals("/write")
        || path.equals("/studio")
        || path.startsWith("/studio/");
  }
}
