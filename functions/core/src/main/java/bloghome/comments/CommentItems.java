package bloghome.comments;

import static bloghome.table.Attributes.flag;
import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.s;
import static bloghome.table.Attributes.string;

import bloghome.comments.CommentStore.CommentRef;
import bloghome.comments.CommentStore.IdempotencyClaim;
import bloghome.comments.CommentStore.IdempotentResult;
import bloghome.comments.CommentStore.NewComment;
import bloghome.table.TableKeys;
import bloghome.time.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps comments, their pointer items and idempotency records to items and back. */
final class CommentItems {
  private CommentItems() {}

  /**
   * A comment in its post's partition. The ByOwner index holds exactly what a page of threads
   * shows: every top-level comment and the first PREVIEW_REPLIES replies of each thread (a sparse
   * index: other replies lack its keys).
   */
  static Map<String, AttributeValue> commentItem(NewComment newComment, boolean inPreview) {
    Comment c = newComment.comment();
    Map<String, AttributeValue> item = TableKeys.key(TableKeys.postPk(c.postId()), newComment.sk());
    item.putAll(fields(c));
    item.put("type", s("COMMENT"));
    if (c.replyTo() == null) {
      item.put("replies", n(0));
      item.put("previewCount", n(0));
    }
    if (inPreview) {
      item.put(TableKeys.GSI1PK, s(TableKeys.threadsPk(c.postId())));
      item.put(TableKeys.GSI1SK, s(newComment.sk()));
    }
    return item;
  }

  /** The pointer that finds a comment by id alone. */
  static Map<String, AttributeValue> pointerItem(NewComment newComment) {
    Comment c = newComment.comment();
    Map<String, AttributeValue> item =
        TableKeys.key(TableKeys.commentPointerPk(c.commentId()), TableKeys.COMMENT);
    item.put("type", s("COMMENT_REF"));
    item.put("commentId", s(c.commentId()));
    item.put("postId", s(c.postId()));
    item.put("commentSk", s(newComment.sk()));
    item.put("authorId", s(c.authorId()));
    if (c.replyTo() != null) {
      item.put("replyTo", s(c.replyTo()));
    }
    return item;
  }

  static CommentRef toRef(String commentId, Map<String, AttributeValue> item) {
    return new CommentRef(
        commentId,
        string(item, "postId"),
        string(item, "commentSk"),
        string(item, "authorId"),
        string(item, "replyTo"),
        flag(item, "deleted"));
  }

  static Map<String, AttributeValue> idempotencyItem(IdempotencyClaim claim, Comment c) {
    Map<String, AttributeValue> item =
        TableKeys.key(
            TableKeys.commentIdempotencyPk(claim.userId(), claim.key()), TableKeys.COMMENT);
    item.put("type", s("IDEMPOTENCY"));
    item.put("requestHash", s(claim.requestHash()));
    item.put("comment", AttributeValue.fromM(fields(c)));
    item.put(TableKeys.EXPIRES_AT, n(claim.expiresAt().getEpochSecond()));
    return item;
  }

  /** The remembered result, or null for a record that holds none. */
  static IdempotentResult toIdempotentResult(Map<String, AttributeValue> item) {
    if (!item.containsKey("comment")) {
      return null;
    }
    return new IdempotentResult(string(item, "requestHash"), toComment(item.get("comment").m()));
  }

  static Map<String, AttributeValue> fields(Comment c) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("commentId", s(c.commentId()));
    item.put("postId", s(c.postId()));
    item.put("authorId", s(c.authorId()));
    item.put("authorName", s(c.authorName()));
    item.put("body", s(c.body()));
    if (c.replyTo() != null) {
      item.put("replyTo", s(c.replyTo()));
    }
    item.put("createdAt", s(Timestamps.format(c.createdAt())));
    return item;
  }

  /** A deleted comment (a placeholder kept for its replies) shows neither author nor text. */
  static Comment toComment(Map<String, AttributeValue> item) {
    boolean deleted = flag(item, "deleted");
    return new Comment(
        string(item, "commentId"),
        string(item, "postId"),
        deleted ? null : string(item, "authorId"),
        deleted ? null : string(item, "authorName"),
        deleted ? null : string(item, "body"),
        string(item, "replyTo"),
        Timestamps.parse(string(item, "createdAt")),
        deleted);
  }
}
