package bloghome.http;

import bloghome.auth.Caller;
import bloghome.errors.Problem;
import bloghome.ids.Ids;
import bloghome.json.JsonObject;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Read-only view of an HTTP API (payload 2.0) request, with errors that name the input. */
public final class ApiRequest {
  private final APIGatewayV2HTTPEvent event;

  public ApiRequest(APIGatewayV2HTTPEvent event) {
    this.event = event;
  }

  public APIGatewayV2HTTPEvent event() {
    return event;
  }

  public String routeKey() {
    return event.getRouteKey() == null ? "" : event.getRouteKey();
  }

  /**
   * A path parameter. Every id ({@code userId}, {@code postId}, {@code commentId}, {@code
   * uploadId}, any {@code …Id}) is checked here, once for every route: it must be key-safe ({@link
   * Ids#isKeySafe}: 1-128 letters, digits and {@code . _ @ + -}), else a 400 naming the parameter
   * before any read. Whether a key-safe id names something is the use case's business (404).
   */
  public String pathParam(String name) {
    Map<String, String> params = event.getPathParameters();
    String value = params == null ? null : params.get(name);
    if (value == null || value.isBlank()) {
      throw Problem.invalid(name, "Path parameter " + name + " is required.");
    }
    if (name.endsWith("Id") && !Ids.isKeySafe(value)) {
      throw Problem.invalid(
          name, name + " must be 1-128 characters of letters, digits and . _ @ + -");
    }
    return value;
  }

  public Optional<String> query(String name) {
    Map<String, String> params = event.getQueryStringParameters();
    String value = params == null ? null : params.get(name);
    return value == null ? Optional.empty() : Optional.of(value);
  }

  /** Header lookup ignoring case (HTTP API lower-cases names, other callers may not). */
  public Optional<String> header(String name) {
    Map<String, String> headers = event.getHeaders();
    if (headers == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return Optional.ofNullable(h.getValue());
      }
    }
    return Optional.empty();
  }

  /**
   * The client's address. Behind the site's CloudFront distribution the API's source IP is an edge
   * server's, shared by many readers: the distribution forwards the reader's own in {@code
   * CloudFront-Viewer-Address} ({@code ip:port}, the port dropped here). A caller that skips
   * CloudFront can set that header itself, as it can any User-Agent: no worse for view counting.
   */
  public Optional<String> sourceIp() {
    Optional<String> viewer = header("cloudfront-viewer-address");
    if (viewer.isPresent() && viewer.get().lastIndexOf(':') > 0) {
      String address = viewer.get().strip();
      return Optional.of(address.substring(0, address.lastIndexOf(':')));
    }
    var ctx = event.getRequestContext();
    if (ctx == null || ctx.getHttp() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(ctx.getHttp().getSourceIp());
  }

  /** The verified caller, if the request carried a token the authorizer accepted. */
  public Optional<Caller> caller() {
    var ctx = event.getRequestContext();
    if (ctx == null || ctx.getAuthorizer() == null || ctx.getAuthorizer().getJwt() == null) {
      return Optional.empty();
    }
    return Caller.fromClaims(ctx.getAuthorizer().getJwt().getClaims());
  }

  public Caller requireCaller() {
    return caller().orElseThrow(() -> Problem.unauthenticated("A valid bearer token is required."));
  }

  /** The body as UTF-8 text; 413 past {@code maxBytes}. */
  public String body(int maxBytes) {
    String raw = event.getBody();
    if (raw == null) {
      return "";
    }
    byte[] bytes;
    if (event.getIsBase64Encoded()) {
      if (raw.length() > (maxBytes / 3 + 1) * 4 + 4) {
        throw Problem.tooLarge("body", "The body is larger than " + maxBytes + " bytes.");
      }
      try {
        bytes = Base64.getDecoder().decode(raw);
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("MALFORMED_BODY", "body", "The body is not valid base64.");
      }
    } else {
      if (raw.length() > maxBytes) {
        throw Problem.tooLarge("body", "The body is larger than " + maxBytes + " bytes.");
      }
      bytes = raw.getBytes(StandardCharsets.UTF_8);
    }
    if (bytes.length > maxBytes) {
      throw Problem.tooLarge("body", "The body is larger than " + maxBytes + " bytes.");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * The body as a JSON object; 415 unless the content type is {@code application/json} (any
   * parameters, such as a charset, are allowed; a missing content type is a 415 too), 413 past
   * {@code maxBytes}, 400 when empty or malformed. Routes that take no body never call this, so
   * they ignore the content type.
   */
  public JsonObject json(int maxBytes) {
    if (!isJson(header("content-type").orElse(""))) {
      throw new Problem(
          Problem.Kind.UNSUPPORTED_MEDIA_TYPE,
          "UNSUPPORTED_MEDIA_TYPE",
          "The body must be JSON, sent with content-type: application/json.",
          "content-type");
    }
    return JsonObject.parseBody(body(maxBytes));
  }

  /** Whether the media type, without its parameters and ignoring case, is application/json. */
  static boolean isJson(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    return type.equalsIgnoreCase("application/json");
  }
}
