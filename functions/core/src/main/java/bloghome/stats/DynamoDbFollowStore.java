package bloghome.stats;

import static bloghome.table.Attributes.string;

import bloghome.paging.StorePage;
import bloghome.table.ProfileItems;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import bloghome.table.TransactionRunner;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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

  private final TableAccess access;
  private final ProfileItems profiles;
  private final TransactionRunner transactions;

  public DynamoDbFollowStore(DynamoDbClient dynamoDb, String table) {
    this.access = new TableAccess(dynamoDb, table);
    this.profiles = new ProfileItems(access);
    this.transactions = new TransactionRunner(dynamoDb, StatsRetry.POLICY);
  }

  @Override
  public Change follow(String followerId, String followeeId, Instant at) {
    Map<String, AttributeValue> out = StatsItems.followOut(followerId, followeeId, at);
    Map<String, AttributeValue> in = StatsItems.followIn(followerId, followeeId, at);
    List<TransactWriteItem> items =
        List.of(
            access.putIfAbsent(out),
            access.putIfAbsent(in),
            profiles.add(followerId, ProfileItems.Counter.FOLLOWING, 1),
            profiles.addIfVisible(followeeId, ProfileItems.Counter.FOLLOWERS, 1));
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
            access.deleteIfPresent(pk, TableKeys.FOLLOW_OUT),
            access.deleteIfPresent(pk, TableKeys.FOLLOW_IN),
            profiles.add(followerId, ProfileItems.Counter.FOLLOWING, -1),
            profiles.add(followeeId, ProfileItems.Counter.FOLLOWERS, -1));
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
    return profiles
        .find(userId, true)
        .filter(ProfileItems.Stored::visible)
        .map(p -> p.counter(ProfileItems.Counter.FOLLOWERS));
  }

  @Override
  public boolean isVisible(String userId) {
    return profiles.find(userId, false).filter(ProfileItems.Stored::visible).isPresent();
  }

  @Override
  public StorePage<FollowEntry> followers(
      String userId, int limit, Optional<Map<String, String>> start) {
    return list(TableKeys.followersOf(userId), TableKeys.FOLLOWER_ID, limit, start);
  }

  @Override
  public StorePage<FollowEntry> following(
      String userId, int limit, Optional<Map<String, String>> start) {
    return list(TableKeys.followingOf(userId), TableKeys.FOLLOWEE_ID, limit, start);
  }

  private StorePage<FollowEntry> list(
      String owner, String otherEnd, int limit, Optional<Map<String, String>> start) {
    StorePage<Map<String, AttributeValue>> page = access.byOwner(owner, limit, start);
    List<FollowEntry> entries =
        page.items().stream()
            .map(i -> new FollowEntry(string(i, otherEnd), string(i, TableKeys.FOLLOWED_AT)))
            .toList();
    return new StorePage<>(entries, page.next());
  }
}
