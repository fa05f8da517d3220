package bloghome.skins;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Browser-loadable URLs of accepted images: the media base URL (CloudFront in AWS, the local
 * gateway's media route locally) plus the key, each path segment percent-encoded so that user ids
 * with spaces, {@code +} or non-ASCII characters still make a valid URL.
 */
public final class MediaUrls {
  private final String baseUrl;

  public MediaUrls(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  public String url(String key) {
    StringBuilder sb = new StringBuilder(baseUrl);
    for (String segment : key.split("/", -1)) {
      sb.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return sb.toString();
  }
}
