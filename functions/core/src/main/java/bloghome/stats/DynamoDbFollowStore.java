package bloghome.stats;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.number;
import static bloghome.table.Attributes.s;
import static bloghome.table.Attributes.string;
import static bloghome.table.TableKeys.key;

import bloghome.paging.StorePage;
import bloghome.table.Attributes;
import bloghome.table.TableKeys;
import bloghome.table.TransactionRunner;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A follow is two items under one partition key, {@code OUT} (in the follower's "following" list)
 * and {@code IN} (in the followee's "followers" list), each indexed newest first on ByOwner,
 * written in one transaction with both profile counters. The followee's profile must be visible
 * (have a displayName); that is checked inside the transaction, so no read is needed.
 */
public final class DynamoDbFollowStore implements FollowStore {
  private static final int OUT = 0;
  private static final int IN = 1;
  private static final int FOLLOWEE = 3;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final TransactionRunner transactions;

  public DynamoDbFollowStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.transactions = new TransactionRunner(dynamoDb, StatsRetry.POLICY);
  }

  @Override
  public Change follow(String followerId, String followeeId, Instant at) {
    Map<String, AttributeValue> out = StatsItems.followOut(followerId, followeeId, at);
    Map<String, AttributeValue> in = StatsItems.followIn(followerId, followeeId, at);
    List<TransactWriteItem> items =
        List.of(
            putIfAbsent(out),
            putIfAbsent(in),
            counter(followerId, "following", 1, null),
            counter(followeeId, "followers", 1, "attribute_exists(displayName)"));
    TransactionRunner.Result result = transactions.write(items);
    if (result.applied()) {
      return Change.CHANGED;
    }
    if (result.failed(FOLLOWEE)) {
      return Change.NO_SUCH_USER;
    }
    if (result.failed(OUT) || result.failed(IN)) {
      return Change.UNCHANGED;
    }
    throw new IllegalStateException("follow transaction cancelled for an unknown reason");
  }

  @Override
  public Change unfollow(String followerId, String followeeId) {
    String pk = TableKeys.follow(followerId, followeeId);
    List<TransactWriteItem> items =
        List.of(
            deleteIfPresent(key(pk, TableKeys.FOLLOW_OUT)),
            deleteIfPresent(key(pk, TableKeys.FOLLOW_IN)),
            counter(followerId, "following", -1, "#c >= :one"),
            counter(followeeId, "followers", -1, "#c >= :one"));
    TransactionRunner.Result result = transactions.write(items);
    if (result.applied()) {
      return Change.CHANGED;
    }
    if (result.failed(OUT) || result.failed(IN)) {
      return Change.UNCHANGED;
    }
    // Both edge items exist, so their +1s were applied with them: a counter below 1 means it was
    // changed elsewhere. Refuse rather than go negative.
    throw new IllegalStateException("follow counters out of step with the follow edge");
  }

  @Override
  public Optional<Long> followersOf(String userId) {
    Map<String, AttributeValue> item = profile(userId, true);
    return item == null || string(item, "displayName") == null
        ? Optional.empty()
        : Optional.of(number(item, "followers"));
  }

  @Override
  public boolean isVisible(String userId) {
    Map<String, AttributeValue> item = profile(userId, false);
    return item != null && string(item, "displayName") != null;
  }

  private Map<String, AttributeValue> profile(String userId, boolean consistent) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                r ->
                    r.tableName(table)
                        .key(key(TableKeys.userPk(userId), TableKeys.PROFILE))
                        .projectionExpression("displayName, followers")
                        .consistentRead(consistent))
            .item();
    return item == null || item.isEmpty() ? null : item;
  }

  @Override
  public StorePage<FollowEntry> followers(
      String userId, int limit, Optional<Map<String, String>> start) {
    return list(TableKeys.followersOf(userId), "followerId", limit, start);
  }

  @Override
  public StorePage<FollowEntry> following(
      String userId, int limit, Optional<Map<String, String>> start) {
    return list(TableKeys.followingOf(userId), "followeeId", limit, start);
  }

  private StorePage<FollowEntry> list(
      String owner, String otherEnd, int limit, Optional<Map<String, String>> start) {
    QueryResponse page =
        dynamoDb.query(
            q -> {
              q.tableName(table)
                  .indexName(TableKeys.BY_OWNER)
                  .keyConditionExpression("gsi1pk = :owner")
                  .expressionAttributeValues(Map.of(":owner", s(owner)))
                  .scanIndexForward(false)
                  .limit(limit);
              start.ifPresent(k -> q.exclusiveStartKey(Attributes.fromStrings(k)));
            });
    List<FollowEntry> entries =
        page.items().stream()
            .map(i -> new FollowEntry(string(i, otherEnd), string(i, "followedAt")))
            .toList();
    Optional<Map<String, String>> next =
        page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
            ? Optional.of(Attributes.toStrings(page.lastEvaluatedKey()))
            : Optional.empty();
    return new StorePage<>(entries, next);
  }

  private TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
    return TransactWriteItem.builder()
        .put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"))
        .build();
  }

  private TransactWriteItem deleteIfPresent(Map<String, AttributeValue> itemKey) {
    return TransactWriteItem.builder()
        .delete(d -> d.tableName(table).key(itemKey).conditionExpression("attribute_exists(pk)"))
        .build();
  }

  private TransactWriteItem counter(String userId, String counter, int delta, String condition) {
    Map<String, AttributeValue> values =
        condition != null && condition.contains(":one")
            ? Map.of(":delta", n(delta), ":one", n(1))
            : Map.of(":delta", n(delta));
    return TransactWriteItem.builder()
        .update(
            u -> {
              u.tableName(table)
                  .key(key(TableKeys.userPk(userId), TableKeys.PROFILE))
                  .updateExpression("ADD #c :delta")
                  .expressionAttributeNames(Map.of("#c", counter))
                  .expressionAttributeValues(values);
              if (condition != null) {
                u.conditionExpression(condition);
              }
            })
        .build();
  }
}
