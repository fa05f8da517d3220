package bloghome.stats;

import static bloghome.table.TableKeys.key;

import bloghome.paging.StorePage;
import bloghome.table.PostSummaryItems;
import bloghome.table.ProfileItems;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import bloghome.table.TransactionRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Likes and favorites. Adding puts the marker (only if absent) and adds 1 to the post summary (only
 * if it exists) and to the author's profile in one transaction; removing deletes the marker (only
 * if present) and subtracts 1 from both, each guarded by {@code >= 1}. Repeating either call fails
 * the marker's condition and changes nothing.
 */
public final class DynamoDbReactionStore implements ReactionStore {
  private static final int MARKER = 0;
  private static final int SUMMARY = 1;
  private static final int PROFILE = 2;

  private final TableAccess access;
  private final PostSummaryItems summaries;
  private final ProfileItems profiles;
  private final TransactionRunner transactions;

  public DynamoDbReactionStore(DynamoDbClient dynamoDb, String table) {
    this.access = new TableAccess(dynamoDb, table);
    this.summaries = new PostSummaryItems(access);
    this.profiles = new ProfileItems(access);
    this.transactions = new TransactionRunner(dynamoDb, StatsRetry.POLICY);
  }

  @Override
  public Change add(Reaction reaction, String postId, String authorId, String userId, Instant at) {
    List<TransactWriteItem> items =
        List.of(
            access.putIfAbsent(StatsItems.reactionMarker(reaction, postId, userId, at)),
            summaries.add(postId, reaction.postCounter(), 1),
            profiles.add(authorId, reaction.profileCounter(), 1));
    TransactionRunner.Result result = transactions.write(items);
    if (result.applied()) {
      return Change.CHANGED;
    }
    if (result.failed(SUMMARY)) {
      return Change.POST_GONE;
    }
    if (result.failed(MARKER)) {
      return Change.UNCHANGED;
    }
    throw new IllegalStateException("reaction transaction cancelled for an unknown reason");
  }

  @Override
  public Change remove(Reaction reaction, String postId, String authorId, String userId) {
    Map<String, AttributeValue> marker = StatsItems.reactionKey(reaction, postId, userId);
    List<TransactWriteItem> items =
        List.of(
            access.deleteIfPresent(marker.get(TableKeys.PK).s(), marker.get(TableKeys.SK).s()),
            summaries.add(postId, reaction.postCounter(), -1),
            profiles.add(authorId, reaction.profileCounter(), -1));
    TransactionRunner.Result result = transactions.write(items);
    if (result.applied()) {
      return Change.CHANGED;
    }
    if (result.failed(MARKER)) {
      return Change.UNCHANGED;
    }
    if (result.failed(SUMMARY)) {
      return Change.POST_GONE;
    }
    if (result.failed(PROFILE)) {
      // The marker exists, so its +1 reached the profile with it: a profile count below 1 was
      // changed elsewhere. Refuse rather than go negative or drop the marker.
      throw new IllegalStateException(
          "profile " + reaction.counter() + " out of step with its markers");
    }
    throw new IllegalStateException("reaction transaction cancelled for an unknown reason");
  }

  @Override
  public boolean removeOrphan(Reaction reaction, String postId, String userId) {
    Map<String, AttributeValue> old =
        access
            .client()
            .deleteItem(
                d ->
                    d.tableName(access.name())
                        .key(StatsItems.reactionKey(reaction, postId, userId))
                        .returnValues("ALL_OLD"))
            .attributes();
    return old != null && !old.isEmpty();
  }

  @Override
  public long count(Reaction reaction, String postId) {
    return summaries.counter(postId, reaction.postCounter());
  }

  @Override
  public StorePage<Favorite> favorites(
      String userId, int limit, Optional<Map<String, String>> start) {
    StorePage<Map<String, AttributeValue>> page =
        access.byOwner(TableKeys.favoritesOf(userId), limit, start);
    Map<String, PostSummaryItems.Summary> posts =
        summaries(page.items().stream().map(StatsItems::reactionPostId).toList());
    Map<String, Boolean> followed = new HashMap<>();
    List<Favorite> favorites = new ArrayList<>();
    for (Map<String, AttributeValue> item : page.items()) {
      PostSummaryItems.Summary post = posts.get(StatsItems.reactionPostId(item));
      // Only what the reader may read now: a favorite of a post since deleted, unpublished or made
      // private stays stored (it shows again if the post does) but is not listed with its title.
      if (post != null && readableBy(post, userId, followed)) {
        favorites.add(
            new Favorite(
                post.postId(), StatsItems.reactionCreatedAt(item), StatsItems.favoritePost(post)));
      }
    }
    return new StorePage<>(favorites, page.next());
  }

  /** Public, the reader's own, or for followers and the reader follows its author. */
  private boolean readableBy(
      PostSummaryItems.Summary post, String readerId, Map<String, Boolean> followed) {
    if (post.listed() || post.authorId().equals(readerId)) {
      return true;
    }
    return post.followersOnly()
        && followed.computeIfAbsent(
            post.authorId(),
            author ->
                access.get(TableKeys.follow(readerId, author), TableKeys.FOLLOW_OUT, false)
                    != null);
  }

  /** The summaries of up to 100 posts in one BatchGetItem (plus retries of unprocessed keys). */
  private Map<String, PostSummaryItems.Summary> summaries(List<String> postIds) {
    Map<String, PostSummaryItems.Summary> found = new HashMap<>();
    if (postIds.isEmpty()) {
      return found;
    }
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (String postId : new LinkedHashSet<>(postIds)) {
      keys.add(key(TableKeys.postPk(postId), TableKeys.SUMMARY));
    }
    Map<String, KeysAndAttributes> request = new LinkedHashMap<>();
    request.put(access.name(), KeysAndAttributes.builder().keys(keys).build());
    for (int round = 0; !request.isEmpty() && round < 5; round++) {
      Map<String, KeysAndAttributes> pending = request;
      BatchGetItemResponse response = access.client().batchGetItem(b -> b.requestItems(pending));
      for (Map<String, AttributeValue> item :
          response.responses().getOrDefault(access.name(), List.of())) {
        PostSummaryItems.Summary summary = PostSummaryItems.read(item);
        found.put(summary.postId(), summary);
      }
      request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
    }
    if (!request.isEmpty()) {
      throw new IllegalStateException("post summaries still unprocessed after retries");
    }
    return found;
  }
}
