package bloghome.stats;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.s;
import static bloghome.table.TableKeys.key;

import bloghome.table.Attributes;
import bloghome.table.TableKeys;
import bloghome.table.TransactionRunner;
import bloghome.table.ViewRank;
import java.math.BigInteger;
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
 * attribute_not_exists(seq) OR seq < :first}, {@code ADD views :n, viewRank :n x 10^24} on each
 * post summary (only if it exists), and {@code ADD views :n} on each author's profile.
 */
public final class DynamoDbViewCounterStore implements ViewCounterStore {
  /** DynamoDB's limit of items in one transaction. */
  static final int MAX_TRANSACTION_ITEMS = 100;

  private static final BigInteger ONE_VIEW = ViewRank.ONE_VIEW;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final TransactionRunner transactions;

  public DynamoDbViewCounterStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.transactions = new TransactionRunner(dynamoDb, StatsRetry.POLICY);
  }

  @Override
  public int maxItemsPerApply() {
    return MAX_TRANSACTION_ITEMS;
  }

  @Override
  public Optional<String> checkpoint(String shardKey) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                r ->
                    r.tableName(table)
                        .key(key(TableKeys.viewCountCheckpoint(shardKey), TableKeys.CHECKPOINT))
                        .consistentRead(true))
            .item();
    return Optional.ofNullable(item == null ? null : Attributes.string(item, "seq"));
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
    items.add(
        TransactWriteItem.builder()
            .update(
                u ->
                    u.tableName(table)
                        .key(key(TableKeys.viewCountCheckpoint(shardKey), TableKeys.CHECKPOINT))
                        .updateExpression("SET #seq = :last")
                        .conditionExpression("attribute_not_exists(#seq) OR #seq < :first")
                        .expressionAttributeNames(Map.of("#seq", "seq"))
                        .expressionAttributeValues(
                            Map.of(":last", s(lastSequence), ":first", s(firstSequence))))
            .build());
    postAt.add(null);
    viewsByPost.forEach(
        (postId, views) -> {
          items.add(
              TransactWriteItem.builder()
                  .update(
                      u ->
                          u.tableName(table)
                              .key(key(TableKeys.postPk(postId), TableKeys.SUMMARY))
                              .updateExpression("ADD #views :n, #rank :rank")
                              .conditionExpression("attribute_exists(pk)")
                              .expressionAttributeNames(
                                  Map.of("#views", "views", "#rank", "viewRank"))
                              .expressionAttributeValues(
                                  Map.of(
                                      ":n", n(views),
                                      ":rank",
                                          n(
                                              ONE_VIEW
                                                  .multiply(BigInteger.valueOf(views))
                                                  .toString()))))
                  .build());
          postAt.add(postId);
        });
    viewsByAuthor.forEach(
        (authorId, views) -> {
          items.add(
              TransactWriteItem.builder()
                  .update(
                      u ->
                          u.tableName(table)
                              .key(key(TableKeys.userPk(authorId), TableKeys.PROFILE))
                              .updateExpression("ADD #views :n")
                              .expressionAttributeNames(Map.of("#views", "views"))
                              .expressionAttributeValues(Map.of(":n", n(views))))
                  .build());
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
