package bloghome.table;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.number;
import static bloghome.table.Attributes.s;
import static bloghome.table.Attributes.string;

import bloghome.time.Timestamps;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The post summary's discovery projections, owned beside {@link PostSummaryItems}: a listed post's
 * entry in each of its categories, tags and its publication month, and the blog's exact total of
 * each (docs/discovery.md). An entry is a small copy of the summary's listing fields in the post's
 * own partition ({@code POST#{id}} / {@code IDX#{kind}#{name}}) with the ByOwner keys of its list
 * ({@code BLOG{kind}#{userId}#{name}}, newest first); its total sits in the same list with the
 * greatest sort key, so the first page of a Query returns it first, as the listing totals do.
 *
 * <p>Every change is a diff against the entries stored: a removed entry is deleted on condition it
 * exists, an added one put on condition it does not, a kept one refreshed on condition it exists,
 * and each total moves by one only with an entry that appears or disappears. Two writers that read
 * the same entries therefore cannot both move a total: one transaction's condition fails and it
 * reads again.
 */
public final class DiscoveryItems {
  public static final String KIND = "kind";
  public static final String NAME = "name";
  public static final String COUNT = "count";
  public static final String ORDER = "order";
  public static final String FEED_FULL_TEXT = "feedFullText";

  /** The home page's by-views index, whose keys each entry and total also carries. */
  static final String BY_VIEWS = "ByViews";

  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneId.of("Asia/Shanghai"));

  /** What a post is listed under. */
  public enum Kind {
    CATEGORY("CAT"),
    TAG("TAG"),
    MONTH("MONTH");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    static Kind ofKey(String key) {
      for (Kind kind : values()) {
        if (kind.key.equals(key)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("no entry kind " + key);
    }
  }

  /**
   * One list a post is in: a category, a tag or a month ({@code yyyy-MM} in China Standard Time,
   * the zone every page shows times in).
   */
  public record Entry(Kind kind, String name) {}

  /**
   * What an entry shows of its post, and the lists it is in; {@link #none} for a post that is not
   * listed (or is deleted).
   */
  public record Projection(
      String postId,
      String authorId,
      String type,
      String title,
      String summary,
      Instant publishedAt,
      BigInteger viewRank,
      Set<Entry> entries) {

    /**
     * A listed post's entries; {@code views} as the summary read carries them, for the entries'
     * place in the by-views order ({@link ViewRank}; the rank consumer raises it as views come).
     */
    public static Projection of(
        String postId,
        String authorId,
        String type,
        String title,
        String summary,
        Instant publishedAt,
        long views,
        List<String> categories,
        List<String> tags) {
      Set<Entry> entries = new LinkedHashSet<>();
      categories.forEach(c -> entries.add(new Entry(Kind.CATEGORY, c)));
      tags.forEach(t -> entries.add(new Entry(Kind.TAG, t)));
      entries.add(new Entry(Kind.MONTH, month(publishedAt)));
      return new Projection(
          postId,
          authorId,
          type,
          title,
          summary,
          publishedAt,
          ViewRank.of(views, publishedAt, postId),
          entries);
    }

    public static Projection none(String postId, String authorId) {
      return new Projection(postId, authorId, "", "", "", Instant.EPOCH, BigInteger.ZERO, Set.of());
    }
  }

  /** An entry read back from a list: the post it shows. */
  public record Listed(
      String postId,
      String authorId,
      String type,
      String title,
      String summary,
      Instant publishedAt) {}

  /**
   * One page of a list: its entries, the total (first page only) and where the next page starts.
   */
  public record Page(List<Listed> posts, OptionalLong total, Optional<Map<String, String>> next) {}

  /** The order of a list's page: newest first (ByOwner) or most viewed first (ByViews). */
  public enum Order {
    NEWEST,
    VIEWS
  }

  /** A category, tag or month of a blog with its number of listed posts. */
  public record Total(Kind kind, String name, long count) {}

  /** The author's own ordered categories and feed choice, as saved. */
  public record CategoryList(List<String> names, boolean feedFullText) {
    public static final CategoryList EMPTY = new CategoryList(List.of(), false);
  }

  private final TableAccess table;

  public DiscoveryItems(TableAccess table) {
    this.table = table;
  }

  public static String month(Instant at) {
    return MONTH.format(at);
  }

  // ------------------------------------------------------------ writes

  /** The entries a post has now (strongly consistent): what a change is computed against. */
  public Set<Entry> stored(String postId) {
    Set<Entry> entries = new LinkedHashSet<>();
    forEachEntryItem(
        postId,
        true,
        Map.of("#k", KIND, "#n", NAME),
        "#sk, #k, #n",
        item -> entries.add(new Entry(Kind.ofKey(string(item, KIND)), string(item, NAME))));
    return entries;
  }

  /**
   * Every entry item of a post ({@code ENTRY#…} under its partition), page after page, with the
   * attributes {@code projection} names ({@code #sk} is the sort key).
   */
  private void forEachEntryItem(
      String postId,
      boolean consistent,
      Map<String, String> names,
      String projection,
      Consumer<Map<String, AttributeValue>> each) {
    Map<String, String> allNames = new HashMap<>(names);
    allNames.put("#pk", TableKeys.PK);
    allNames.put("#sk", TableKeys.SK);
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder q =
          QueryRequest.builder()
              .tableName(table.name())
              .consistentRead(consistent)
              .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
              .expressionAttributeNames(allNames)
              .expressionAttributeValues(
                  Map.of(":pk", s(TableKeys.postPk(postId)), ":prefix", s(TableKeys.ENTRY_PREFIX)))
              .projectionExpression(projection);
      if (start != null) {
        q.exclusiveStartKey(start);
      }
      QueryResponse page = table.client().query(q.build());
      page.items().forEach(each);
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
  }

  /**
   * The transaction items that take a post's entries from {@code before} (as {@link #stored} read
   * them) to {@code after}, with the totals moved by exactly the entries that appear and disappear.
   */
  public List<TransactWriteItem> change(Set<Entry> before, Projection after) {
    return change(before, after, false);
  }

  /**
   * As {@link #change(Set, Projection)}; with {@code refreshTotals} (a data migration) the totals
   * of kept lists also get their current index keys, with no change of count.
   */
  public List<TransactWriteItem> change(
      Set<Entry> before, Projection after, boolean refreshTotals) {
    List<TransactWriteItem> items = new ArrayList<>();
    for (Entry entry : before) {
      if (!after.entries().contains(entry)) {
        items.add(
            table.deleteIfPresent(
                TableKeys.postPk(after.postId()),
                TableKeys.entrySk(entry.kind().key(), entry.name())));
        items.add(total(after.authorId(), entry, -1));
      }
    }
    for (Entry entry : after.entries()) {
      if (before.contains(entry)) {
        items.add(table.put(entryItem(after, entry), TableAccess.ITEM_EXISTS, Map.of()));
        if (refreshTotals) {
          items.add(totalKeys(after.authorId(), entry).item());
        }
      } else {
        items.add(table.putIfAbsent(entryItem(after, entry)));
        items.add(total(after.authorId(), entry, 1));
      }
    }
    return items;
  }

  private static Map<String, AttributeValue> entryItem(Projection p, Entry entry) {
    String publishedAt = Timestamps.format(p.publishedAt());
    Map<String, AttributeValue> item =
        TableKeys.key(
            TableKeys.postPk(p.postId()), TableKeys.entrySk(entry.kind().key(), entry.name()));
    item.put(KIND, s(entry.kind().key()));
    item.put(NAME, s(entry.name()));
    item.put(PostSummaryItems.POST_ID, s(p.postId()));
    item.put(PostSummaryItems.AUTHOR_ID, s(p.authorId()));
    item.put(PostSummaryItems.TYPE, s(p.type()));
    item.put(PostSummaryItems.TITLE, s(p.title()));
    item.put(PostSummaryItems.SUMMARY, s(p.summary()));
    item.put(PostSummaryItems.PUBLISHED_AT, s(publishedAt));
    item.put(
        TableKeys.GSI1PK, s(TableKeys.indexPk(entry.kind().key(), p.authorId(), entry.name())));
    item.put(TableKeys.GSI1SK, s(TableKeys.publishedKey(publishedAt, p.postId())));
    // The ByViews keys of the list: the same index as the home page's views order.
    item.put(
        TableKeys.LIST_PK, s(TableKeys.indexPk(entry.kind().key(), p.authorId(), entry.name())));
    item.put(TableKeys.VIEW_RANK, n(p.viewRank().toString()));
    return item;
  }

  /** Adds {@code delta} to a list's total, creating it first in its list; refused below zero. */
  private TransactWriteItem total(String userId, Entry entry, long delta) {
    ItemUpdate update = totalKeys(userId, entry).add(COUNT, n(delta));
    if (delta < 0) {
      update.when(update.name(COUNT) + " >= " + update.value(":min", n(-delta)));
    }
    return update.item();
  }

  /**
   * A list's total with its keys in both orders (greatest sort key in each, so a descending Query's
   * first page returns it first).
   */
  private ItemUpdate totalKeys(String userId, Entry entry) {
    String list = TableKeys.indexPk(entry.kind().key(), userId, entry.name());
    return table
        .update(TableKeys.userPk(userId), TableKeys.totalSk(entry.kind().key(), entry.name()))
        .set(KIND, s(entry.kind().key()))
        .set(NAME, s(entry.name()))
        .set(TableKeys.GSI1PK, s(list))
        .set(TableKeys.GSI1SK, s(TableKeys.TOP_PUBLISHED_KEY))
        .set(TableKeys.LIST_PK, s(list))
        .set(TableKeys.VIEW_RANK, n(ViewRank.TOP));
  }

  /** Saves the author's ordered categories and feed choice. */
  public TransactWriteItem saveCategoryList(String userId, CategoryList list) {
    Map<String, AttributeValue> item =
        TableKeys.key(TableKeys.userPk(userId), TableKeys.CATEGORIES_SK);
    item.put(ORDER, AttributeValue.fromL(list.names().stream().map(Attributes::s).toList()));
    item.put(FEED_FULL_TEXT, AttributeValue.fromBool(list.feedFullText()));
    return table.put(item);
  }

  // ------------------------------------------------------------ reads

  public CategoryList categoryList(String userId) {
    Map<String, AttributeValue> item =
        table.get(TableKeys.userPk(userId), TableKeys.CATEGORIES_SK, false);
    if (item == null) {
      return CategoryList.EMPTY;
    }
    List<String> names =
        item.containsKey(ORDER)
            ? item.get(ORDER).l().stream().map(AttributeValue::s).toList()
            : List.of();
    return new CategoryList(names, Attributes.flag(item, FEED_FULL_TEXT));
  }

  /**
   * Every total of one kind of a blog with at least one post, in key order (months oldest first;
   * callers reorder): one Query of the user's partition.
   */
  public List<Total> totals(String userId, Kind kind) {
    return totals(userId, TableKeys.totalSk(kind.key(), ""));
  }

  /**
   * Every total of a blog (categories, months and tags together) with at least one post: one Query
   * of the user's partition for the whole sidebar.
   */
  public List<Total> totals(String userId) {
    return totals(userId, TableKeys.TOTAL_PREFIX);
  }

  private List<Total> totals(String userId, String prefix) {
    List<Total> totals = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder q =
          QueryRequest.builder()
              .tableName(table.name())
              .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
              .expressionAttributeNames(Map.of("#pk", TableKeys.PK, "#sk", TableKeys.SK))
              .expressionAttributeValues(
                  Map.of(":pk", s(TableKeys.userPk(userId)), ":prefix", s(prefix)));
      if (start != null) {
        q.exclusiveStartKey(start);
      }
      QueryResponse page = table.client().query(q.build());
      for (Map<String, AttributeValue> item : page.items()) {
        long count = number(item, COUNT);
        if (count > 0) {
          totals.add(new Total(Kind.ofKey(string(item, KIND)), string(item, NAME), count));
        }
      }
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return totals;
  }

  /**
   * One page of a category, tag or month, newest first (the ByOwner index) or most viewed first
   * (the ByViews index, the home page's): one Query. The first page ({@code after} empty) also
   * returns the list's total; {@code limit + 1} entries tell whether there is a next page.
   */
  public Page page(
      Kind kind,
      String userId,
      String name,
      Order order,
      int limit,
      Optional<Map<String, String>> after) {
    String partition = TableKeys.indexPk(kind.key(), userId, name);
    boolean byViews = order == Order.VIEWS;
    String partitionAttribute = byViews ? TableKeys.LIST_PK : TableKeys.GSI1PK;
    String sortAttribute = byViews ? TableKeys.VIEW_RANK : TableKeys.GSI1SK;
    QueryRequest.Builder q =
        QueryRequest.builder()
            .tableName(table.name())
            .indexName(byViews ? BY_VIEWS : TableKeys.BY_OWNER)
            .keyConditionExpression(partitionAttribute + " = :p")
            .expressionAttributeValues(Map.of(":p", s(partition)))
            .scanIndexForward(false)
            .limit(limit + 1 + (after.isEmpty() ? 1 : 0));
    if (after.isPresent()) {
      String postId = after.get().get("id");
      String sortKey = after.get().get("k");
      if (postId == null || sortKey == null) {
        throw new IllegalArgumentException("position without id or k");
      }
      Map<String, AttributeValue> start = new HashMap<>();
      start.put(TableKeys.PK, s(TableKeys.postPk(postId)));
      start.put(TableKeys.SK, s(TableKeys.entrySk(kind.key(), name)));
      start.put(partitionAttribute, s(partition));
      start.put(sortAttribute, byViews ? n(sortKey) : s(sortKey));
      q.exclusiveStartKey(start);
    }
    QueryResponse response = table.client().query(q.build());
    OptionalLong total = after.isEmpty() ? OptionalLong.of(0) : OptionalLong.empty();
    List<Map<String, AttributeValue>> entries = new ArrayList<>();
    for (Map<String, AttributeValue> item : response.items()) {
      if (string(item, TableKeys.SK).startsWith(TableKeys.TOTAL_PREFIX)) {
        total = OptionalLong.of(Math.max(0, number(item, COUNT)));
      } else {
        entries.add(item);
      }
    }
    boolean more = entries.size() > limit;
    List<Map<String, AttributeValue>> shown = more ? entries.subList(0, limit) : entries;
    Optional<Map<String, String>> next = Optional.empty();
    if (more) {
      Map<String, AttributeValue> last = shown.get(shown.size() - 1);
      next =
          Optional.of(
              Map.of(
                  "id",
                  string(last, PostSummaryItems.POST_ID),
                  "k",
                  byViews ? last.get(sortAttribute).n() : string(last, sortAttribute)));
    }
    List<Listed> posts = new ArrayList<>();
    for (Map<String, AttributeValue> item : shown) {
      posts.add(
          new Listed(
              string(item, PostSummaryItems.POST_ID),
              string(item, PostSummaryItems.AUTHOR_ID),
              string(item, PostSummaryItems.TYPE),
              string(item, PostSummaryItems.TITLE),
              string(item, PostSummaryItems.SUMMARY),
              Timestamps.parse(string(item, PostSummaryItems.PUBLISHED_AT))));
    }
    return new Page(posts, total, next);
  }

  // ------------------------------------------------------------ ranks (the rank consumer)

  /**
   * Gives a post's entries the summary's {@code viewRank} where theirs is lower: one Query of the
   * post's entries (eventually consistent; the condition below decides), then one UpdateItem per
   * entry behind, conditional on the entry existing (an entry removed meanwhile, the post deleted
   * or no longer listed, is never recreated), on its publication time being the summary's {@code
   * publishedAt} (a record from before a date change does not apply to the entries written after
   * it) and on its rank being lower (a replayed or older record never lowers a rank). Idempotent:
   * it sets a value, never adds. A rank that must go down (a re-import with fewer views, an earlier
   * publication date) is written by the post's own transaction, which rewrites every entry. Answers
   * the number of entries changed.
   */
  public int raiseRanks(String postId, Instant publishedAt, BigInteger viewRank) {
    List<String> behind = new ArrayList<>();
    forEachEntryItem(
        postId,
        false,
        Map.of("#r", TableKeys.VIEW_RANK),
        "#sk, #r",
        item -> {
          AttributeValue rank = item.get(TableKeys.VIEW_RANK);
          if (rank == null || new BigInteger(rank.n()).compareTo(viewRank) < 0) {
            behind.add(string(item, TableKeys.SK));
          }
        });
    int changed = 0;
    for (String sk : behind) {
      ItemUpdate update =
          table
              .update(TableKeys.postPk(postId), sk)
              .set(TableKeys.VIEW_RANK, n(viewRank.toString()));
      String rank = update.name(TableKeys.VIEW_RANK);
      String value = update.value(":rank", n(viewRank.toString()));
      update.when(TableAccess.ITEM_EXISTS);
      update.when(
          update.name(PostSummaryItems.PUBLISHED_AT)
              + " = "
              + update.value(":publishedAt", s(Timestamps.format(publishedAt))));
      update.when("(attribute_not_exists(" + rank + ") OR " + rank + " < " + value + ")");
      try {
        table.client().updateItem(update.request().build());
        changed++;
      } catch (ConditionalCheckFailedException e) {
        // Gone (deleted, unlisted) or already at this rank or above: nothing to do.
      }
    }
    return changed;
  }

  /**
   * A page of the blogs that have posts, for the sitemap index: user id and number of posts (the
   * listing total of all a blog's posts carries the ByOwner keys of this list).
   */
  public record Blog(String userId, long posts) {}

  /** One page of {@link #blogs}: the blogs and the user id to continue after. */
  public record Blogs(List<Blog> blogs, Optional<String> next) {}

  public Blogs blogs(int limit, Optional<String> afterUserId) {
    QueryRequest.Builder q =
        QueryRequest.builder()
            .tableName(table.name())
            .indexName(TableKeys.BY_OWNER)
            .keyConditionExpression(TableKeys.GSI1PK + " = :p")
            .expressionAttributeValues(Map.of(":p", s(TableKeys.BLOGS_PK)))
            .limit(limit);
    afterUserId.ifPresent(
        u -> {
          Map<String, AttributeValue> start = new HashMap<>();
          start.put(TableKeys.PK, s(TableKeys.userPk(u)));
          start.put(TableKeys.SK, s(TableKeys.countSk(null)));
          start.put(TableKeys.GSI1PK, s(TableKeys.BLOGS_PK));
          start.put(TableKeys.GSI1SK, s(u));
          q.exclusiveStartKey(start);
        });
    QueryResponse response = table.client().query(q.build());
    List<Blog> blogs = new ArrayList<>();
    for (Map<String, AttributeValue> item : response.items()) {
      blogs.add(new Blog(string(item, TableKeys.GSI1SK), number(item, PostSummaryItems.COUNT)));
    }
    Optional<String> next =
        response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
            ? Optional.of(string(response.lastEvaluatedKey(), TableKeys.GSI1SK))
            : Optional.empty();
    return new Blogs(blogs, next);
  }
}
