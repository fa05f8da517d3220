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
import bloghome.table.ItemUpdate;
import bloghome.table.PostSummaryItems;
import bloghome.table.PostSummaryItems.Counter;
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
  private final PostSummaryItems summaries;
  private final TransactionRunner transactions;

  CommentDeletion(TableAccess table, TransactionRunner transactions) {
    this.table = table;
    this.summaries = new PostSummaryItems(table);
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
    if (flag(pointer, TableKeys.DELETED)) {
      return Optional.of(new AlreadyDeleted());
    }
    Optional<PostSummaryItems.Summary> summary = summaries.find(ref.postId(), true);
    if (summary.isEmpty()) {
      return Optional.of(new DeleteTargetMissing());
    }
    Map<String, AttributeValue> item = table.get(postPk, ref.sk(), true);
    if (item == null) {
      // Normally a concurrent delete that removed it after the reference was read: then the
      // reference is a tombstone by now.
      Map<String, AttributeValue> again = table.get(pointerPk, TableKeys.COMMENT, true);
      return Optional.of(
          again != null && flag(again, TableKeys.DELETED)
              ? new AlreadyDeleted()
              : new DeleteTargetMissing());
    }

    List<TransactWriteItem> items = new ArrayList<>();
    // The reference becomes a tombstone first of all: only one delete can make this change, so
    // only one delete moves the counters.
    ItemUpdate tombstone =
        table
            .update(pointerPk, TableKeys.COMMENT)
            .set(TableKeys.DELETED, TRUE)
            .set(TableKeys.EXPIRES_AT, n(now.plus(TOMBSTONE_TTL).getEpochSecond()))
            // out of the blog's recent-comments list
            .remove(TableKeys.GSI1PK)
            .remove(TableKeys.GSI1SK)
            .remove(TableKeys.EXCERPT);
    items.add(
        tombstone
            .when(TableAccess.ITEM_EXISTS)
            .when("attribute_not_exists(" + tombstone.name(TableKeys.DELETED) + ")")
            .item());
    items.add(decrementComments(ref.postId(), summary.get().counter(Counter.COMMENTS)));

    boolean placeholder = false;
    if (!ref.isReply()) {
      long replies = number(item, TableKeys.REPLIES);
      if (replies > 0) {
        placeholder = true;
        ItemUpdate update =
            table
                .update(postPk, ref.sk())
                .set(TableKeys.DELETED, TRUE)
                .remove(TableKeys.BODY)
                .remove(TableKeys.AUTHOR_NAME);
        items.add(
            update
                .when("attribute_not_exists(" + update.name(TableKeys.DELETED) + ")")
                .when(update.name(TableKeys.REPLIES) + " = " + update.value(":r", n(replies)))
                .item());
      } else {
        items.add(
            table.delete(
                postPk,
                ref.sk(),
                "attribute_not_exists(#deleted) AND #replies = :zero",
                Map.of("#deleted", TableKeys.DELETED, "#replies", TableKeys.REPLIES),
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
    items.add(table.deleteIfPresent(postPk, ref.sk()));
    Map<String, AttributeValue> parent = table.get(postPk, parentSk, true);
    if (parent == null) {
      items.add(
          table.conditionCheck(postPk, parentSk, TableAccess.ITEM_ABSENT, Map.of(), Map.of()));
      return;
    }
    long replies = number(parent, TableKeys.REPLIES);
    long previewCount = number(parent, TableKeys.PREVIEW_COUNT);
    boolean parentDeleted = flag(parent, TableKeys.DELETED);
    String parentState =
        "#replies = :r AND #previewCount = :p AND "
            + (parentDeleted ? "#deleted = :true" : "attribute_not_exists(#deleted)");
    Map<String, String> names =
        Map.of(
            "#replies",
            TableKeys.REPLIES,
            "#previewCount",
            TableKeys.PREVIEW_COUNT,
            "#deleted",
            TableKeys.DELETED);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":r", n(replies));
    values.put(":p", n(previewCount));
    if (parentDeleted) {
      values.put(":true", TRUE);
    }

    if (parentDeleted && replies <= 1) {
      // The placeholder only stayed for its replies; with the last one gone, it goes too.
      items.add(table.delete(postPk, parentSk, parentState, names, values));
      return;
    }
    boolean shown = reply.containsKey(TableKeys.GSI1PK);
    Optional<String> promoted =
        shown && replies > previewCount ? firstHiddenReply(postPk, parentSk) : Optional.empty();
    promoted.ifPresent(
        sk ->
            items.add(
                table
                    .update(postPk, sk)
                    .set(TableKeys.GSI1PK, s(TableKeys.threadsPk(ref.postId())))
                    .set(TableKeys.GSI1SK, s(sk))
                    .when(TableAccess.ITEM_EXISTS)
                    .when("attribute_not_exists(#" + TableKeys.GSI1PK + ")")
                    .item()));
    ItemUpdate parentChange = table.update(postPk, parentSk).add(TableKeys.REPLIES, MINUS_ONE);
    if (shown && promoted.isEmpty()) {
      parentChange.add(TableKeys.PREVIEW_COUNT, MINUS_ONE);
    }
    parentChange.name(TableKeys.DELETED);
    parentChange.name(TableKeys.PREVIEW_COUNT);
    values.forEach(parentChange::value);
    items.add(parentChange.when(parentState).item());
  }

  /** The earliest reply of a thread that is not among the shown ones. */
  private Optional<String> firstHiddenReply(String postPk, String parentSk) {
    QueryResponse response =
        table
            .client()
            .query(
                QueryRequest.builder()
                    .tableName(table.name())
                    .keyConditionExpression(
                        TableKeys.PK + " = :pk AND " + TableKeys.SK + " BETWEEN :from AND :to")
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
  private TransactWriteItem decrementComments(String postId, long current) {
    if (current >= 1) {
      return summaries.add(postId, Counter.COMMENTS, -1);
    }
    return summaries.checkBelow(postId, Counter.COMMENTS, 1);
  }
}
