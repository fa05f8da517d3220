package bloghome.stats.dynamodb;

import static bloghome.stats.dynamodb.Attrs.key;
import static bloghome.stats.dynamodb.Attrs.n;
import static bloghome.stats.dynamodb.Attrs.number;
import static bloghome.stats.dynamodb.Attrs.s;
import static bloghome.stats.dynamodb.Attrs.string;

import bloghome.stats.FollowEntry;
import bloghome.stats.FollowStore;
import bloghome.stats.Page;
import bloghome.stats.StatsKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A follow is two items under one partition key, {@code OUT} (in the follower's "following"
 * list) and {@code IN} (in the followee's "followers" list), each indexed newest first on
 * ByOwner, written in one transaction with both profile counters. The followee's profile must be
 * visible (have a displayName); that is checked inside the transaction, so no read is needed.
 */
public final class DynamoDbFollowStore implements FollowStore {
  private static final int OUT = 0;
  private static final int IN = 1;
  private static final int FOLLOWEE = 3;

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbFollowStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public Change follow(String followerId, String followeeId, Instant at) {
    String when = StatsKeys.timestamp(at);
    String pk = StatsKeys.follow(followerId, followeeId);
    Map<String, AttributeValue> out = key(pk, StatsKeys.FOLLOW_OUT);
    out.put("followerId", s(followerId));
    out.put("followeeId", s(followeeId));
    out.put("followedAt", s(when));
    out.put(StatsKeys.GSI1PK, s(StatsKeys.followingOf(followerId)));
    out.put(StatsKeys.GSI1SK, s(when + "#" + followeeId));
    Map<String, AttributeValue> in = key(pk, StatsKeys.FOLLOW_IN);
    in.put("followerId", s(followerId));
    in.put("followeeId", s(followeeId));
    in.put("followedAt", s(when));
    in.put(StatsKeys.GSI1PK, s(StatsKeys.followersOf(followeeId)));
    in.put(StatsKeys.GSI1SK, s(when + "#" + followerId));
    List<TransactWriteItem> items =
        List.of(
            putIfAbsent(out),
            putIfAbsent(in),
            counter(followerId, "following", 1, null),
            counter(followeeId, "followers", 1, "attribute_exists(displayName)"));
    Transactions.Result result = Transactions.write(dynamoDb, items);
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
    String pk = StatsKeys.follow(followerId, followeeId);
    List<TransactWriteItem> items =
        List.of(
            deleteIfPresent(key(pk, StatsKeys.FOLLOW_OUT)),
            deleteIfPresent(key(pk, StatsKeys.FOLLOW_IN)),
            counter(followerId, "following", -1, "#c >= :one"),
            counter(followeeId, "followers", -1, "#c >= :one"));
    Transactions.Result result = Transactions.write(dynamoDb, items);
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
                        .key(key(StatsKeys.user(userId), StatsKeys.PROFILE))
                        .projectionExpression("displayName, followers")
                        .consistentRead(consistent))
            .item();
    return item == null || item.isEmpty() ? null : item;
  }

  @Override
  public Page<FollowEntry> followers(String userId, int limit, Optional<Map<String, String>> start) {
    return list(StatsKeys.followersOf(userId), "followerId", limit, start);
  }

  @Override
  public Page<FollowEntry> following(String userId, int limit, Optional<Map<String, String>> start) {
    return list(StatsKeys.followingOf(userId), "followeeId", limit, start);
  }

  private Page<FollowEntry> list(
      String owner, String otherEnd, int limit, Optional<Map<String, String>> start) {
    QueryResponse page =
        dynamoDb.query(
            q -> {
              q.tableName(table)
                  .indexName(StatsKeys.BY_OWNER)
                  .keyConditionExpression("gsi1pk = :owner")
                  .expressionAttributeValues(Map.of(":owner", s(owner)))
                  .scanIndexForward(false)
                  .limit(limit);
              start.ifPresent(k -> q.exclusiveStartKey(Attrs.fromStrings(k)));
            });
    List<FollowEntry> entries =
        page.items().stream()
            .map(i -> new FollowEntry(string(i, otherEnd), string(i, "followedAt")))
            .toList();
    Optional<Map<String, String>> next =
        page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
            ? Optional.of(Attrs.toStrings(page.lastEvaluatedKey()))
            : Optional.empty();
    return new Page<>(entries, next);
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
                  .key(key(StatsKeys.user(userId), StatsKeys.PROFILE))
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
