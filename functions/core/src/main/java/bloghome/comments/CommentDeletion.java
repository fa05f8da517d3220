package bloghome.comments;

import static bloghome.comments.CommentStore.PREVIEW_REPLIES;
import static bloghome.table.Attributes.TRUE;
import static bloghome.table.Attributes.flag;
import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.number;
import static bloghome.table.Attributes.s;
import static bloghome.table.Attributes.string;

import bloghome.comments.CommentStore.AlreadyDeleted;
import bloghome.comments.CommentStore.CommentRef;
import bloghome.comments.CommentStore.DeleteResult;
import bloghome.comments.CommentStore.DeleteTargetMissing;
import bloghome.comments.CommentStore.Deleted;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import bloghome.table.TransactionRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Deleting a comment, once: the pointer becomes a tombstone, the post's counter (and the parent's)
 * go down, and the thread keeps its shape. Every state read is a condition of the transaction, so
 * when something moved meanwhile it is cancelled and {@link TransactionRunner#decide} has it read
 * and decided again.
 */
final class CommentDeletion {
  private static final Duration TOMBSTONE_TTL = Duration.ofDays(30);
  private static final AttributeValue ONE = n(1);
  private static final AttributeValue MINUS_ONE = n(-1);

  private final TableAccess table;
  private final TransactionRunner transactions;

  CommentDeletion(TableAccess table, TransactionRunner transactions) {
    this.table = table;
    this.transactions = transactions;
  }

  DeleteResult delete(CommentRef ref, Instant now) {
    return transactions.decide(() -> attempt(ref, now));
  }

  private Optional<DeleteResult> attempt(CommentRef ref, Instant now) {
    String postPk = TableKeys.postPk(ref.postId());
    String pointerPk = TableKeys.commentPointerPk(ref.commentId());
    Map<String, AttributeValue> pointer = table.get(pointerPk, TableKeys.COMMENT, true);
    if (pointer == null) {
      return Optional.of(new DeleteTargetMissing());
    }
    if (flag(pointer, "deleted")) {
      return Optional.of(new AlreadyDeleted());
    }
    Map<String, AttributeValue> summary = table.get(postPk, TableKeys.SUMMARY, true);
    if (summary == null) {
      return Optional.of(new DeleteTargetMissing());
    }
    Map<String, AttributeValue> item = table.get(postPk, ref.sk(), true);
    if (item == null) {
      // Normally a concurrent delete that removed it after the reference was read: then the
      // reference is a tombstone by now.
      Map<String, AttributeValue> again = table.get(pointerPk, TableKeys.COMMENT, true);
      return Optional.of(
          again != null && flag(again, "deleted")
              ? new AlreadyDeleted()
              : new DeleteTargetMissing());
    }

    List<TransactWriteItem> items = new ArrayList<>();
    // The reference becomes a tombstone first of all: only one delete can make this change, so
    // only one delete moves the counters.
    items.add(
        table.update(
            pointerPk,
            TableKeys.COMMENT,
            "SET deleted = :true, expiresAt = :exp",
            "attribute_exists(pk) AND attribute_not_exists(deleted)",
            Map.of(":true", TRUE, ":exp", n(now.plus(TOMBSTONE_TTL).getEpochSecond()))));
    items.add(decrementComments(postPk, number(summary, "comments")));

    boolean placeholder = false;
    if (!ref.isReply()) {
      long replies = number(item, "replies");
      if (replies > 0) {
        placeholder = true;
        items.add(
            table.update(
                postPk,
                ref.sk(),
                "SET deleted = :true REMOVE body, authorName",
                "attribute_not_exists(deleted) AND replies = :r",
                Map.of(":true", TRUE, ":r", n(replies))));
      } else {
        items.add(
            table.delete(
                postPk,
                ref.sk(),
                "attribute_not_exists(deleted) AND replies = :zero",
                Map.of(":zero", n(0))));
      }
    } else {
      addReplyRemoval(items, postPk, ref, item);
    }

    // Cancelled: something moved (a concurrent delete, a new reply, the post went away). The
    // next try reads it all again; the reads at the top answer "already deleted" and "missing".
    return transactions.once(items).applied()
        ? Optional.of(new Deleted(placeholder))
        : Optional.empty();
  }

  /**
   * A reply goes away for good; its parent's counts follow, and the thread keeps showing its first
   * replies: when one of the shown ones goes, the earliest hidden one takes its place. The parent's
   * state read here is the condition, so a concurrent change makes this try fail.
   */
  private void addReplyRemoval(
      List<TransactWriteItem> items,
      String postPk,
      CommentRef ref,
      Map<String, AttributeValue> reply) {
    String parentSk = TableKeys.parentSkOf(ref.sk());
    items.add(table.delete(postPk, ref.sk(), "attribute_exists(pk)", Map.of()));
    Map<String, AttributeValue> parent = table.get(postPk, parentSk, true);
    if (parent == null) {
      items.add(table.conditionCheck(postPk, parentSk, "attribute_not_exists(pk)", Map.of()));
      return;
    }
    long replies = number(parent, "replies");
    long previewCount = number(parent, "previewCount");
    boolean parentDeleted = flag(parent, "deleted");
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
      items.add(table.delete(postPk, parentSk, parentState, values));
      return;
    }
    boolean shown = reply.containsKey(TableKeys.GSI1PK);
    Optional<String> promoted =
        shown && replies > previewCount ? firstHiddenReply(postPk, parentSk) : Optional.empty();
    promoted.ifPresent(
        sk ->
            items.add(
                table.update(
                    postPk,
                    sk,
                    "SET gsi1pk = :gpk, gsi1sk = :gsk",
                    "attribute_exists(pk) AND attribute_not_exists(gsi1pk)",
                    Map.of(":gpk", s(TableKeys.threadsPk(ref.postId())), ":gsk", s(sk)))));
    values.put(":minusOne", MINUS_ONE);
    String change =
        shown && promoted.isEmpty()
            ? "ADD replies :minusOne, previewCount :minusOne"
            : "ADD replies :minusOne";
    items.add(table.update(postPk, parentSk, change, parentState, values));
  }

  /** The earliest reply of a thread that is not among the shown ones. */
  private Optional<String> firstHiddenReply(String postPk, String parentSk) {
    QueryResponse response =
        table
            .client()
            .query(
                QueryRequest.builder()
                    .tableName(table.name())
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(
                        Map.of(
                            ":pk", s(postPk),
                            ":from", s(TableKeys.repliesFrom(parentSk)),
                            ":to", s(TableKeys.repliesTo(parentSk))))
                    .consistentRead(true)
                    .limit(PREVIEW_REPLIES + 2)
                    .build());
    return response.items().stream()
        .filter(item -> !item.containsKey(TableKeys.GSI1PK))
        .map(item -> string(item, TableKeys.SK))
        .findFirst();
  }

  /** {@code comments - 1}, never below zero: at zero the delete still goes through. */
  private TransactWriteItem decrementComments(String postPk, long current) {
    if (current >= 1) {
      return table.update(
          postPk,
          TableKeys.SUMMARY,
          "ADD comments :minusOne",
          "attribute_exists(pk) AND comments >= :one",
          Map.of(":minusOne", MINUS_ONE, ":one", ONE));
    }
    return table.conditionCheck(
        postPk,
        TableKeys.SUMMARY,
        "attribute_exists(pk) AND (attribute_not_exists(comments) OR comments < :one)",
        Map.of(":one", ONE));
  }
}
