package bloghome.comments;

import bloghome.time.Timestamps;
import java.time.Instant;

/**
 * Keys of the comment items (see docs/comments.md).
 *
 * <p>Every comment lives in its post's partition. A top-level comment's sort key is {@code
 * C#{createdAt}#{commentId}}; a reply's is its parent's sort key followed by {@code
 * #R#{createdAt}#{replyId}}, so a thread sorts right under its parent. Timestamps are fixed-width
 * and ids have a fixed length, which is what makes the range bounds below exact.
 */
public final class CommentKeys {
  /** Prefix of comment ids, as {@code c_3kT9xQ2mW8vYb1Lq0ZcA7e}. */
  public static final String ID_PREFIX = "c";

  /** The ByOwner partition that lists a post's threads (top-level comments and reply previews). */
  public static String threadsPk(String postId) {
    return "COMMENTS#" + postId;
  }

  public static String postPk(String postId) {
    return "POST#" + postId;
  }

  public static final String SUMMARY_SK = "SUMMARY";

  /** Pointer item that finds a comment by id alone. */
  public static String pointerPk(String commentId) {
    return "COMMENT#" + commentId;
  }

  public static final String POINTER_SK = "COMMENT";

  public static String topLevelSk(Instant createdAt, String commentId) {
    return "C#" + timestamp(createdAt) + "#" + commentId;
  }

  public static String replySk(String parentSk, Instant createdAt, String replyId) {
    return parentSk + "#R#" + timestamp(createdAt) + "#" + replyId;
  }

  /** Lowest sort key of a thread's replies. */
  public static String repliesFrom(String parentSk) {
    return parentSk + "#R#";
  }

  /** Highest sort key of a thread's replies ({@code ~} sorts after every id and digit). */
  public static String repliesTo(String parentSk) {
    return parentSk + "#R#~";
  }

  /**
   * Smallest key greater than {@code sk} and every key that extends it. Top-level sort keys have
   * one length, so the next thread differs from {@code sk} before its end; {@code $} sorts right
   * after {@code #}, which is where a thread's replies continue the parent's key.
   */
  public static String afterThread(String sk) {
    return sk + "$";
  }

  /**
   * Smallest key greater than the reply key {@code sk}. Reply keys of a thread all have the same
   * length, so any greater one already differs within that length.
   */
  public static String afterReply(String sk) {
    return sk + "!";
  }

  /** The parent's sort key inside a reply's sort key. */
  public static String parentSkOf(String replySk) {
    int marker = replySk.indexOf("#R#");
    if (marker < 0) {
      throw new IllegalArgumentException("not a reply key: " + replySk);
    }
    return replySk.substring(0, marker);
  }

  public static String timestamp(Instant instant) {
    return Timestamps.format(instant);
  }

  public static Instant parseTimestamp(String text) {
    return Timestamps.parse(text);
  }

  private CommentKeys() {}
}
