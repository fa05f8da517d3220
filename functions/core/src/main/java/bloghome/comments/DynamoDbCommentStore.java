package bloghome.comments;

import bloghome.http.RetryLater;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Comments in the single table (keys in {@link CommentKeys}, design in docs/comments.md).
 *
 * <p>Every change that moves a counter is one {@code TransactWriteItems} whose conditions make a
 * retried or concurrent request fail instead of counting twice. When a transaction is cancelled
 * the state is read again and the decision is made again; a bounded number of tries keeps a
 * pathological race from spinning.
 */
public final class DynamoDbCommentStore implements CommentStore {
  private static final int MAX_ATTEMPTS = 8;
  private static final String BY_OWNER = "ByOwner";
  private static final Duration TOMBSTONE_TTL = Duration.ofDays(30);

  private static final AttributeValue ONE = n(1);
  private static final AttributeValue MINUS_ONE = n(-1);
  private static final AttributeValue TRUE = AttributeValue.fromBool(true);

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbCommentStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  // ------------------------------------------------------------------ reads

  @Override
  public Optional<PostRef> findPost(String postId, boolean consistent) {
    Map<String, AttributeValue> item =
        get(CommentKeys.postPk(postId), CommentKeys.SUMMARY_SK, consistent);
    if (item == null) {
      return Optional.empty();
    }
    return Optional.of(new PostRef(postId, str(item, "authorId"), num(item, "comments")));
  }

  @Override
  public Optional<String> displayName(String userId) {
    Map<String, AttributeValue> item = get("USER#" + userId, "PROFILE", false);
    return item == null ? Optional.empty() : Optional.ofNullable(str(item, "displayName"));
  }

  @Override
  public Optional<CommentRef> findRef(String commentId) {
    Map<String, AttributeValue> item =
        get(CommentKeys.pointerPk(commentId), CommentKeys.POINTER_SK, true);
    if (item == null) {
      return Optional.empty();
    }
    return Optional.of(
        new CommentRef(
            commentId,
            str(item, "postId"),
            str(item, "commentSk"),
            str(item, "authorId"),
            str(item, "replyTo"),
            bool(item, "deleted")));
  }

  @Override
  public Optional<IdempotentResult> findIdempotent(String userId, String key) {
    Map<String, AttributeValue> item = get(idempotencyPk(userId, key), "COMMENT", true);
    if (item == null || !item.containsKey("comment")) {
      return Optional.empty();
    }
    return Optional.of(
        new IdempotentResult(str(item, "requestHash"), fromItem(item.get("comment").m())));
  }

  @Override
  public ThreadPage threads(String postId, Optional<String> afterSk, int limit) {
    // A thread is at most 1 + PREVIEW_REPLIES items in the index, so this many items hold
    // `limit` whole threads plus the first item of the next one (which says there is more).
    int readLimit = limit * (1 + PREVIEW_REPLIES) + 1;
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":pk", s(CommentKeys.threadsPk(postId)));
    String condition = "gsi1pk = :pk";
    if (afterSk.isPresent()) {
      condition += " AND gsi1sk > :after";
      values.put(":after", s(CommentKeys.afterThread(afterSk.get())));
    }
    QueryResponse response =
        dynamo.query(
            QueryRequest.builder()
                .tableName(table)
                .indexName(BY_OWNER)
                .keyConditionExpression(condition)
                .expressionAttributeValues(values)
                .scanIndexForward(true)
                .limit(readLimit)
                .build());

    List<Thread> threads = new ArrayList<>();
    Keyed top = null;
    long replyCount = 0;
    List<Keyed> preview = new ArrayList<>();
    for (Map<String, AttributeValue> item : response.items()) {
      Keyed keyed = new Keyed(fromItem(item), str(item, "sk"));
      if (keyed.comment().replyTo() == null) {
        if (top != null) {
          threads.add(new Thread(top, List.copyOf(preview), replyCount));
        }
        top = keyed;
        replyCount = num(item, "replies");
        preview.clear();
      } else if (top != null && keyed.sk().startsWith(top.sk() + "#R#")) {
        preview.add(keyed);
      }
    }
    boolean readAll = !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty();
    // Normally a cut-short last thread waits for the next page. Only if it is the sole thread
    // read (items near the 1 MB page size) is it shown as read, so that paging always advances.
    if (top != null && (readAll || threads.isEmpty())) {
      threads.add(new Thread(top, List.copyOf(preview), replyCount));
    }
    // When the read stopped early, the last thread seen may be cut short: it is left for the
    // next page, which starts right after the last complete thread.
    boolean more = !readAll || threads.size() > limit;
    List<Thread> page = threads.size() > limit ? threads.subList(0, limit) : threads;
    return new ThreadPage(List.copyOf(page), more);
  }

  @Override
  public ReplyPage replies(
      String postId, String parentSk, Optional<String> afterSk, int limit, boolean hiddenOnly) {
    String from = afterSk.map(CommentKeys::afterReply).orElse(CommentKeys.repliesFrom(parentSk));
    QueryRequest.Builder query =
        QueryRequest.builder()
            .tableName(table)
            .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
            .expressionAttributeValues(
                Map.of(
                    ":pk", s(CommentKeys.postPk(postId)),
                    ":from", s(from),
                    ":to", s(CommentKeys.repliesTo(parentSk))))
            .scanIndexForward(true);
    if (hiddenOnly) {
      // The shown replies (at most PREVIEW_REPLIES of them) are filtered out after the read, so
      // reading that many more still yields limit + 1 replies whenever that many exist.
      query.filterExpression("attribute_not_exists(gsi1pk)").limit(limit + 1 + PREVIEW_REPLIES);
    } else {
      query.limit(limit + 1);
    }
    QueryResponse response = dynamo.query(query.build());
    List<Keyed> replies = new ArrayList<>();
    for (Map<String, AttributeValue> item : response.items()) {
      replies.add(new Keyed(fromItem(item), str(item, "sk")));
    }
    boolean more = replies.size() > limit;
    return new ReplyPage(List.copyOf(more ? replies.subList(0, limit) : replies), more);
  }

  // ------------------------------------------------------------------ create

  @Override
  public CreateResult create(
      NewComment newComment,
      Optional<IdempotencyClaim> idempotency,
      List<RateLimit.Window> windows,
      Instant now) {
    Comment comment = newComment.comment();
    String postPk = CommentKeys.postPk(comment.postId());
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      boolean inPreview = true;
      if (newComment.parentSk() != null) {
        Map<String, AttributeValue> parent = get(postPk, newComment.parentSk(), true);
        if (parent == null || bool(parent, "deleted")) {
          return new ParentGone();
        }
        inPreview = num(parent, "previewCount") < PREVIEW_REPLIES;
      }

      List<TransactWriteItem> items = new ArrayList<>();
      items.add(put(commentItem(newComment, inPreview), "attribute_not_exists(pk)", Map.of()));
      items.add(put(pointerItem(newComment), "attribute_not_exists(pk)", Map.of()));
      int summaryAt = items.size();
      items.add(
          update(
              postPk,
              CommentKeys.SUMMARY_SK,
              "ADD comments :one",
              "attribute_exists(pk)",
              Map.of(":one", ONE)));
      int parentAt = -1;
      if (newComment.parentSk() != null) {
        parentAt = items.size();
        items.add(
            update(
                postPk,
                newComment.parentSk(),
                inPreview ? "ADD replies :one, previewCount :one" : "ADD replies :one",
                "attribute_exists(pk) AND attribute_not_exists(deleted) AND "
                    + (inPreview ? "previewCount < :max" : "previewCount >= :max"),
                Map.of(":one", ONE, ":max", n(PREVIEW_REPLIES))));
      }
      int idempotencyAt = -1;
      if (idempotency.isPresent()) {
        idempotencyAt = items.size();
        items.add(put(idempotencyItem(idempotency.get(), comment), "attribute_not_exists(pk)", Map.of()));
      }
      int ratesAt = items.size();
      for (RateLimit.Window window : windows) {
        items.add(
            update(
                "RATE#" + comment.authorId(),
                window.sk(),
                "ADD n :one SET expiresAt = :exp",
                "attribute_not_exists(n) OR n < :limit",
                Map.of(
                    ":one", ONE,
                    ":limit", n(window.limit()),
                    ":exp", n(window.endsAt().plus(Duration.ofHours(1)).getEpochSecond()))));
      }

      try {
        dynamo.transactWriteItems(r -> r.transactItems(items));
        return new Created(comment);
      } catch (TransactionCanceledException cancelled) {
        List<CancellationReason> reasons = cancelled.cancellationReasons();
        if (idempotencyAt >= 0 && failedCondition(reasons, idempotencyAt)) {
          Optional<IdempotentResult> previous =
              findIdempotent(idempotency.get().userId(), idempotency.get().key());
          if (previous.isPresent()) {
            return new Replayed(previous.get());
          }
          continue;
        }
        if (failedCondition(reasons, summaryAt)) {
          return new PostMissing();
        }
        if (parentAt >= 0 && failedCondition(reasons, parentAt)) {
          // Deleted meanwhile, or the preview filled or emptied: read it again and decide again.
          continue;
        }
        long retryAfter = 0;
        for (int i = 0; i < windows.size(); i++) {
          if (failedCondition(reasons, ratesAt + i)) {
            retryAfter = Math.max(retryAfter, windows.get(i).secondsLeft(now));
          }
        }
        if (retryAfter > 0) {
          return new RateLimited(retryAfter);
        }
        // A transaction conflict with a concurrent writer: nothing was written, so try again.
      }
    }
    throw busy();
  }

  private Map<String, AttributeValue> commentItem(NewComment newComment, boolean inPreview) {
    Comment c = newComment.comment();
    Map<String, AttributeValue> item = toItem(c);
    item.put("pk", s(CommentKeys.postPk(c.postId())));
    item.put("sk", s(newComment.sk()));
    item.put("type", s("COMMENT"));
    if (c.replyTo() == null) {
      item.put("replies", n(0));
      item.put("previewCount", n(0));
    }
    // The ByOwner index holds exactly what a page of threads shows: every top-level comment and
    // the first PREVIEW_REPLIES replies of each thread (a sparse index: other replies lack keys).
    if (inPreview) {
      item.put("gsi1pk", s(CommentKeys.threadsPk(c.postId())));
      item.put("gsi1sk", s(newComment.sk()));
    }
    return item;
  }

  private static Map<String, AttributeValue> pointerItem(NewComment newComment) {
    Comment c = newComment.comment();
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s(CommentKeys.pointerPk(c.commentId())));
    item.put("sk", s(CommentKeys.POINTER_SK));
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

  private static Map<String, AttributeValue> idempotencyItem(IdempotencyClaim claim, Comment c) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s(idempotencyPk(claim.userId(), claim.key())));
    item.put("sk", s("COMMENT"));
    item.put("type", s("IDEMPOTENCY"));
    item.put("requestHash", s(claim.requestHash()));
    item.put("comment", AttributeValue.fromM(toItem(c)));
    item.put("expiresAt", n(claim.expiresAt().getEpochSecond()));
    return item;
  }

  private static String idempotencyPk(String userId, String key) {
    return "IDEMPOTENCY#" + userId + "#" + key;
  }

  // ------------------------------------------------------------------ delete

  @Override
  public DeleteResult delete(CommentRef ref, Instant now) {
    String postPk = CommentKeys.postPk(ref.postId());
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Map<String, AttributeValue> pointer =
          get(CommentKeys.pointerPk(ref.commentId()), CommentKeys.POINTER_SK, true);
      if (pointer == null) {
        return new DeleteTargetMissing();
      }
      if (bool(pointer, "deleted")) {
        return new AlreadyDeleted();
      }
      Map<String, AttributeValue> summary = get(postPk, CommentKeys.SUMMARY_SK, true);
      if (summary == null) {
        return new DeleteTargetMissing();
      }
      Map<String, AttributeValue> item = get(postPk, ref.sk(), true);
      if (item == null) {
        // Normally a concurrent delete that removed it after the reference was read: then the
        // reference is a tombstone by now.
        Map<String, AttributeValue> again =
            get(CommentKeys.pointerPk(ref.commentId()), CommentKeys.POINTER_SK, true);
        return again != null && bool(again, "deleted")
            ? new AlreadyDeleted()
            : new DeleteTargetMissing();
      }

      List<TransactWriteItem> items = new ArrayList<>();
      // The reference becomes a tombstone first of all: only one delete can make this change, so
      // only one delete moves the counters.
      items.add(
          update(
              CommentKeys.pointerPk(ref.commentId()),
              CommentKeys.POINTER_SK,
              "SET deleted = :true, expiresAt = :exp",
              "attribute_exists(pk) AND attribute_not_exists(deleted)",
              Map.of(":true", TRUE, ":exp", n(now.plus(TOMBSTONE_TTL).getEpochSecond()))));
      items.add(decrementComments(postPk, num(summary, "comments")));

      boolean placeholder = false;
      if (!ref.isReply()) {
        long replies = num(item, "replies");
        if (replies > 0) {
          placeholder = true;
          items.add(
              update(
                  postPk,
                  ref.sk(),
                  "SET deleted = :true REMOVE body, authorName",
                  "attribute_not_exists(deleted) AND replies = :r",
                  Map.of(":true", TRUE, ":r", n(replies))));
        } else {
          items.add(
              delete(
                  postPk,
                  ref.sk(),
                  "attribute_not_exists(deleted) AND replies = :zero",
                  Map.of(":zero", n(0))));
        }
      } else {
        addReplyRemoval(items, postPk, ref, item);
      }

      try {
        dynamo.transactWriteItems(r -> r.transactItems(items));
        return new Deleted(placeholder);
      } catch (TransactionCanceledException cancelled) {
        // Something moved (a concurrent delete, a new reply, the post went away): read it all
        // again; the reads at the top answer "already deleted" and "missing".
      }
    }
    throw busy();
  }

  /**
   * A reply goes away for good; its parent's counts follow, and the thread keeps showing its
   * first replies: when one of the shown ones goes, the earliest hidden one takes its place. The
   * parent's state read here is the condition, so a concurrent change makes this try fail.
   */
  private void addReplyRemoval(
      List<TransactWriteItem> items, String postPk, CommentRef ref, Map<String, AttributeValue> reply) {
    String parentSk = CommentKeys.parentSkOf(ref.sk());
    items.add(delete(postPk, ref.sk(), "attribute_exists(pk)", Map.of()));
    Map<String, AttributeValue> parent = get(postPk, parentSk, true);
    if (parent == null) {
      items.add(condition(postPk, parentSk, "attribute_not_exists(pk)", Map.of()));
      return;
    }
    long replies = num(parent, "replies");
    long previewCount = num(parent, "previewCount");
    boolean parentDeleted = bool(parent, "deleted");
    String parentState =
        "replies = :r AND previewCount = :p AND "
            + (parentDeleted ? "deleted = :true" : "attribute_not_exists(deleted)");
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":r", n(replies));
    values.put(":p", n(previewCount));
    if (parentDeleted) {
      values.put(":true", TRUE);
    }

    if (parentDeleted && replies <= 1) {
      // The placeholder only stayed for its replies; with the last one gone, it goes too.
      items.add(delete(postPk, parentSk, parentState, values));
      return;
    }
    boolean shown = reply.containsKey("gsi1pk");
    Optional<String> promoted =
        shown && replies > previewCount ? firstHiddenReply(postPk, parentSk) : Optional.empty();
    promoted.ifPresent(
        sk ->
            items.add(
                update(
                    postPk,
                    sk,
                    "SET gsi1pk = :gpk, gsi1sk = :gsk",
                    "attribute_exists(pk) AND attribute_not_exists(gsi1pk)",
                    Map.of(":gpk", s(CommentKeys.threadsPk(ref.postId())), ":gsk", s(sk)))));
    values.put(":minusOne", MINUS_ONE);
    String change =
        shown && promoted.isEmpty()
            ? "ADD replies :minusOne, previewCount :minusOne"
            : "ADD replies :minusOne";
    items.add(update(postPk, parentSk, change, parentState, values));
  }

  /** The earliest reply of a thread that is not among the shown ones. */
  private Optional<String> firstHiddenReply(String postPk, String parentSk) {
    QueryResponse response =
        dynamo.query(
            QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(
                    Map.of(
                        ":pk", s(postPk),
                        ":from", s(CommentKeys.repliesFrom(parentSk)),
                        ":to", s(CommentKeys.repliesTo(parentSk))))
                .consistentRead(true)
                .limit(PREVIEW_REPLIES + 2)
                .build());
    return response.items().stream()
        .filter(item -> !item.containsKey("gsi1pk"))
        .map(item -> str(item, "sk"))
        .findFirst();
  }

  /** {@code comments - 1}, never below zero: at zero the delete still goes through. */
  private TransactWriteItem decrementComments(String postPk, long current) {
    if (current >= 1) {
      return update(
          postPk,
          CommentKeys.SUMMARY_SK,
          "ADD comments :minusOne",
          "attribute_exists(pk) AND comments >= :one",
          Map.of(":minusOne", MINUS_ONE, ":one", ONE));
    }
    return condition(
        postPk,
        CommentKeys.SUMMARY_SK,
        "attribute_exists(pk) AND (attribute_not_exists(comments) OR comments < :one)",
        Map.of(":one", ONE));
  }

  // ------------------------------------------------------------------ mapping

  private static Map<String, AttributeValue> toItem(Comment c) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("commentId", s(c.commentId()));
    item.put("postId", s(c.postId()));
    item.put("authorId", s(c.authorId()));
    item.put("authorName", s(c.authorName()));
    item.put("body", s(c.body()));
    if (c.replyTo() != null) {
      item.put("replyTo", s(c.replyTo()));
    }
    item.put("createdAt", s(CommentKeys.timestamp(c.createdAt())));
    return item;
  }

  private static Comment fromItem(Map<String, AttributeValue> item) {
    boolean deleted = bool(item, "deleted");
    return new Comment(
        str(item, "commentId"),
        str(item, "postId"),
        deleted ? null : str(item, "authorId"),
        deleted ? null : str(item, "authorName"),
        deleted ? null : str(item, "body"),
        str(item, "replyTo"),
        CommentKeys.parseTimestamp(str(item, "createdAt")),
        deleted);
  }

  // ------------------------------------------------------------------ helpers

  private Map<String, AttributeValue> get(String pk, String sk, boolean consistent) {
    var response =
        dynamo.getItem(
            r ->
                r.tableName(table)
                    .key(Map.of("pk", s(pk), "sk", s(sk)))
                    .consistentRead(consistent));
    return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
  }

  private TransactWriteItem put(
      Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
    Put.Builder put = Put.builder().tableName(table).item(item).conditionExpression(condition);
    if (!values.isEmpty()) {
      put.expressionAttributeValues(values);
    }
    return TransactWriteItem.builder().put(put.build()).build();
  }

  private TransactWriteItem update(
      String pk, String sk, String expression, String condition, Map<String, AttributeValue> values) {
    return TransactWriteItem.builder()
        .update(
            Update.builder()
                .tableName(table)
                .key(Map.of("pk", s(pk), "sk", s(sk)))
                .updateExpression(expression)
                .conditionExpression(condition)
                .expressionAttributeValues(values)
                .build())
        .build();
  }

  private TransactWriteItem delete(
      String pk, String sk, String condition, Map<String, AttributeValue> values) {
    Delete.Builder delete =
        Delete.builder()
            .tableName(table)
            .key(Map.of("pk", s(pk), "sk", s(sk)))
            .conditionExpression(condition);
    if (!values.isEmpty()) {
      delete.expressionAttributeValues(values);
    }
    return TransactWriteItem.builder().delete(delete.build()).build();
  }

  private TransactWriteItem condition(
      String pk, String sk, String condition, Map<String, AttributeValue> values) {
    ConditionCheck.Builder check =
        ConditionCheck.builder()
            .tableName(table)
            .key(Map.of("pk", s(pk), "sk", s(sk)))
            .conditionExpression(condition);
    if (!values.isEmpty()) {
      check.expressionAttributeValues(values);
    }
    return TransactWriteItem.builder().conditionCheck(check.build()).build();
  }

  private static boolean failedCondition(List<CancellationReason> reasons, int index) {
    return reasons != null
        && index < reasons.size()
        && "ConditionalCheckFailed".equals(reasons.get(index).code());
  }

  private static RetryLater busy() {
    // Only reached if every try lost a race (or the data is inconsistent): the client may retry.
    return new RetryLater("BUSY", "Too many changes to this thread at once; try again.", 1);
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  private static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  private static long num(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
  }

  private static boolean bool(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v != null && Boolean.TRUE.equals(v.bool());
  }
}
