package bloghome.listing.api;

import bloghome.http.ApiRequest;
import bloghome.http.ETags;
import bloghome.http.Responses;
import bloghome.json.Json;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
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
    String etag = ETags.of(body);
    Map<String, String> headers = new HashMap<>();
    headers.put("etag", etag);
    headers.put("cache-control", CACHE_CONTROL);
    if (ETags.notModified(request.header("if-none-match"), etag)) {
      return Responses.empty(304, headers);
    }
    return Responses.jsonText(200, body, headers);
  }
}
