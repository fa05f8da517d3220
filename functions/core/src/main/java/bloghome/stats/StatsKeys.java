package bloghome.stats;

import bloghome.time.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Keys and attribute formats of the stats items in the single table (see docs/stats.md).
 *
 * <p>Every marker gets a partition key of its own: markers are written at the rate of views and
 * likes, and spreading them keeps them off the partitions of the hot summary and profile items.
 */
public final class StatsKeys {
  public static final String PK = "pk";
  public static final String SK = "sk";
  public static final String GSI1PK = "gsi1pk";
  public static final String GSI1SK = "gsi1sk";
  public static final String BY_OWNER = "ByOwner";
  public static final String EXPIRES_AT = "expiresAt";

  /** {@code views x 10^24} is the views part of {@code viewRank} (docs/data-model.md). */
  public static final String VIEW_RANK_STEP = "1000000000000000000000000";

  private StatsKeys() {}

  public static String post(String postId) {
    return "POST#" + postId;
  }

  public static final String SUMMARY = "SUMMARY";

  public static String user(String userId) {
    return "USER#" + userId;
  }

  public static final String PROFILE = "PROFILE";

  /** The sort key of every view marker; the stream filter of the aggregator matches on it. */
  public static final String VIEW_MARKER_SK = "VIEW";

  /** What a view marker carries besides its key, so that the aggregator needs no read. */
  public static final String MARKER_POST_ID = "postId";

  public static final String MARKER_AUTHOR_ID = "authorId";

  /**
   * A random id of the request that wrote a marker: an SDK retry of a put whose answer was lost
   * finds the marker it wrote itself, and must still answer "counted".
   */
  public static final String MARKER_WRITE_ID = "writeId";

  /** The aggregator's checkpoint for one stream shard (docs/stats.md). */
  public static String viewCountCheckpoint(String shardKey) {
    return "VIEWCOUNT#" + shardKey;
  }

  public static final String CHECKPOINT = "CHECKPOINT";

  /** One view marker per post, UTC day and visitor; the visitor part is already a keyed hash. */
  public static String viewMarker(String postId, LocalDate day, String visitorKey) {
    return "VIEW#" + postId + "#" + day + "#" + visitorKey;
  }

  public static String reactionMarker(Reaction reaction, String postId, String userId) {
    return reaction.markerPrefix() + "#" + postId + "#" + userId;
  }

  public static String favoritesOf(String userId) {
    return "FAVORITES#" + userId;
  }

  /** Both halves of a follow edge share this partition key (sk {@code OUT} and {@code IN}). */
  public static String follow(String followerId, String followeeId) {
    return "FOLLOW#" + followerId + "#" + followeeId;
  }

  public static final String FOLLOW_OUT = "OUT";
  public static final String FOLLOW_IN = "IN";

  public static String followersOf(String userId) {
    return "FOLLOWERS#" + userId;
  }

  public static String followingOf(String userId) {
    return "FOLLOWING#" + userId;
  }

  /** Sortable, fixed-width UTC timestamp (Instant.toString() drops zero millis). */
  public static String timestamp(Instant instant) {
    return Timestamps.format(instant);
  }

  /** End of the marker's usefulness: 48 hours after the start of its UTC day. */
  public static long expiresAt(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).plusHours(48).toEpochSecond();
  }
}
