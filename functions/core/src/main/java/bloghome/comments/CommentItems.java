package bloghome.comments;

import static bloghome.table.Attributes.flag;
import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.s;
import static bloghome.table.Attributes.string;

import bloghome.comments.CommentStore.CommentRef;
import bloghome.comments.CommentStore.IdempotencyClaim;
import bloghome.comments.CommentStore.IdempotentResult;
import bloghome.comments.CommentStore.NewComment;
import bloghome.table.PostSummaryItems;
import bloghome.table.TableKeys;
import bloghome.time.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
    item.put(TableKeys.ITEM_TYPE, s("COMMENT"));
    if (c.replyTo() == null) {
      item.put(TableKeys.REPLIES, n(0));
      item.put(TableKeys.PREVIEW_COUNT, n(0));
    }
    if (inPreview) {
      item.put(TableKeys.GSI1PK, s(TableKeys.threadsPk(c.postId())));
      item.put(TableKeys.GSI1SK, s(newComment.sk()));
    }
    return item;
  }

  /** Code points of a comment the blog's recent-comments list keeps. */
  static final int EXCERPT_MAX = 80;

  /**
   * The pointer that finds a comment by id alone; with {@code post} (the commented post's author
   * and title), also the comment's entry in that blog's recent-comments list (docs/discovery.md).
   */
  static Map<String, AttributeValue> pointerItem(
      NewComment newComment, Optional<PostSummaryItems.Summary> post) {
    Comment c = newComment.comment();
    Map<String, AttributeValue> item =
        TableKeys.key(TableKeys.commentPointerPk(c.commentId()), TableKeys.COMMENT);
    item.put(TableKeys.ITEM_TYPE, s("COMMENT_REF"));
    item.put(TableKeys.COMMENT_ID, s(c.commentId()));
    item.put(TableKeys.ITEM_POST_ID, s(c.postId()));
    item.put(TableKeys.COMMENT_SK, s(newComment.sk()));
    item.put(TableKeys.ITEM_AUTHOR_ID, s(c.authorId()));
    if (c.replyTo() != null) {
      item.put(TableKeys.REPLY_TO, s(c.replyTo()));
    }
    post.ifPresent(
        p -> {
          item.put(TableKeys.GSI1PK, s(TableKeys.recentCommentsOf(p.authorId())));
          item.put(TableKeys.GSI1SK, s(Timestamps.format(c.createdAt()) + "#" + c.commentId()));
          item.put(TableKeys.POST_TITLE, s(p.title()));
          item.put(TableKeys.AUTHOR_NAME, s(c.authorName() == null ? "" : c.authorName()));
          item.put(TableKeys.EXCERPT, s(excerpt(c.body())));
        });
    return item;
  }

  static String excerpt(String body) {
    String flat = body.replaceAll("\\s+", " ").strip();
    if (flat.codePointCount(0, flat.length()) <= EXCERPT_MAX) {
      return flat;
    }
    return flat.substring(0, flat.offsetByCodePoints(0, EXCERPT_MAX)) + "…";
  }

  static RecentComments.Recent toRecent(Map<String, AttributeValue> item) {
    String sortKey = string(item, TableKeys.GSI1SK);
    return new RecentComments.Recent(
        string(item, TableKeys.COMMENT_ID),
        string(item, TableKeys.ITEM_POST_ID),
        string(item, TableKeys.POST_TITLE),
        string(item, TableKeys.ITEM_AUTHOR_ID),
        string(item, TableKeys.AUTHOR_NAME),
        string(item, TableKeys.EXCERPT),
        Timestamps.parse(sortKey.substring(0, sortKey.indexOf('#'))));
  }

  static CommentRef toRef(String commentId, Map<String, AttributeValue> item) {
    return new CommentRef(
        commentId,
        string(item, TableKeys.ITEM_POST_ID),
        string(item, TableKeys.COMMENT_SK),
        string(item, TableKeys.ITEM_AUTHOR_ID),
        string(item, TableKeys.REPLY_TO),
        flag(item, TableKeys.DELETED));
  }

  static Map<String, AttributeValue> idempotencyItem(IdempotencyClaim claim, Comment c) {
    Map<String, AttributeValue> item =
        TableKeys.key(
            TableKeys.commentIdempotencyPk(claim.userId(), claim.key()), TableKeys.COMMENT);
    item.put(TableKeys.ITEM_TYPE, s("IDEMPOTENCY"));
    item.put(TableKeys.REQUEST_HASH, s(claim.requestHash()));
    item.put(TableKeys.REMEMBERED_COMMENT, AttributeValue.fromM(fields(c)));
    item.put(TableKeys.EXPIRES_AT, n(claim.expiresAt().getEpochSecond()));
    return item;
  }

  /** The remembered result, or null for a record that holds none. */
  static IdempotentResult toIdempotentResult(Map<String, AttributeValue> item) {
    if (!item.containsKey(TableKeys.REMEMBERED_COMMENT)) {
      return null;
    }
    return new IdempotentResult(
        string(item, TableKeys.REQUEST_HASH),
        toComment(item.get(TableKeys.REMEMBERED_COMMENT).m()));
  }

  static Map<String, AttributeValue> fields(Comment c) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put(TableKeys.COMMENT_ID, s(c.commentId()));
    item.put(TableKeys.ITEM_POST_ID, s(c.postId()));
    item.put(TableKeys.ITEM_AUTHOR_ID, s(c.authorId()));
    item.put(TableKeys.AUTHOR_NAME, s(c.authorName()));
    item.put(TableKeys.BODY, s(c.body()));
    if (c.replyTo() != null) {
      item.put(TableKeys.REPLY_TO, s(c.replyTo()));
    }
    item.put(TableKeys.CREATED_AT, s(Timestamps.format(c.createdAt())));
    return item;
  }

  /** A deleted comment (a placeholder kept for its replies) shows neither author nor text. */
  static Comment toComment(Map<String, AttributeValue> item) {
    boolean deleted = flag(item, TableKeys.DELETED);
    return new Comment(
        string(item, TableKeys.COMMENT_ID),
        string(item, TableKeys.ITEM_POST_ID),
        deleted ? null : string(item, TableKeys.ITEM_AUTHOR_ID),
        deleted ? null : string(item, TableKeys.AUTHOR_NAME),
        deleted ? null : string(item, TableKeys.BODY),
        string(item, TableKeys.REPLY_TO),
        Timestamps.parse(string(item, TableKeys.CREATED_AT)),
        deleted);
  }
}
