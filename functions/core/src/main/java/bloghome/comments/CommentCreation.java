package bloghome.comments;

import static bloghome.comments.CommentStore.PREVIEW_REPLIES;
import static bloghome.table.Attributes.flag;
import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.number;

import bloghome.comments.CommentStore.CreateResult;
import bloghome.comments.CommentStore.Created;
import bloghome.comments.CommentStore.IdempotencyClaim;
import bloghome.comments.CommentStore.IdempotentResult;
import bloghome.comments.CommentStore.NewComment;
import bloghome.comments.CommentStore.ParentGone;
import bloghome.comments.CommentStore.PostMissing;
import bloghome.comments.CommentStore.RateLimited;
import bloghome.comments.CommentStore.Replayed;
import bloghome.table.ItemUpdate;
import bloghome.table.PostSummaryItems;
import bloghome.table.PostSummaryItems.Counter;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import bloghome.table.TransactionRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Creating a comment: one transaction of the comment, its pointer, the post's counter (and the
 * parent's for a reply), the idempotency record and the rate-window counters. Each part's condition
 * tells, when it fails, what the answer is; a part whose state moved meanwhile (the parent's
 * preview filled) is read again and decided again, by {@link TransactionRunner#decide}.
 */
final class CommentCreation {
  private static final AttributeValue ONE = n(1);

  private final TableAccess table;
  private final PostSummaryItems summaries;
  private final TransactionRunner transactions;
  private final Function<IdempotencyClaim, Optional<IdempotentResult>> findIdempotent;

  CommentCreation(
      TableAccess table,
      TransactionRunner transactions,
      Function<IdempotencyClaim, Optional<IdempotentResult>> findIdempotent) {
    this.table = table;
    this.summaries = new PostSummaryItems(table);
    this.transactions = transactions;
    this.findIdempotent = findIdempotent;
  }

  CreateResult create(
      NewComment newComment,
      Optional<IdempotencyClaim> idempotency,
      List<RateLimit.Window> windows,
      Instant now) {
    return transactions.decide(() -> attempt(newComment, idempotency, windows, now));
  }

  /** The positions of the parts in one try's transaction, to read its cancellation reasons. */
  private static final class Parts {
    final List<TransactWriteItem> items = new ArrayList<>();
    int summary = -1;
    int parent = -1;
    int idempotency = -1;
    int rates = -1;

    int add(TransactWriteItem item) {
      items.add(item);
      return items.size() - 1;
    }
  }

  private Optional<CreateResult> attempt(
      NewComment newComment,
      Optional<IdempotencyClaim> idempotency,
      List<RateLimit.Window> windows,
      Instant now) {
    Comment comment = newComment.comment();
    String postPk = TableKeys.postPk(comment.postId());
    boolean inPreview = true;
    if (newComment.parentSk() != null) {
      Map<String, AttributeValue> parent = table.get(postPk, newComment.parentSk(), true);
      if (parent == null || flag(parent, TableKeys.DELETED)) {
        return Optional.of(new ParentGone());
      }
      inPreview = number(parent, TableKeys.PREVIEW_COUNT) < PREVIEW_REPLIES;
    }

    // The post's author and title, for the blog's recent-comments list (one small read).
    Optional<PostSummaryItems.Summary> post = summaries.find(comment.postId(), false);
    Parts parts = new Parts();
    parts.add(table.putIfAbsent(CommentItems.commentItem(newComment, inPreview)));
    parts.add(table.putIfAbsent(CommentItems.pointerItem(newComment, post)));
    parts.summary = parts.add(summaries.add(comment.postId(), Counter.COMMENTS, 1));
    if (newComment.parentSk() != null) {
      parts.parent = parts.add(replyToParent(postPk, newComment.parentSk(), inPreview));
    }
    idempotency.ifPresent(
        claim ->
            parts.idempotency =
                parts.add(table.putIfAbsent(CommentItems.idempotencyItem(claim, comment))));
    parts.rates = parts.items.size();
    for (RateLimit.Window window : windows) {
      parts.add(rateWindow(comment.authorId(), window));
    }

    TransactionRunner.Result result = transactions.once(parts.items);
    if (result.applied()) {
      return Optional.of(new Created(comment));
    }
    if (parts.idempotency >= 0 && result.failed(parts.idempotency)) {
      // The key is taken: by a finished create (replay it) or one still in flight (try again).
      return findIdempotent.apply(idempotency.get()).<CreateResult>map(Replayed::new);
    }
    if (result.failed(parts.summary)) {
      return Optional.of(new PostMissing());
    }
    if (parts.parent >= 0 && result.failed(parts.parent)) {
      // Deleted meanwhile, or the preview filled or emptied: read it again and decide again.
      return Optional.empty();
    }
    long retryAfter = 0;
    for (int i = 0; i < windows.size(); i++) {
      if (result.failed(parts.rates + i)) {
        retryAfter = Math.max(retryAfter, windows.get(i).secondsLeft(now));
      }
    }
    if (retryAfter > 0) {
      return Optional.of(new RateLimited(retryAfter));
    }
    // A transaction conflict with a concurrent writer: nothing was written, so try again.
    return Optional.empty();
  }

  /** +1 reply on the parent, which must still be there and still have (or not) room to show it. */
  private TransactWriteItem replyToParent(String postPk, String parentSk, boolean inPreview) {
    ItemUpdate update = table.update(postPk, parentSk).add(TableKeys.REPLIES, ONE);
    if (inPreview) {
      update.add(TableKeys.PREVIEW_COUNT, ONE);
    }
    String max = update.value(":max", n(PREVIEW_REPLIES));
    return update
        .when(TableAccess.ITEM_EXISTS)
        .when("attribute_not_exists(" + update.name(TableKeys.DELETED) + ")")
        .when(update.name(TableKeys.PREVIEW_COUNT) + (inPreview ? " < " : " >= ") + max)
        .item();
  }

  /** +1 on the commenter's counter of this window, refused once the window's limit is reached. */
  private TransactWriteItem rateWindow(String userId, RateLimit.Window window) {
    ItemUpdate update =
        table
            .update(TableKeys.ratePk(userId), window.sk())
            .add(TableKeys.RATE_COUNT, ONE)
            .set(
                TableKeys.EXPIRES_AT,
                n(window.endsAt().plus(Duration.ofHours(1)).getEpochSecond()));
    String count = update.name(TableKeys.RATE_COUNT);
    return update
        .when(
            "(attribute_not_exists("
                + count
                + ") OR "
                + count
                + " < "
                + update.value(":limit", n(window.limit()))
                + ")")
        .item();
  }
}
