package bloghome.errors;

import java.util.Map;

/**
 * A failure the caller can act on: a stable machine-readable {@code code}, a human message, and the
 * request field at fault when there is one. Domain and storage code throw it without knowing about
 * HTTP; the HTTP layer maps {@link Kind} to a status code.
 */
public class Problem extends RuntimeException {

  /** What went wrong, independent of the transport. */
  public enum Kind {
    INVALID_INPUT(400),
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    CONFLICT(409),
    PRECONDITION_FAILED(412),
    TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    TOO_MANY_REQUESTS(429),
    /**
     * A dependency (DynamoDB, S3) is overloaded or failing past the SDK's retries: not the caller's
     * fault.
     */
    SERVICE_UNAVAILABLE(503);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final Kind kind;
  private final String code;
  private final String field;

  public Problem(Kind kind, String code, String message, String field) {
    super(message);
    this.kind = kind;
    this.code = code;
    this.field = field;
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  /**
   * Members the answer carries beside {@code error} (e.g. the stored post of a version conflict);
   * none by default.
   */
  public Map<String, Object> details() {
    return Map.of();
  }

  /** The offending request field, or null when the problem is not about one field. */
  public String field() {
    return field;
  }

  public static Problem invalid(String field, String message) {
    return new Problem(Kind.INVALID_INPUT, "INVALID_" + constantCase(field), message, field);
  }

  public static Problem invalid(String code, String field, String message) {
    return new Problem(Kind.INVALID_INPUT, code, message, field);
  }

  public static Problem notFound(String code, String message) {
    return new Problem(Kind.NOT_FOUND, code, message, null);
  }

  public static Problem forbidden(String code, String message) {
    return new Problem(Kind.FORBIDDEN, code, message, null);
  }

  public static Problem unauthenticated(String message) {
    return new Problem(Kind.UNAUTHENTICATED, "UNAUTHENTICATED", message, null);
  }

  public static Problem conflict(String code, String message) {
    return new Problem(Kind.CONFLICT, code, message, null);
  }

  public static Problem tooLarge(String field, String message) {
    return new Problem(Kind.TOO_LARGE, "TOO_LARGE", message, field);
  }

  /** {@code publishedAt} -> {@code PUBLISHED_AT}; nested names keep only letters and digits. */
  static String constantCase(String field) {
    if (field == null || field.isEmpty()) {
      return "INPUT";
    }
    StringBuilder sb = new StringBuilder();
    char previous = 0;
    for (char c : field.toCharArray()) {
      if (Character.isUpperCase(c) && Character.isLowerCase(previous)) {
        sb.append('_');
      }
      if (Character.isLetterOrDigit(c)) {
        sb.append(Character.toUpperCase(c));
      } else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '_') {
        sb.append('_');
      }
      previous = c;
    }
    while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '_') {
      sb.setLength(sb.length() - 1);
    }
    return sb.toString();
  }
}
