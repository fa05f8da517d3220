package bloghome.stats;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.s;
import static bloghome.table.Attributes.string;
import static bloghome.table.TableKeys.key;

import bloghome.table.PostSummaryItems;
import bloghome.table.PostSummaryItems.Counter;
import bloghome.table.TableKeys;
import bloghome.time.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps the stats markers (views, likes, favorites, follow edges) to items, and favorites back. */
final class StatsItems {
  private StatsItems() {}

  /**
   * A visitor's view of a post on one day. It carries the post and its author (so that the
   * aggregator needs no read) and the id of the request that wrote it.
   */
  static Map<String, AttributeValue> viewMarker(
      String postId, String authorId, LocalDate day, String visitorKey, String writeId) {
    Map<String, AttributeValue> marker =
        key(TableKeys.viewMarker(postId, day, visitorKey), TableKeys.VIEW_MARKER_SK);
    marker.put(TableKeys.MARKER_POST_ID, s(postId));
    marker.put(TableKeys.MARKER_AUTHOR_ID, s(authorId));
    marker.put(TableKeys.EXPIRES_AT, n(TableKeys.viewMarkerExpiresAt(day)));
    marker.put(TableKeys.MARKER_WRITE_ID, s(writeId));
    return marker;
  }

  static Map<String, AttributeValue> reactionKey(Reaction reaction, String postId, String userId) {
    return key(
        TableKeys.reactionMarker(reaction.markerPrefix(), postId, userId), reaction.markerPrefix());
  }

  /** A like or favorite; a favorite is also put in its owner's newest-first list (ByOwner). */
  static Map<String, AttributeValue> reactionMarker(
      Reaction reaction, String postId, String userId, Instant at) {
    String when = Timestamps.format(at);
    Map<String, AttributeValue> marker = reactionKey(reaction, postId, userId);
    marker.put(TableKeys.ITEM_POST_ID, s(postId));
    marker.put(TableKeys.ITEM_USER_ID, s(userId));
    marker.put(TableKeys.CREATED_AT, s(when));
    if (reaction == Reaction.FAVORITE) {
      marker.put(TableKeys.GSI1PK, s(TableKeys.favoritesOf(userId)));
      marker.put(TableKeys.GSI1SK, s(TableKeys.ownerListSk(when, postId)));
    }
    return marker;
  }

  /** The follower's half of a follow edge, in the follower's "following" list. */
  static Map<String, AttributeValue> followOut(String followerId, String followeeId, Instant at) {
    return followEdge(
        followerId,
        followeeId,
        at,
        TableKeys.FOLLOW_OUT,
        TableKeys.followingOf(followerId),
        followeeId);
  }

  /** The followee's half of a follow edge, in the followee's "followers" list. */
  static Map<String, AttributeValue> followIn(String followerId, String followeeId, Instant at) {
    return followEdge(
        followerId,
        followeeId,
        at,
        TableKeys.FOLLOW_IN,
        TableKeys.followersOf(followeeId),
        followerId);
  }

  private static Map<String, AttributeValue> followEdge(
      String followerId, String followeeId, Instant at, String sk, String list, String otherEnd) {
    String when = Timestamps.format(at);
    Map<String, AttributeValue> edge = key(TableKeys.follow(followerId, followeeId), sk);
    edge.put(TableKeys.FOLLOWER_ID, s(followerId));
    edge.put(TableKeys.FOLLOWEE_ID, s(followeeId));
    edge.put(TableKeys.FOLLOWED_AT, s(when));
    edge.put(TableKeys.GSI1PK, s(list));
    edge.put(TableKeys.GSI1SK, s(TableKeys.ownerListSk(when, otherEnd)));
    return edge;
  }

  static String reactionPostId(Map<String, AttributeValue> marker) {
    return string(marker, TableKeys.ITEM_POST_ID);
  }

  static String reactionCreatedAt(Map<String, AttributeValue> marker) {
    return string(marker, TableKeys.CREATED_AT);
  }

  /** A favorited post's list fields, from its summary item as its owner reads it. */
  static FavoritePost favoritePost(PostSummaryItems.Summary s) {
    return new FavoritePost(
        s.postId(),
        s.authorId(),
        s.type(),
        s.title(),
        s.summary(),
        Timestamps.format(s.publishedAt()),
        s.counter(Counter.VIEWS),
        s.counter(Counter.LIKES),
        s.counter(Counter.FAVORITES),
        s.counter(Counter.COMMENTS));
  }
}
