package bloghome.pages.api;

import bloghome.http.ETags;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTML responses with the headers every page carries (CSP, nosniff, referrer policy), and for
 * public pages a strong ETag over the bytes with {@code If-None-Match} answered by a 304 ({@link
 * ETags}, shared with the JSON reads).
 */
final class HtmlResponses {
  /** Browsers keep a public page a minute, a CDN five; counters move with every view. */
  static final String PUBLIC_CACHE = "public, max-age=60, s-maxage=300";

  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  /** How a page may be cached. */
  enum Caching {
    /** Same bytes for everyone: ETag and a short shared lifetime. */
    PUBLIC,
    /** A shell whose script looks at the reader's session, or an error: never stored. */
    NO_STORE
  }

  private HtmlResponses() {}

  static final String HTML = "text/html; charset=utf-8";

  static APIGatewayV2HTTPResponse page(
      int status,
      String html,
      String contentType,
      String csp,
      Caching caching,
      Optional<String> ifNoneMatch,
      List<String> cookies,
      String referrerPolicy) {
    Map<String, String> headers = new HashMap<>();
    headers.put("content-security-policy", csp);
    headers.put("x-content-type-options", "nosniff");
    headers.put("referrer-policy", referrerPolicy);
    headers.put("vary", "accept-language, cookie");
    if (caching == Caching.PUBLIC && status == 200) {
      String etag = ETags.of(html);
      headers.put("etag", etag);
      headers.put("cache-control", PUBLIC_CACHE);
      if (ETags.notModified(ifNoneMatch, etag)) {
        return build(304, headers, null, cookies);
      }
    } else {
      headers.put("cache-control", "no-store");
    }
    headers.put("content-type", contentType);
    return build(status, headers, html, cookies);
  }

  static APIGatewayV2HTTPResponse asset(
      String contentType, byte[] bytes, Optional<String> ifNoneMatch) {
    Map<String, String> headers = new HashMap<>();
    String etag = ETags.of(bytes);
    headers.put("etag", etag);
    headers.put("cache-control", IMMUTABLE);
    headers.put("x-content-type-options", "nosniff");
    if (ETags.notModified(ifNoneMatch, etag)) {
      return build(304, headers, null, List.of());
    }
    headers.put("content-type", contentType);
    return build(200, headers, new String(bytes, StandardCharsets.UTF_8), List.of());
  }

  private static APIGatewayV2HTTPResponse build(
      int status, Map<String, String> headers, String body, List<String> cookies) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(headers)
        .withCookies(cookies.isEmpty() ? null : cookies)
        .withBody(body)
        .withIsBase64Encoded(false)
        .build();
  }

  /** The CSP source for an inline {@code <style>} with exactly this text. */
  static String styleHash(String css) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(css.getBytes(StandardCharsets.UTF_8));
      return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
