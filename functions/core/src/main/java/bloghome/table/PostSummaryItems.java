package bloghome.table;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.number;
import static bloghome.table.Attributes.s;
import static bloghome.table.Attributes.string;

import bloghome.paging.StorePage;
import bloghome.time.Timestamps;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The one owner of a post's summary item and of its projections: the listing entries (by
 * publication, by views, by type, in the four listing indexes) and the listing totals beside them.
 * Posts, stats and comments all change these items, and only through the operations here; no other
 * code names their attributes (docs/data-model.md). A counter added to {@link Counter} is written
 * as 0 on a new post, read back, and kept exact by every replace and delete. The category, tag and
 * archive entries of a post are further projections of the summary, built by {@link DiscoveryItems}
 * in the same transactions.
 */
public final class PostSummaryItems {
  // ------------------------------------------------------------ attribute names

  public static final String POST_ID = "postId";
  public static final String AUTHOR_ID = "authorId";
  public static final String TYPE = "type";
  public static final String TITLE = "title";
  public static final String SUMMARY = "summary";
  public static final String PUBLISHED_AT = "publishedAt";
  public static final String UPDATED_AT = "updatedAt";
  public static final String SOURCE_ID = "sourceId";
  public static final String STATUS = "status";
  public static final String VISIBILITY = "visibility";
  public static final String PUBLISH_AT = "publishAt";
  public static final String VERSION = "version";

  /** The title in lower case, which the studio's title search filters on. */
  public static final String TITLE_SEARCH = "titleSearch";

  /** Stored status and visibility names (the posts' wire names) that make a post listed. */
  public static final String PUBLISHED = "published";

  public static final String PUBLIC = "public";
  public static final String FOLLOWERS = "followers";

  /** The listing total's number of posts. */
  public static final String COUNT = "count";

  /** The counters of a post: whole numbers that other features add to. */
  public enum Counter {
    VIEWS("views"),
    COMMENTS("comments"),
    LIKES("likes"),
    FAVORITES("favorites");

    private final String attribute;

    Counter(String attribute) {
      this.attribute = attribute;
    }

    public String attribute() {
      return attribute;
    }
  }

  /**
   * The summary as stored; {@code type} is the type's wire name. Counters absent from {@code
   * counters} are 0.
   */
  public record Summary(
      String postId,
      String authorId,
      String type,
      String title,
      String summary,
      Instant publishedAt,
      Instant updatedAt,
      Map<Counter, Long> counters,
      Optional<String> sourceId,
      String status,
      String visibility,
      Optional<Instant> publishAt,
      long version) {
    /** A published, public summary at version 1 (the shape of posts before drafts existed). */
    public Summary(
        String postId,
        String authorId,
        String type,
        String title,
        String summary,
        Instant publishedAt,
        Instant updatedAt,
        Map<Counter, Long> counters,
        Optional<String> sourceId) {
      this(
          postId,
          authorId,
          type,
          title,
          summary,
          publishedAt,
          updatedAt,
          counters,
          sourceId,
          PUBLISHED,
          PUBLIC,
          Optional.empty(),
          1);
    }

    public long counter(Counter counter) {
      return counters.getOrDefault(counter, 0L);
    }

    /**
     * Published and public: only such a summary has listing entries and counts in the totals (the
     * rule of the posts' {@code PostSummary.listed()}).
     */
    public boolean listed() {
      return PUBLISHED.equals(status) && PUBLIC.equals(visibility);
    }

    /** Published for followers only: has an entry in its author's followers-only list. */
    public boolean followersOnly() {
      return PUBLISHED.equals(status) && FOLLOWERS.equals(visibility);
    }

    /** A new post's summary, published (and last updated) at {@code at}, every counter at 0. */
    public static Summary fresh(
        String postId, String authorId, String type, String title, String summary, Instant at) {
      return new Summary(
          postId, authorId, type, title, summary, at, at, Map.of(), Optional.empty());
    }

    /** This summary with one counter set to {@code value}. */
    public Summary with(Counter counter, long value) {
      Map<Counter, Long> changed = new EnumMap<>(Counter.class);
      changed.putAll(counters);
      changed.put(counter, value);
      return new Summary(
          postId,
          authorId,
          type,
          title,
          summary,
          publishedAt,
          updatedAt,
          changed,
          sourceId,
          status,
          visibility,
          publishAt,
          version);
    }
  }

  private final TableAccess table;

  public PostSummaryItems(TableAccess table) {
    this.table = table;
  }

  // ------------------------------------------------------------ the whole item

  /** The summary item with the keys of every listing index it appears in. */
  public static Map<String, AttributeValue> item(Summary s) {
    String publishedAt = Timestamps.format(s.publishedAt());
    Map<String, AttributeValue> item =
        TableKeys.key(TableKeys.postPk(s.postId()), TableKeys.SUMMARY);
    item.put(POST_ID, s(s.postId()));
    item.put(AUTHOR_ID, s(s.authorId()));
    item.put(TYPE, s(s.type()));
    item.put(TITLE, s(s.title()));
    item.put(SUMMARY, s(s.summary()));
    item.put(PUBLISHED_AT, s(publishedAt));
    item.put(UPDATED_AT, s(Timestamps.format(s.updatedAt())));
    for (Counter counter : Counter.values()) {
      item.put(counter.attribute(), n(s.counter(counter)));
    }
    if (s.listed()) {
      item.put(TableKeys.LIST_PK, s(TableKeys.userPk(s.authorId())));
      item.put(TableKeys.LIST_TYPE_PK, s(TableKeys.userTypePk(s.authorId(), s.type())));
    }
    item.put(TableKeys.PUBLISHED_KEY, s(TableKeys.publishedKey(publishedAt, s.postId())));
    item.put(TableKeys.VIEW_RANK, viewRank(s));
    s.sourceId().ifPresent(id -> item.put(SOURCE_ID, s(id)));
    item.put(STATUS, s(s.status()));
    item.put(VISIBILITY, s(s.visibility()));
    s.publishAt().ifPresent(at -> item.put(PUBLISH_AT, s(Timestamps.format(at))));
    item.put(VERSION, n(s.version()));
    item.put(TITLE_SEARCH, s(titleSearch(s.title())));
    item.put(TableKeys.GSI1PK, s(TableKeys.studioOf(s.authorId())));
    item.put(TableKeys.GSI1SK, s(studioKey(s)));
    return item;
  }

  /** The studio's sort key: newest-updated first, ties by postId. */
  private static String studioKey(Summary s) {
    return TableKeys.ownerListSk(Timestamps.format(s.updatedAt()), s.postId());
  }

  /** What the studio's title search compares with: the title in lower case. */
  public static String titleSearch(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  /** A summary item read back (from a get, a query or a listing index). */
  public static Summary read(Map<String, AttributeValue> item) {
    Map<Counter, Long> counters = new EnumMap<>(Counter.class);
    for (Counter counter : Counter.values()) {
      counters.put(counter, number(item, counter.attribute()));
    }
    return new Summary(
        string(item, POST_ID),
        string(item, AUTHOR_ID),
        string(item, TYPE),
        string(item, TITLE),
        string(item, SUMMARY),
        Timestamps.parse(string(item, PUBLISHED_AT)),
        Timestamps.parse(string(item, UPDATED_AT)),
        counters,
        Optional.ofNullable(string(item, SOURCE_ID)),
        Optional.ofNullable(string(item, STATUS)).orElse(PUBLISHED),
        Optional.ofNullable(string(item, VISIBILITY)).orElse(PUBLIC),
        Optional.ofNullable(string(item, PUBLISH_AT)).map(Timestamps::parse),
        item.containsKey(VERSION) ? number(item, VERSION) : 1);
  }

  /** The post's summary, if the post exists. */
  public Optional<Summary> find(String postId, boolean consistent) {
    return Optional.ofNullable(table.get(TableKeys.postPk(postId), TableKeys.SUMMARY, consistent))
        .map(PostSummaryItems::read);
  }

  /** A new post's summary, only where there is none with its id. */
  public TransactWriteItem create(Summary s) {
    return table.putIfAbsent(item(s));
  }

  /**
   * Replaces the author's fields of the summary (and, when they differ, its publication time and
   * the counters {@code after} carries) on condition that it still belongs to {@code before}'s
   * author, has its type and, when the counters are replaced, still holds {@code before}'s values
   * of them: absolute values are only right against the values they were computed from. Counters
   * that {@code after} does not carry are left as they are.
   */
  public TransactWriteItem replace(Summary before, Summary after) {
    boolean statsChange =
        !sameCounters(before, after) || !after.publishedAt().equals(before.publishedAt());
    ItemUpdate update =
        table
            .update(TableKeys.postPk(after.postId()), TableKeys.SUMMARY)
            .set(TITLE, s(after.title()))
            .set(SUMMARY, s(after.summary()))
            .set(TYPE, s(after.type()))
            .set(UPDATED_AT, s(Timestamps.format(after.updatedAt())))
            .set(STATUS, s(after.status()))
            .set(VISIBILITY, s(after.visibility()))
            .set(VERSION, n(after.version()))
            .set(TITLE_SEARCH, s(titleSearch(after.title())))
            .set(TableKeys.GSI1PK, s(TableKeys.studioOf(after.authorId())))
            .set(TableKeys.GSI1SK, s(studioKey(after)));
    if (after.publishAt().isPresent()) {
      update.set(PUBLISH_AT, s(Timestamps.format(after.publishAt().get())));
    } else {
      update.remove(PUBLISH_AT);
    }
    if (after.listed()) {
      update
          .set(TableKeys.LIST_PK, s(TableKeys.userPk(after.authorId())))
          .set(TableKeys.LIST_TYPE_PK, s(TableKeys.userTypePk(after.authorId(), after.type())));
    } else {
      update.remove(TableKeys.LIST_PK).remove(TableKeys.LIST_TYPE_PK);
    }
    update
        .when(TableAccess.ITEM_EXISTS)
        .when(update.name(AUTHOR_ID) + " = " + update.value(":author", s(before.authorId())))
        .when(update.name(TYPE) + " = " + update.value(":oldType", s(before.type())))
        .when(sameVersion(update, before.version()));
    if (statsChange) {
      String publishedAt = Timestamps.format(after.publishedAt());
      update
          .set(PUBLISHED_AT, s(publishedAt))
          .set(TableKeys.PUBLISHED_KEY, s(TableKeys.publishedKey(publishedAt, after.postId())));
      for (Counter counter : after.counters().keySet()) {
        update.set(counter.attribute(), n(after.counter(counter)));
      }
      update.set(TableKeys.VIEW_RANK, viewRank(after));
      for (Counter counter : after.counters().keySet()) {
        update.when(unchanged(update, counter, before.counter(counter)));
      }
    }
    return update.item();
  }

  /**
   * Deletes the summary on condition that it still belongs to its author, has its type and still
   * holds the values of {@code guarded} counters that the caller subtracts elsewhere.
   */
  public TransactWriteItem delete(Summary current, Collection<Counter> guarded) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    StringBuilder condition = new StringBuilder(TableAccess.ITEM_EXISTS);
    names.put("#" + AUTHOR_ID, AUTHOR_ID);
    values.put(":author", s(current.authorId()));
    condition.append(" AND #" + AUTHOR_ID + " = :author");
    names.put("#" + TYPE, TYPE);
    values.put(":type", s(current.type()));
    condition.append(" AND #" + TYPE + " = :type");
    names.put("#" + VERSION, VERSION);
    values.put(":version", n(current.version()));
    condition.append(
        current.version() == 1
            ? " AND (attribute_not_exists(#" + VERSION + ") OR #" + VERSION + " = :version)"
            : " AND #" + VERSION + " = :version");
    for (Counter counter : guarded) {
      String attribute = counter.attribute();
      names.put("#" + attribute, attribute);
      values.put(":" + attribute, n(current.counter(counter)));
      condition.append(" AND #" + attribute + " = :" + attribute);
    }
    return table.delete(
        TableKeys.postPk(current.postId()), TableKeys.SUMMARY, condition.toString(), names, values);
  }

  // ------------------------------------------------------------ counters

  /**
   * Adds {@code delta} to a counter of an existing post (the item fails its condition when the post
   * is gone); a subtraction is refused where it would go below zero. Views move the post's place in
   * the by-views listings with them.
   */
  public TransactWriteItem add(String postId, Counter counter, long delta) {
    ItemUpdate update =
        table
            .update(TableKeys.postPk(postId), TableKeys.SUMMARY)
            .add(counter.attribute(), n(delta))
            .when(TableAccess.ITEM_EXISTS);
    if (counter == Counter.VIEWS) {
      update.add(
          TableKeys.VIEW_RANK, n(ViewRank.ONE_VIEW.multiply(BigInteger.valueOf(delta)).toString()));
    }
    if (delta < 0) {
      update.when(atLeast(update, counter, -delta));
    }
    return update.item();
  }

  /**
   * A check, in place of a subtraction, that the post exists and its counter is below {@code limit}
   * (absent counts as 0).
   */
  public TransactWriteItem checkBelow(String postId, Counter counter, long limit) {
    String name = "#" + counter.attribute();
    return table.conditionCheck(
        TableKeys.postPk(postId),
        TableKeys.SUMMARY,
        TableAccess.ITEM_EXISTS
            + " AND (attribute_not_exists("
            + name
            + ") OR "
            + name
            + " < :limit)",
        Map.of(name, counter.attribute()),
        Map.of(":limit", n(limit)));
  }

  /** One counter of a post as stored (strongly consistent), 0 when absent or the post is gone. */
  public long counter(String postId, Counter counter) {
    Map<String, AttributeValue> item =
        table.get(TableKeys.postPk(postId), TableKeys.SUMMARY, true, List.of(counter.attribute()));
    return item == null ? 0 : number(item, counter.attribute());
  }

  /** The post's author: one GetItem of the summary's author id alone. */
  public Optional<String> authorOf(String postId, boolean consistent) {
    Map<String, AttributeValue> item =
        table.get(TableKeys.postPk(postId), TableKeys.SUMMARY, consistent, List.of(AUTHOR_ID));
    return Optional.ofNullable(item == null ? null : string(item, AUTHOR_ID));
  }

  // ------------------------------------------------------------ listings and their totals

  /**
   * One listing of a user's posts: all types ({@code type} null) or one (its wire name), newest
   * first or most viewed first; which index, which partition and which sort key serve it.
   */
  public record Listing(
      String index, String partitionAttribute, String partition, boolean byViews) {
    public String sortAttribute() {
      return byViews ? TableKeys.VIEW_RANK : TableKeys.PUBLISHED_KEY;
    }

    /** The exclusive start key after the summary of {@code postId} with this sort value. */
    public Map<String, AttributeValue> startAfter(String postId, String sortValue) {
      Map<String, AttributeValue> start =
          TableKeys.key(TableKeys.postPk(postId), TableKeys.SUMMARY);
      start.put(partitionAttribute, s(partition));
      start.put(sortAttribute(), byViews ? n(sortValue) : s(sortValue));
      return start;
    }

    /** The sort value of a summary in this listing, for {@link #startAfter}. */
    public String sortValue(Map<String, AttributeValue> item) {
      AttributeValue value = item.get(sortAttribute());
      return byViews ? value.n() : value.s();
    }
  }

  public static Listing listing(String userId, String typeOrNull, boolean byViews) {
    boolean byType = typeOrNull != null;
    String index = "By" + (byType ? "Type" : "") + (byViews ? "Views" : "Published");
    return byType
        ? new Listing(
            index, TableKeys.LIST_TYPE_PK, TableKeys.userTypePk(userId, typeOrNull), byViews)
        : new Listing(index, TableKeys.LIST_PK, TableKeys.userPk(userId), byViews);
  }

  /**
   * The listed post just before ({@code newer} false) or just after ({@code newer} true) the one
   * published at {@code publishedAt} in its author's listing of all posts (ByPublished): one Query
   * with Limit 1. The listing total sorts after every post, so a newer read that meets it has found
   * no newer post.
   */
  public Optional<Summary> neighbour(
      String authorId, Instant publishedAt, String postId, boolean newer) {
    Listing listing = listing(authorId, null, false);
    QueryResponse response =
        table
            .client()
            .query(
                q ->
                    q.tableName(table.name())
                        .indexName(listing.index())
                        .keyConditionExpression("#p = :p AND #k " + (newer ? ">" : "<") + " :k")
                        .expressionAttributeNames(
                            Map.of(
                                "#p", listing.partitionAttribute(), "#k", TableKeys.PUBLISHED_KEY))
                        .expressionAttributeValues(
                            Map.of(
                                ":p",
                                s(listing.partition()),
                                ":k",
                                s(TableKeys.publishedKey(Timestamps.format(publishedAt), postId))))
                        .scanIndexForward(newer)
                        .limit(1));
    return response.items().stream()
        .filter(item -> !isTotal(item))
        .findFirst()
        .map(PostSummaryItems::read);
  }

  /** Whether a listing's item is its total rather than a post. */
  public static boolean isTotal(Map<String, AttributeValue> item) {
    return string(item, TableKeys.SK).startsWith(TableKeys.COUNT_PREFIX);
  }

  /** The number of posts a listing total holds. */
  public static long total(Map<String, AttributeValue> item) {
    return number(item, COUNT);
  }

  /**
   * Adds {@code delta} to the listing total of all a user's posts ({@code type} null) or of one
   * type, creating it (in the sort position that puts it first) when absent; refused below zero.
   * The total of all posts is also the blog's entry in the ByOwner list of blogs that the sitemap
   * index reads ({@link DiscoveryItems#blogs}).
   */
  public TransactWriteItem addToTotal(String userId, String typeOrNull, long delta) {
    Listing listing = listing(userId, typeOrNull, false);
    ItemUpdate update =
        table
            .update(TableKeys.userPk(userId), TableKeys.countSk(typeOrNull))
            .set(listing.partitionAttribute(), s(listing.partition()))
            .set(TableKeys.PUBLISHED_KEY, s(TableKeys.TOP_PUBLISHED_KEY))
            .set(TableKeys.VIEW_RANK, n(ViewRank.TOP))
            .add(COUNT, n(delta));
    if (typeOrNull == null) {
      update.set(TableKeys.GSI1PK, s(TableKeys.BLOGS_PK)).set(TableKeys.GSI1SK, s(userId));
    }
    if (delta < 0) {
      update.when(update.name(COUNT) + " >= " + update.value(":min", n(-delta)));
    }
    return update.item();
  }

  // ------------------------------------------------------------ followers-only list

  /**
   * The entry of a published followers-only post in its author's followers-only list (ByOwner
   * {@code FOLLOWERS_POSTS#{authorId}}, newest first), put whatever is there.
   */
  public TransactWriteItem putFollowersEntry(Summary s) {
    String publishedAt = Timestamps.format(s.publishedAt());
    Map<String, AttributeValue> item =
        TableKeys.key(TableKeys.postPk(s.postId()), TableKeys.FOLLOWERS_ENTRY);
    item.put(POST_ID, s(s.postId()));
    item.put(AUTHOR_ID, s(s.authorId()));
    item.put(TYPE, s(s.type()));
    item.put(TITLE, s(s.title()));
    item.put(SUMMARY, s(s.summary()));
    item.put(PUBLISHED_AT, s(publishedAt));
    item.put(TableKeys.GSI1PK, s(TableKeys.followersPostsOf(s.authorId())));
    item.put(TableKeys.GSI1SK, s(TableKeys.publishedKey(publishedAt, s.postId())));
    return table.put(item);
  }

  /** Removes a post's followers-only entry if it has one. */
  public TransactWriteItem deleteFollowersEntry(String postId) {
    return table.delete(TableKeys.postPk(postId), TableKeys.FOLLOWERS_ENTRY);
  }

  /** One entry of the followers-only list: what the list shows of the post. */
  public record FollowersEntry(
      String postId, String type, String title, String summary, Instant publishedAt) {}

  /** A page of an author's followers-only list, newest first. */
  public StorePage<FollowersEntry> followersEntries(
      String authorId, int limit, Optional<Map<String, String>> start) {
    StorePage<Map<String, AttributeValue>> page =
        table.byOwner(TableKeys.followersPostsOf(authorId), limit, start);
    return new StorePage<>(
        page.items().stream()
            .map(
                i ->
                    new FollowersEntry(
                        string(i, POST_ID),
                        string(i, TYPE),
                        string(i, TITLE),
                        string(i, SUMMARY),
                        Timestamps.parse(string(i, PUBLISHED_AT))))
            .toList(),
        page.next());
  }

  // ------------------------------------------------------------ the studio's list

  /**
   * What the studio's list keeps of an author's posts: each given field must match ({@code status}
   * and {@code visibility} stored names, {@code type} a wire name, {@code titleContains} compared
   * in lower case).
   */
  public record StudioFilter(
      Optional<String> status,
      Optional<String> visibility,
      Optional<String> type,
      Optional<String> titleContains) {}

  /** Queries read at most this many items for one studio page before answering with fewer. */
  private static final int STUDIO_QUERIES_MAX = 8;

  /**
   * Up to {@code limit} of an author's posts in every state, newest-updated first, that pass the
   * filter; {@code next} is where the following page starts (empty at the end).
   */
  public StorePage<Summary> studio(
      String authorId, StudioFilter filter, int limit, Optional<Map<String, String>> start) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":owner", s(TableKeys.studioOf(authorId)));
    List<String> conditions = new ArrayList<>();
    filter.status().ifPresent(v -> conditions.add(equal(names, values, STATUS, v)));
    filter.visibility().ifPresent(v -> conditions.add(equal(names, values, VISIBILITY, v)));
    filter.type().ifPresent(v -> conditions.add(equal(names, values, TYPE, v)));
    filter
        .titleContains()
        .ifPresent(
            q -> {
              names.put("#q", TITLE_SEARCH);
              values.put(":q", s(titleSearch(q)));
              conditions.add("contains(#q, :q)");
            });
    List<Summary> found = new ArrayList<>();
    Optional<Map<String, AttributeValue>> from = start.map(Attributes::fromStrings);
    for (int query = 0; query < STUDIO_QUERIES_MAX; query++) {
      Optional<Map<String, AttributeValue>> exclusiveStart = from;
      QueryResponse page =
          table
              .client()
              .query(
                  q -> {
                    q.tableName(table.name())
                        .indexName(TableKeys.BY_OWNER)
                        .keyConditionExpression(TableKeys.GSI1PK + " = :owner")
                        .expressionAttributeValues(values)
                        .scanIndexForward(false)
                        .limit(conditions.isEmpty() ? limit + 1 : Math.max(25, limit + 1));
                    if (!conditions.isEmpty()) {
                      q.filterExpression(String.join(" AND ", conditions))
                          .expressionAttributeNames(names);
                    }
                    exclusiveStart.ifPresent(q::exclusiveStartKey);
                  });
      for (Map<String, AttributeValue> item : page.items()) {
        if (found.size() == limit) {
          // More items pass the filter: the next page starts after the last one kept.
          return new StorePage<>(found, Optional.of(Attributes.toStrings(positionOf(found))));
        }
        found.add(read(item));
      }
      if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
        return new StorePage<>(found, Optional.empty());
      }
      from = Optional.of(page.lastEvaluatedKey());
    }
    // Read enough for one request: answer with what passed, and go on from there next time.
    return new StorePage<>(found, from.map(Attributes::toStrings));
  }

  /** The ByOwner position of the last summary of a studio page. */
  private static Map<String, AttributeValue> positionOf(List<Summary> page) {
    Summary last = page.get(page.size() - 1);
    Map<String, AttributeValue> key =
        TableKeys.key(TableKeys.postPk(last.postId()), TableKeys.SUMMARY);
    key.put(TableKeys.GSI1PK, s(TableKeys.studioOf(last.authorId())));
    key.put(TableKeys.GSI1SK, s(studioKey(last)));
    return key;
  }

  private static String equal(
      Map<String, String> names, Map<String, AttributeValue> values, String attribute, String v) {
    names.put("#" + attribute, attribute);
    values.put(":" + attribute, s(v));
    return "#" + attribute + " = :" + attribute;
  }

  // ------------------------------------------------------------ helpers

  /** The item still has {@code version} (items written before versions existed are version 1). */
  private static String sameVersion(ItemUpdate update, long version) {
    String name = update.name(VERSION);
    String value = update.value(":oldVersion", n(version));
    return version == 1
        ? "(attribute_not_exists(" + name + ") OR " + name + " = " + value + ")"
        : name + " = " + value;
  }

  private static AttributeValue viewRank(Summary s) {
    return n(ViewRank.of(s.counter(Counter.VIEWS), s.publishedAt(), s.postId()).toString());
  }

  private static boolean sameCounters(Summary a, Summary b) {
    for (Counter counter : b.counters().keySet()) {
      if (a.counter(counter) != b.counter(counter)) {
        return false;
      }
    }
    return true;
  }

  private static String unchanged(ItemUpdate update, Counter counter, long value) {
    return compare(update, counter, " = ", ":old", value);
  }

  private static String atLeast(ItemUpdate update, Counter counter, long value) {
    return compare(update, counter, " >= ", ":min", value);
  }

  private static String compare(
      ItemUpdate update, Counter counter, String operator, String prefix, long value) {
    String attribute = counter.attribute();
    return update.name(attribute) + operator + update.value(prefix + attribute, n(value));
  }
}
