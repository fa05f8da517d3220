package bloghome.comments;

import bloghome.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the comments API. */
public final class CommentViews {
  private CommentViews() {}

  /** A created comment; {@code replayed} when an Idempotency-Key returned an earlier result. */
  public record CreateOutcome(Comment comment, boolean replayed) {}

  /**
   * A top-level comment with its first replies.
   *
   * @param repliesCursor where the rest of the thread's replies start, or null if all are shown
   */
  public record ThreadView(
      Comment comment, List<Comment> replies, long replyCount, String repliesCursor)
      implements JsonValue {
    @Override
    public Map<String, Object> toJson() {
      Map<String, Object> json = comment.toJson();
      Map<String, Object> thread = new LinkedHashMap<>();
      thread.put("count", replyCount);
      thread.put("items", replies);
      thread.put("cursor", repliesCursor);
      json.put("replies", thread);
      return json;
    }
  }

  /**
   * A page of a post's threads.
   *
   * @param commentCount the post's visible comments, from its summary
   */
  public record ThreadPageView(
      String postId, long commentCount, List<ThreadView> items, String cursor)
      implements JsonValue {
    @Override
    public Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("postId", postId);
      json.put("commentCount", commentCount);
      json.put("items", items);
      json.put("cursor", cursor);
      return json;
    }
  }

  /** A page of one thread's replies. */
  public record ReplyPageView(String postId, String replyTo, List<Comment> items, String cursor)
      implements JsonValue {
    @Override
    public Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("postId", postId);
      json.put("replyTo", replyTo);
      json.put("items", items);
      json.put("cursor", cursor);
      return json;
    }
  }
}
