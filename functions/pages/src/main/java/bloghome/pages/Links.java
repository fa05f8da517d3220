package bloghome.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds the site's own URLs: paths with encoded segments and query strings. */
public final class Links {
  private Links() {}

  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public static String home(String userId) {
    return "/u/" + segment(userId);
  }

  public static String post(String postId) {
    return "/p/" + segment(postId);
  }

  /** {@code path} with the non-null parameters, in the given order. */
  public static String withQuery(String path, Map<String, String> params) {
    StringBuilder sb = new StringBuilder(path);
    char sep = '?';
    for (Map.Entry<String, String> p : params.entrySet()) {
      if (p.getValue() == null) {
        continue;
      }
      sb.append(sep)
          .append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return sb.toString();
  }
}
