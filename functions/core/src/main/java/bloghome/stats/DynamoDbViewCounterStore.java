package bloghome.stats;

import static bloghome.table.Attributes.s;

import bloghome.table.Attributes;
import bloghome.table.ItemUpdate;
import bloghome.table.PostSummaryItems;
import bloghome.table.ProfileItems;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import bloghome.table.TransactionRunner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * One TransactWriteItems per chunk: the shard's checkpoint item ({@code VIEWCOUNT#{shard}} / {@code
 * CHECKPOINT}, attribute {@code seq}) set to the chunk's last sequence number on condition {@code
 * attribute_not_exists(seq) OR seq < :first}, {@code n} views added to each post summary (only if
 * it exists; its by-views rank moves with them) and to each author's profile, through their owners.
 */
public final class DynamoDbViewCounterStore implements ViewCounterStore {
  /** DynamoDB's limit of items in one transaction. */
  static final int MAX_TRANSACTION_ITEMS = 100;

  private final TableAccess access;
  private final PostSummaryItems summaries;
  private final ProfileItems profiles;
  private final TransactionRunner transactions;

  public DynamoDbViewCounterStore(DynamoDbClient dynamoDb, String table) {
    this.access = new TableAccess(dynamoDb, table);
    this.summaries = new PostSummaryItems(access);
    this.profiles = new ProfileItems(access);
    this.transactions = new TransactionRunner(dynamoDb, StatsRetry.POLICY);
  }

  @Override
  public int maxItemsPerApply() {
    return MAX_TRANSACTION_ITEMS;
  }

  @Override
  public Optional<String> checkpoint(String shardKey) {
    Map<String, AttributeValue> item =
        access.get(TableKeys.viewCountCheckpoint(shardKey), TableKeys.CHECKPOINT, true);
    return Optional.ofNullable(
        item == null ? null : Attributes.string(item, TableKeys.CHECKPOINT_SEQUENCE));
  }

  @Override
  public Outcome apply(
      String shardKey,
      String firstSequence,
      String lastSequence,
      Map<String, Long> viewsByPost,
      Map<String, Long> viewsByAuthor) {
    List<TransactWriteItem> items = new ArrayList<>();
    List<String> postAt = new ArrayList<>();
    ItemUpdate checkpoint =
        access
            .update(TableKeys.viewCountCheckpoint(shardKey), TableKeys.CHECKPOINT)
            .set(TableKeys.CHECKPOINT_SEQUENCE, s(lastSequence));
    String seq = checkpoint.name(TableKeys.CHECKPOINT_SEQUENCE);
    String first = checkpoint.value(":first", s(firstSequence));
    items.add(
        checkpoint
            .when("(attribute_not_exists(" + seq + ") OR " + seq + " < " + first + ")")
            .item());
    postAt.add(null);
    viewsByPost.forEach(
        (postId, views) -> {
          items.add(summaries.add(postId, PostSummaryItems.Counter.VIEWS, views));
          postAt.add(postId);
        });
    viewsByAuthor.forEach(
        (authorId, views) -> {
          items.add(profiles.add(authorId, ProfileItems.Counter.VIEWS, views));
          postAt.add(null);
        });
    if (items.size() > MAX_TRANSACTION_ITEMS) {
      throw new IllegalArgumentException(
          "a chunk of " + items.size() + " items is too big for one transaction");
    }
    TransactionRunner.Result result = transactions.write(items);
    if (result.applied()) {
      return new Outcome.Applied();
    }
    if (result.failed(0)) {
      return new Outcome.CheckpointMoved();
    }
    Set<String> gone = new LinkedHashSet<>();
    for (int i = 1; i < postAt.size(); i++) {
      if (postAt.get(i) != null && result.failed(i)) {
        gone.add(postAt.get(i));
      }
    }
    if (gone.isEmpty()) {
      throw new IllegalStateException("view count transaction cancelled for an unknown reason");
    }
    return new Outcome.PostsGone(gone);
  }
}
