package bloghome.comments;

import bloghome.json.JsonValue;
import bloghome.time.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A comment as readers see it. A deleted comment that still has replies is a placeholder: its body
 * and author are gone, {@code deleted} is true, and it stays so the thread still reads.
 *
 * @param replyTo the top-level comment this one answers, or null for a top-level comment
 */
public record Comment(
    String commentId,
    String postId,
    String authorId,
    String authorName,
    String body,
    String replyTo,
    Instant createdAt,
    boolean deleted)
    implements JsonValue {

  /** Prefix of comment ids, as {@code c_3kT9xQ2mW8vYb1Lq0ZcA7e}. */
  public static final String ID_PREFIX = "c";

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("commentId", commentId);
    json.put("postId", postId);
    json.put("authorId", authorId);
    json.put("authorName", authorName);
    json.put("body", body);
    json.put("replyTo", replyTo);
    json.put("createdAt", Timestamps.format(createdAt));
    json.put("deleted", deleted);
    return json;
  }
}
