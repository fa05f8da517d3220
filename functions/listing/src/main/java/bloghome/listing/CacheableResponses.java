package bloghome.listing;

import bloghome.http.ApiRequest;
import bloghome.http.Responses;
import bloghome.json.Json;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Public GETs with a strong ETag (a hash of the body) and a short shared cache lifetime. A client
 * or CDN that sends the current tag back in If-None-Match gets a bodiless 304.
 */
final class CacheableResponses {
  /** Short, because counters move with every view; long enough to absorb bursts. */
  static final String CACHE_CONTROL = "public, max-age=30";

  private CacheableResponses() {}

  static APIGatewayV2HTTPResponse ok(ApiRequest request, Object value) {
    String body = Json.write(value);
    String etag = etag(body);
    Map<String, String> headers = new HashMap<>();
    headers.put("etag", etag);
    headers.put("cache-control", CACHE_CONTROL);
    if (request.header("if-none-match").map(tags -> matches(tags, etag)).orElse(false)) {
      return Responses.empty(304, headers);
    }
    headers.put("content-type", Responses.JSON);
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(200)
        .withHeaders(headers)
        .withBody(body)
        .withIsBase64Encoded(false)
        .build();
  }

  static String etag(String body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** If-None-Match holds {@code *} or a comma-separated list; weak tags compare weakly (RFC 9110). */
  static boolean matches(String ifNoneMatch, String etag) {
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
