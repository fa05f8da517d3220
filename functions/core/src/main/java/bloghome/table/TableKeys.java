package bloghome.table;

import bloghome.time.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every key shape of the single table, in one place (docs/data-model.md lists them all).
 *
 * <p>Features build partition keys, sort keys and index keys only through this class, so a newcomer
 * finds the whole key scheme here and no two features can drift apart on the shape of an item they
 * share (a post's summary is written by posts, stats and comments; a profile by posts, profiles and
 * stats). Every id embedded in a key cannot contain {@code #}: user ids are checked against {@code
 * [A-Za-z0-9._@+-]}, the other ids are generated.
 */
public final class TableKeys {
  // ------------------------------------------------------------ attribute names of the keys

  public static final String PK = "pk";
  public static final String SK = "sk";

  /** The {@code ByOwner} index: lists owned by a user or a post (favorites, follows, threads). */
  public static final String BY_OWNER = "ByOwner";

  public static final String GSI1PK = "gsi1pk";
  public static final String GSI1SK = "gsi1sk";

  /** The TTL attribute (epoch seconds). */
  public static final String EXPIRES_AT = "expiresAt";

  // ------------------------------------------------------------ posts and listings

  public static final String SUMMARY = "SUMMARY";
  public static final String CONTENT = "CONTENT";
  public static final String COUNT_PREFIX = "COUNT#";

  /** The listing indexes' partition keys: all posts of a user, or one type of them. */
  public static final String LIST_PK = "listPk";

  public static final String LIST_TYPE_PK = "listTypePk";
  public static final String PUBLISHED_KEY = "publishedKey";
  public static final String VIEW_RANK = "viewRank";

  /** Greater than any {@code publishedKey}: puts the listing totals first when descending. */
  public static final String TOP_PUBLISHED_KEY = "~";

  /**
   * Attributes of the items only posts write (content, import map, idempotency record); the
   * summary's are in {@link PostSummaryItems}.
   */
  public static final String ITEM_POST_ID = "postId";

  public static final String ITEM_SOURCE_ID = "sourceId";

  /** Attribute names several kinds of item carry. */
  public static final String ITEM_AUTHOR_ID = "authorId";

  public static final String ITEM_USER_ID = "userId";
  public static final String CREATED_AT = "createdAt";
  public static final String CONTENT_TEXT = "content";
  public static final String SOURCE_URL = "sourceUrl";
  public static final String TAGS = "tags";
  public static final String CATEGORIES = "categories";
  public static final String REQUEST_HASH = "requestHash";

  public static String postPk(String postId) {
    return "POST#" + postId;
  }

  /** Partition of one type of a user's posts in the by-type listing indexes. */
  public static String userTypePk(String userId, String typeWireName) {
    return userPk(userId) + "#" + typeWireName;
  }

  /** The listing total of all posts ({@code null}) or of one type (its wire name). */
  public static String countSk(String typeWireNameOrNull) {
    return COUNT_PREFIX + (typeWireNameOrNull == null ? "all" : typeWireNameOrNull);
  }

  public static String importSk(String sourceId) {
    return "IMPORT#" + sourceId;
  }

  /** A post's idempotency record, in its author's partition. */
  public static String postIdempotencySk(String key) {
    return "IDEM#" + key;
  }

  /** The ByOwner partition of all an author's posts in every state (the studio's list). */
  public static String studioOf(String userId) {
    return "STUDIO#" + userId;
  }

  /** The ByOwner partition of an author's published followers-only posts. */
  public static String followersPostsOf(String userId) {
    return "FOLLOWERS_POSTS#" + userId;
  }

  /** Sort key of a post's entry in its author's followers-only list, in the post's partition. */
  public static final String FOLLOWERS_ENTRY = "FOLLOWERS_ENTRY";

  /**
   * The partition of a post's revisions; apart from the post's own partition so that the post
   * page's Query never reads them.
   */
  public static String revisionsPk(String postId) {
    return "POSTREV#" + postId;
  }

  /** A revision's sort key: the version, zero-padded so that keys sort as numbers. */
  public static String revisionSk(long version) {
    return String.format("V#%012d", version);
  }

  /** Attributes of a revision item (besides those of the content item it copies). */
  public static final String REVISION_VERSION = "version";

  public static final String REVISION_SAVED_AT = "savedAt";
  public static final String REVISION_TITLE = "title";
  public static final String REVISION_SUMMARY = "summary";
  public static final String REVISION_TYPE = "type";
  public static final String REVISION_BYTES = "bytes";
  public static final String SUMMARY_DERIVED = "summaryDerived";

  public static String publishedKey(String publishedAt, String postId) {
    return publishedAt + "#" + postId;
  }

  // ------------------------------------------------------------ users

  public static final String PROFILE = "PROFILE";

  public static String userPk(String userId) {
    return "USER#" + userId;
  }

  // ------------------------------------------------------------ skins

  public static final String SKIN = "SKIN";
  public static final String SKIN_UPLOAD_PREFIX = "SKIN_UPLOAD#";

  public static String skinUploadSk(String uploadId) {
    return SKIN_UPLOAD_PREFIX + uploadId;
  }

  // ------------------------------------------------------------ post images and avatars

  public static final String IMAGE_UPLOAD_PREFIX = "IMAGE_UPLOAD#";
  public static final String IMAGE_DAY_PREFIX = "IMAGE_DAY#";

  public static String imageUploadSk(String uploadId) {
    return IMAGE_UPLOAD_PREFIX + uploadId;
  }

  /** The counter of one user's image uploads on one UTC day ({@code yyyy-mm-dd}). */
  public static String imageDaySk(String day) {
    return IMAGE_DAY_PREFIX + day;
  }

  public static final String IMAGE_USE = "use";
  public static final String FILE_NAME = "fileName";
  public static final String UPLOAD_COUNT = "uploads";

  /**
   * Attributes of the skin and upload items. A skin's colours and active images are stored under
   * their wire names ({@code ColorField}, {@code SkinSlot}): one name on the wire and in the table.
   */
  public static final String ITEM_UPDATED_AT = "updatedAt";

  public static final String UPLOAD_ID = "uploadId";
  public static final String SLOT = "slot";
  public static final String OBJECT_KEY = "objectKey";
  public static final String CONTENT_TYPE = "contentType";
  public static final String CONTENT_LENGTH = "contentLength";
  public static final String STATUS = "status";
  public static final String URL_EXPIRES_AT = "urlExpiresAt";
  public static final String FAIL_AFTER = "failAfter";
  public static final String REASONS = "reasons";
  public static final String DECIDED_AT = "decidedAt";
  public static final String IMAGE = "image";
  public static final String ACTIVE = "active";

  /** Fields of a stored image (a map) and of a stored reason (a map in {@link #REASONS}). */
  public static final String IMAGE_KEY = "key";

  public static final String IMAGE_WIDTH = "width";
  public static final String IMAGE_HEIGHT = "height";
  public static final String IMAGE_BYTES = "bytes";
  public static final String IMAGE_FORMAT = "format";
  public static final String IMAGE_ORDER = "order";
  public static final String IMAGE_ACCEPTED_AT = "acceptedAt";
  public static final String REASON_CODE = "code";
  public static final String REASON_MESSAGE = "message";

  // ------------------------------------------------------------ stats

  /**
   * The sort key of every view marker; the stream filter of the aggregator matches on it. Every
   * marker gets a partition key of its own: markers are written at the rate of views and likes, and
   * spreading them keeps them off the partitions of the hot summary and profile items.
   */
  public static final String VIEW_MARKER_SK = "VIEW";

  /** What a view marker carries besides its key, so that the aggregator needs no read. */
  public static final String MARKER_POST_ID = "postId";

  public static final String MARKER_AUTHOR_ID = "authorId";

  /**
   * A random id of the request that wrote a marker: an SDK retry of a put whose answer was lost
   * finds the marker it wrote itself, and must still answer "counted".
   */
  public static final String MARKER_WRITE_ID = "writeId";

  public static final String VIEW_MARKER_PREFIX = "VIEW#";

  /** One view marker per post, UTC day and visitor; the visitor part is already a keyed hash. */
  public static String viewMarker(String postId, LocalDate day, String visitorKey) {
    return VIEW_MARKER_PREFIX + postId + "#" + day + "#" + visitorKey;
  }

  /** The start of every view marker key of one post (for a scan or a begins_with). */
  public static String viewMarkersOf(String postId) {
    return VIEW_MARKER_PREFIX + postId + "#";
  }

  /** End of a view marker's usefulness (its TTL): 48 hours after the start of its UTC day. */
  public static long viewMarkerExpiresAt(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).plusHours(48).toEpochSecond();
  }

  /**
   * The aggregator's checkpoint for one stream shard (docs/stats.md), sort key {@link #CHECKPOINT}.
   */
  public static String viewCountCheckpoint(String shardKey) {
    return "VIEWCOUNT#" + shardKey;
  }

  public static final String CHECKPOINT = "CHECKPOINT";

  /** The checkpoint's attribute: the last stream sequence number counted. */
  public static final String CHECKPOINT_SEQUENCE = "seq";

  /** The kinds of reaction marker: each is both the key's prefix and the marker's sort key. */
  public static final String LIKE_MARKER = "LIKE";

  public static final String FAVORITE_MARKER = "FAVORITE";

  /**
   * A like or favorite marker; {@code markerName} is {@code LIKE} or {@code FAVORITE}, which is
   * also the marker's sort key.
   */
  public static String reactionMarker(String markerName, String postId, String userId) {
    return markerName + "#" + postId + "#" + userId;
  }

  /**
   * The ByOwner sort key of an entry in a user's favorites, following or followers list: newest
   * first by the time of the entry, then by the post or user it names.
   */
  public static String ownerListSk(String when, String id) {
    return when + "#" + id;
  }

  /** Attributes of a follow edge's halves. */
  public static final String FOLLOWER_ID = "followerId";

  public static final String FOLLOWEE_ID = "followeeId";
  public static final String FOLLOWED_AT = "followedAt";

  public static String favoritesOf(String userId) {
    return "FAVORITES#" + userId;
  }

  /** Both halves of a follow edge share this partition key (sk {@code OUT} and {@code IN}). */
  public static String follow(String followerId, String followeeId) {
    return FOLLOW_PREFIX + followerId + "#" + followeeId;
  }

  public static final String FOLLOW_PREFIX = "FOLLOW#";
  public static final String FOLLOW_OUT = "OUT";
  public static final String FOLLOW_IN = "IN";

  public static String followersOf(String userId) {
    return "FOLLOWERS#" + userId;
  }

  public static String followingOf(String userId) {
    return "FOLLOWING#" + userId;
  }

  /** The salt of one UTC day, sort key {@link #SALT}. */
  public static String saltPk(LocalDate day) {
    return "SALT#" + day;
  }

  public static final String SALT = "SALT";

  /** The salt item's secret (binary). */
  public static final String SALT_SECRET = "salt";

  // ------------------------------------------------------------ comments

  /** Attributes of the comment items (comment, pointer, idempotency record, rate window). */
  public static final String COMMENT_ID = "commentId";

  public static final String COMMENT_SK = "commentSk";
  public static final String REPLY_TO = "replyTo";
  public static final String AUTHOR_NAME = "authorName";
  public static final String BODY = "body";
  public static final String REPLIES = "replies";
  public static final String PREVIEW_COUNT = "previewCount";
  public static final String DELETED = "deleted";

  /** The comment an idempotency record remembers (a map of the comment's fields). */
  public static final String REMEMBERED_COMMENT = "comment";

  /** What a comment item is: {@code COMMENT}, {@code COMMENT_REF} or {@code IDEMPOTENCY}. */
  public static final String ITEM_TYPE = "type";

  /** The number of comments in a rate window. */
  public static final String RATE_COUNT = "n";

  /** Prefix of a top-level comment's sort key in its post's partition. */
  public static final String COMMENT_SK_PREFIX = "C#";

  private static final String REPLY_MARK = "#R#";

  /** The ByOwner partition that lists a post's threads (top-level comments and reply previews). */
  public static String threadsPk(String postId) {
    return "COMMENTS#" + postId;
  }

  /**
   * The ByOwner list of the newest comments on a blog's posts (the sidebar's 最新评论): the comments'
   * pointer items carry it while the comment is not deleted.
   */
  public static String recentCommentsOf(String blogAuthorId) {
    return "BLOGCOMMENTS#" + blogAuthorId;
  }

  /** On a comment's pointer: the title of the post and the start of the comment. */
  public static final String POST_TITLE = "postTitle";

  public static final String EXCERPT = "excerpt";

  /** Pointer item that finds a comment by id alone, sort key {@link #COMMENT}. */
  public static String commentPointerPk(String commentId) {
    return "COMMENT#" + commentId;
  }

  /** Sort key of a comment's pointer and of a comment's idempotency record. */
  public static final String COMMENT = "COMMENT";

  /** A comment's idempotency record, sort key {@link #COMMENT}. */
  public static String commentIdempotencyPk(String userId, String key) {
    return "IDEMPOTENCY#" + userId + "#" + key;
  }

  /**
   * A top-level comment: {@code C#{createdAt}#{commentId}}. A reply's sort key is its parent's
   * followed by {@code #R#{createdAt}#{replyId}}, so a thread sorts right under its parent.
   * Timestamps are fixed-width and ids have a fixed length, which is what makes the range bounds
   * below exact.
   */
  public static String topLevelCommentSk(Instant createdAt, String commentId) {
    return COMMENT_SK_PREFIX + Timestamps.format(createdAt) + "#" + commentId;
  }

  public static String replySk(String parentSk, Instant createdAt, String replyId) {
    return parentSk + REPLY_MARK + Timestamps.format(createdAt) + "#" + replyId;
  }

  /** Lowest sort key of a thread's replies. */
  public static String repliesFrom(String parentSk) {
    return parentSk + REPLY_MARK;
  }

  /** Highest sort key of a thread's replies ({@code ~} sorts after every id and digit). */
  public static String repliesTo(String parentSk) {
    return parentSk + REPLY_MARK + "~";
  }

  /**
   * Smallest key greater than {@code sk} and every key that extends it. Top-level sort keys have
   * one length, so the next thread differs from {@code sk} before its end; {@code $} sorts right
   * after {@code #}, which is where a thread's replies continue the parent's key.
   */
  public static String afterThread(String sk) {
    return sk + "$";
  }

  /**
   * Smallest key greater than the reply key {@code sk}. Reply keys of a thread all have the same
   * length, so any greater one already differs within that length.
   */
  public static String afterReply(String sk) {
    return sk + "!";
  }

  /** The parent's sort key inside a reply's sort key. */
  public static String parentSkOf(String replySk) {
    int marker = replySk.indexOf(REPLY_MARK);
    if (marker < 0) {
      throw new IllegalArgumentException("not a reply key: " + replySk);
    }
    return replySk.substring(0, marker);
  }

  /** The partition of a commenter's rate-window counters. */
  public static String ratePk(String userId) {
    return "RATE#" + userId;
  }

  /** Comment rate windows, in {@link #ratePk}: one per calendar minute and one per hour. */
  public static String commentMinuteWindowSk(String minute) {
    return "COMMENTS#M#" + minute;
  }

  public static String commentHourWindowSk(String hour) {
    return "COMMENTS#H#" + hour;
  }

  // ------------------------------------------------------------ discovery (docs/discovery.md)

  /** Sort-key prefix of a post's category, tag and archive entries, in the post's partition. */
  public static final String ENTRY_PREFIX = "IDX#";

  /** Sort-key prefix of a blog's per-category, per-tag and per-month totals, under the user. */
  public static final String TOTAL_PREFIX = "TOTAL#";

  /** The author's ordered category list and feed choice, under the user. */
  public static final String CATEGORIES_SK = "CATEGORIES";

  /** A post's entry in one category, tag or month ({@code kind} is CAT, TAG or MONTH). */
  public static String entrySk(String kind, String name) {
    return ENTRY_PREFIX + kind + "#" + name;
  }

  /** The total of one category, tag or month of a blog. */
  public static String totalSk(String kind, String name) {
    return TOTAL_PREFIX + kind + "#" + name;
  }

  /** The ByOwner partition that lists one category, tag or month of a blog. */
  public static String indexPk(String kind, String userId, String name) {
    return "BLOG" + kind + "#" + userId + "#" + name;
  }

  /** The ByOwner partition that lists every blog with posts (the sitemap index). */
  public static final String BLOGS_PK = "BLOGS";

  // ------------------------------------------------------------ migrations (docs/operations.md)

  /** The state of one data migration (cursor, step, status), one item per migration. */
  public static String migrationPk(String name) {
    return MIGRATION_PREFIX + name;
  }

  public static final String MIGRATION_PREFIX = "MIGRATION#";
  public static final String MIGRATION_STATE = "STATE";
  public static final String MIGRATION_STATUS = "status";
  public static final String MIGRATION_CURSOR = "cursor";
  public static final String MIGRATION_STEP = "step";
  public static final String MIGRATION_PROCESSED = "processed";
  public static final String MIGRATION_STARTED_AT = "startedAt";
  public static final String MIGRATION_UPDATED_AT = "updatedAt";

  /**
   * On a post's content item: the backfill that wrote it last. A backfill's write changes the item
   * (so the table's stream tells the search indexer) only the first time.
   */
  public static final String BACKFILLED_BY = "backfilledBy";

  // ------------------------------------------------------------ whole keys

  /** The primary key of an item, as a mutable map (callers add the item's attributes to it). */
  public static Map<String, AttributeValue> key(String pk, String sk) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    key.put(PK, AttributeValue.fromS(pk));
    key.put(SK, AttributeValue.fromS(sk));
    return key;
  }

  private TableKeys() {}
}
