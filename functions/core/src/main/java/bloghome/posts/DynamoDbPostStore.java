package bloghome.posts;

import bloghome.time.Timestamps;
import static bloghome.posts.Keys.key;

import bloghome.errors.Problem;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** {@link PostStore} on the single table, following docs/data-model.md. */
public final class DynamoDbPostStore implements PostStore {
  private static final int BATCH_GET_MAX = 100;

  private final DynamoDbClient dynamo;
  private final String table;
  private final Transactions transactions;
  private final Clock clock;

  public DynamoDbPostStore(DynamoDbClient dynamo, String table, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.clock = clock;
    this.transactions = new Transactions(dynamo);
  }

  // ------------------------------------------------------------------ reads

  @Override
  public Optional<Post> find(String postId, boolean consistent) {
    // One Query on the post's partition returns both the summary and the content.
    QueryResponse response =
        dynamo.query(
            r -> r.tableName(table)
                .consistentRead(consistent)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(Keys.postPk(postId)))));
    Map<String, AttributeValue> summary = null;
    Map<String, AttributeValue> content = null;
    for (Map<String, AttributeValue> item : response.items()) {
      switch (item.get("sk").s()) {
        case Keys.SUMMARY -> summary = item;
        case Keys.CONTENT -> content = item;
        default -> { }
      }
    }
    if (summary == null || content == null) {
      return Optional.empty();
    }
    return Optional.of(toPost(toSummary(summary), content));
  }

  @Override
  public Optional<PostSummary> findSummary(String postId) {
    var item =
        dynamo.getItem(r -> r.tableName(table).key(key(Keys.postPk(postId), Keys.SUMMARY)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toSummary(item));
  }

  @Override
  public Page list(ListingQuery query, Optional<Map<String, String>> after) {
    boolean byType = query.type().isPresent();
    boolean byViews = query.sort() == ListingSort.VIEWS;
    String index = (byViews ? "By" + (byType ? "Type" : "") + "Views" : "By" + (byType ? "Type" : "") + "Published");
    String partitionAttr = byType ? "listTypePk" : "listPk";
    String partition =
        byType ? Keys.userTypePk(query.userId(), query.type().get()) : Keys.userPk(query.userId());
    String sortAttr = byViews ? "viewRank" : "publishedKey";
    // The first page also holds the listing total (it sorts first); one more item than asked
    // tells whether another page exists without an empty last page.
    int limit = query.limit() + 1 + (after.isEmpty() ? 1 : 0);

    QueryRequest.Builder request =
        QueryRequest.builder()
            .tableName(table)
            .indexName(index)
            .keyConditionExpression("#p = :p")
            .expressionAttributeNames(Map.of("#p", partitionAttr))
            .expressionAttributeValues(Map.of(":p", s(partition)))
            .scanIndexForward(false)
            .limit(limit);
    after.ifPresent(
        position -> {
          String postId = position.get("id");
          String sortValue = position.get("k");
          if (postId == null || sortValue == null) {
            throw Problem.invalid("INVALID_CURSOR", "cursor", "The cursor is not valid.");
          }
          Map<String, AttributeValue> start = new HashMap<>(key(Keys.postPk(postId), Keys.SUMMARY));
          start.put(partitionAttr, s(partition));
          start.put(sortAttr, byViews ? AttributeValue.fromN(sortValue) : s(sortValue));
          request.exclusiveStartKey(start);
        });
    QueryResponse response = dynamo.query(request.build());

    OptionalLong total = OptionalLong.empty();
    List<Map<String, AttributeValue>> posts = new ArrayList<>();
    for (Map<String, AttributeValue> item : response.items()) {
      if (item.get("sk").s().startsWith(Keys.COUNT_PREFIX)) {
        total = OptionalLong.of(Math.max(0, number(item, "count")));
      } else {
        posts.add(item);
      }
    }
    if (after.isEmpty() && total.isEmpty()) {
      // No totals item: this author never published under this filter.
      total = OptionalLong.of(0);
    }
    boolean more = posts.size() > query.limit();
    List<Map<String, AttributeValue>> page = more ? posts.subList(0, query.limit()) : posts;
    Optional<Map<String, String>> next = Optional.empty();
    if (more) {
      Map<String, AttributeValue> last = page.get(page.size() - 1);
      Map<String, String> position = new LinkedHashMap<>();
      position.put("id", last.get("postId").s());
      position.put("k", byViews ? last.get("viewRank").n() : last.get("publishedKey").s());
      next = Optional.of(position);
    }
    return new Page(page.stream().map(DynamoDbPostStore::toSummary).toList(), total, next);
  }

  @Override
  public Optional<IdempotencyRecord> findIdempotency(String userId, String key) {
    var item =
        dynamo.getItem(r -> r.tableName(table).key(key(Keys.userPk(userId), Keys.idempotencySk(key))).consistentRead(true))
            .item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new IdempotencyRecord(
            userId,
            key,
            item.get("requestHash").s(),
            item.get("postId").s(),
            Instant.ofEpochSecond(number(item, "expiresAt"))));
  }

  @Override
  public Map<String, String> importedPostIds(String userId, Collection<String> sourceIds) {
    List<Map<String, AttributeValue>> keys =
        sourceIds.stream().distinct().map(id -> key(Keys.userPk(userId), Keys.importSk(id))).toList();
    Map<String, String> found = new HashMap<>();
    for (Map<String, AttributeValue> item : batchGet(keys)) {
      found.put(item.get("sourceId").s(), item.get("postId").s());
    }
    return found;
  }

  @Override
  public Map<String, PostSummary> summaries(Collection<String> postIds) {
    List<Map<String, AttributeValue>> keys =
        postIds.stream().distinct().map(id -> key(Keys.postPk(id), Keys.SUMMARY)).toList();
    Map<String, PostSummary> found = new HashMap<>();
    for (Map<String, AttributeValue> item : batchGet(keys)) {
      PostSummary summary = toSummary(item);
      found.put(summary.postId(), summary);
    }
    return found;
  }

  private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += BATCH_GET_MAX) {
      List<Map<String, AttributeValue>> chunk = keys.subList(from, Math.min(keys.size(), from + BATCH_GET_MAX));
      Map<String, KeysAndAttributes> pending =
          Map.of(table, KeysAndAttributes.builder().keys(chunk).consistentRead(true).build());
      while (!pending.isEmpty()) {
        Map<String, KeysAndAttributes> request = pending;
        BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(request));
        items.addAll(response.responses().getOrDefault(table, List.of()));
        pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
      }
    }
    return items;
  }

  // ------------------------------------------------------------------ writes

  @Override
  public Write create(Post post, Optional<IdempotencyRecord> claim) {
    List<TransactWriteItem> items = creation(post);
    claim.ifPresent(
        c -> {
          Map<String, AttributeValue> record = new HashMap<>(key(Keys.userPk(c.userId()), Keys.idempotencySk(c.key())));
          record.put("requestHash", s(c.requestHash()));
          record.put("postId", s(c.postId()));
          record.put("expiresAt", n(c.expiresAt().getEpochSecond()));
          items.add(
              TransactWriteItem.builder()
                  .put(p -> p.tableName(table)
                      .item(record)
                      // An expired record that TTL has not removed yet no longer holds the key.
                      .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                      .expressionAttributeValues(Map.of(":now", n(clock.instant().getEpochSecond()))))
                  .build());
        });
    return transactions.write(items).isEmpty() ? Write.DONE : Write.CONFLICT;
  }

  @Override
  public Write createImported(Post post, Optional<String> stalePostId) {
    PostSummary s = post.summary();
    String sourceId = s.sourceId().orElseThrow(() -> new IllegalArgumentException("an imported post has a sourceId"));
    List<TransactWriteItem> items = creation(post);
    Map<String, AttributeValue> mapping = new HashMap<>(key(Keys.userPk(s.authorId()), Keys.importSk(sourceId)));
    mapping.put("sourceId", s(sourceId));
    mapping.put("postId", s(s.postId()));
    Map<String, AttributeValue> values = new HashMap<>();
    String condition = "attribute_not_exists(pk)";
    if (stalePostId.isPresent()) {
      condition += " OR postId = :stale";
      values.put(":stale", s(stalePostId.get()));
    }
    String finalCondition = condition;
    items.add(
        TransactWriteItem.builder()
            .put(p -> {
              p.tableName(table).item(mapping).conditionExpression(finalCondition);
              if (!values.isEmpty()) {
                p.expressionAttributeValues(values);
              }
            })
            .build());
    return transactions.write(items).isEmpty() ? Write.DONE : Write.CONFLICT;
  }

  /** The summary, the content, +1 post (and its counters) on the profile and the totals. */
  private List<TransactWriteItem> creation(Post post) {
    PostSummary s = post.summary();
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(
        TransactWriteItem.builder()
            .put(p -> p.tableName(table).item(summaryItem(s)).conditionExpression("attribute_not_exists(pk)"))
            .build());
    items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(contentItem(post))).build());
    Counters c = s.counters();
    items.add(profileDelta(s.authorId(), 1, c.views(), c.likes(), c.favorites()));
    items.add(countDelta(s.authorId(), null, 1));
    items.add(countDelta(s.authorId(), s.type(), 1));
    return items;
  }

  @Override
  public Write replace(PostSummary before, Post after) {
    PostSummary s = after.summary();
    boolean statsChange =
        !s.counters().equals(before.counters()) || !s.publishedAt().equals(before.publishedAt());

    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> sets = new ArrayList<>();
    set(sets, names, values, "title", s(s.title()));
    set(sets, names, values, "summary", s(s.summary()));
    set(sets, names, values, "type", s(s.type().wireName()));
    set(sets, names, values, "listTypePk", s(Keys.userTypePk(s.authorId(), s.type())));
    set(sets, names, values, "updatedAt", s(Timestamps.format(s.updatedAt())));
    names.put("#authorId", "authorId");
    values.put(":oldType", s(before.type().wireName()));
    values.put(":author", s(before.authorId()));
    String condition = "attribute_exists(pk) AND #authorId = :author AND #type = :oldType";
    if (statsChange) {
      String publishedAt = Timestamps.format(s.publishedAt());
      Counters c = s.counters();
      set(sets, names, values, "publishedAt", s(publishedAt));
      set(sets, names, values, "publishedKey", s(Keys.publishedKey(publishedAt, s.postId())));
      set(sets, names, values, "views", n(c.views()));
      set(sets, names, values, "comments", n(c.comments()));
      set(sets, names, values, "likes", n(c.likes()));
      set(sets, names, values, "favorites", n(c.favorites()));
      set(sets, names, values, "viewRank", AttributeValue.fromN(ViewRank.of(c.views(), s.publishedAt(), s.postId()).toString()));
      // Counters are replaced by absolute values, so they must still be the ones the deltas
      // below were computed from.
      Counters old = before.counters();
      values.put(":oldViews", n(old.views()));
      values.put(":oldComments", n(old.comments()));
      values.put(":oldLikes", n(old.likes()));
      values.put(":oldFavorites", n(old.favorites()));
      condition += " AND #views = :oldViews AND #comments = :oldComments AND #likes = :oldLikes"
          + " AND #favorites = :oldFavorites";
    }
    String expression = "SET " + String.join(", ", sets);
    String finalCondition = condition;
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(
        TransactWriteItem.builder()
            .update(u -> u.tableName(table)
                .key(key(Keys.postPk(s.postId()), Keys.SUMMARY))
                .updateExpression(expression)
                .conditionExpression(finalCondition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values))
            .build());
    items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(contentItem(after))).build());
    if (statsChange) {
      Counters c = s.counters();
      Counters old = before.counters();
      long dv = c.views() - old.views();
      long dl = c.likes() - old.likes();
      long df = c.favorites() - old.favorites();
      if (dv != 0 || dl != 0 || df != 0) {
        items.add(profileDelta(s.authorId(), 0, dv, dl, df));
      }
    }
    if (s.type() != before.type()) {
      items.add(countDelta(s.authorId(), before.type(), -1));
      items.add(countDelta(s.authorId(), s.type(), 1));
    }
    return outcome(transactions.write(items));
  }

  @Override
  public Write delete(PostSummary current) {
    Counters c = current.counters();
    String author = current.authorId();
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(
        TransactWriteItem.builder()
            .delete(d -> d.tableName(table)
                .key(key(Keys.postPk(current.postId()), Keys.SUMMARY))
                // Exactly what is subtracted below must still be on the post.
                .conditionExpression("attribute_exists(pk) AND #authorId = :author AND #type = :type"
                    + " AND #views = :views AND #likes = :likes AND #favorites = :favorites")
                .expressionAttributeNames(Map.of("#authorId", "authorId", "#type", "type", "#views", "views",
                    "#likes", "likes", "#favorites", "favorites"))
                .expressionAttributeValues(Map.of(":author", s(author), ":type", s(current.type().wireName()),
                    ":views", n(c.views()), ":likes", n(c.likes()), ":favorites", n(c.favorites()))))
            .build());
    items.add(
        TransactWriteItem.builder()
            .delete(d -> d.tableName(table).key(key(Keys.postPk(current.postId()), Keys.CONTENT)))
            .build());
    current.sourceId().ifPresent(
        sourceId -> items.add(
            TransactWriteItem.builder()
                .delete(d -> d.tableName(table).key(key(Keys.userPk(author), Keys.importSk(sourceId))))
                .build()));
    items.add(profileDelta(author, -1, -c.views(), -c.likes(), -c.favorites()));
    items.add(countDelta(author, null, -1));
    items.add(countDelta(author, current.type(), -1));
    return outcome(transactions.write(items));
  }

  /** The first item is always the post's summary: its condition failing means "read again". */
  private static Write outcome(Optional<List<String>> cancelled) {
    if (cancelled.isEmpty()) {
      return Write.DONE;
    }
    List<String> codes = cancelled.get();
    if (!codes.isEmpty() && "ConditionalCheckFailed".equals(codes.get(0))) {
      return Write.CONFLICT;
    }
    // A total would have gone negative: another writer's counter update is in flight.
    throw Problem.conflict("COUNTERS_BUSY", "The post's counters are changing right now; try again.");
  }

  /**
   * Adds to the author's profile counters (creating the item when absent, without a
   * displayName, so it stays invisible). Subtractions are guarded so that no counter goes
   * below zero.
   */
  private TransactWriteItem profileDelta(String userId, long posts, long views, long likes, long favorites) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> adds = new ArrayList<>();
    List<String> guards = new ArrayList<>();
    add(adds, guards, names, values, "posts", posts);
    add(adds, guards, names, values, "views", views);
    add(adds, guards, names, values, "likes", likes);
    add(adds, guards, names, values, "favorites", favorites);
    names.put("#userId", "userId");
    values.put(":userId", s(userId));
    String expression = "SET #userId = :userId ADD " + String.join(", ", adds);
    return TransactWriteItem.builder()
        .update(u -> {
          u.tableName(table)
              .key(key(Keys.userPk(userId), Keys.PROFILE))
              .updateExpression(expression)
              .expressionAttributeNames(names)
              .expressionAttributeValues(values);
          if (!guards.isEmpty()) {
            u.conditionExpression(String.join(" AND ", guards));
          }
        })
        .build();
  }

  private static void add(
      List<String> adds, List<String> guards, Map<String, String> names, Map<String, AttributeValue> values,
      String attribute, long delta) {
    if (delta == 0) {
      return;
    }
    names.put("#" + attribute, attribute);
    values.put(":" + attribute, n(delta));
    adds.add("#" + attribute + " :" + attribute);
    if (delta < 0) {
      values.put(":min" + attribute, n(-delta));
      guards.add("#" + attribute + " >= :min" + attribute);
    }
  }

  /** The listing total of all posts ({@code type == null}) or of one type. */
  private TransactWriteItem countDelta(String userId, PostType type, long delta) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":d", n(delta));
    values.put(":p", s(type == null ? Keys.userPk(userId) : Keys.userTypePk(userId, type)));
    values.put(":top", s(Keys.TOP_PUBLISHED_KEY));
    values.put(":rank", AttributeValue.fromN(ViewRank.TOP));
    if (delta < 0) {
      values.put(":min", n(-delta));
    }
    String partitionAttr = type == null ? "listPk" : "listTypePk";
    return TransactWriteItem.builder()
        .update(u -> {
          u.tableName(table)
              .key(key(Keys.userPk(userId), Keys.countSk(type)))
              .updateExpression("SET " + partitionAttr + " = :p, publishedKey = :top, viewRank = :rank ADD #count :d")
              .expressionAttributeNames(Map.of("#count", "count"))
              .expressionAttributeValues(values);
          if (delta < 0) {
            u.conditionExpression("#count >= :min");
          }
        })
        .build();
  }

  private static void set(
      List<String> sets, Map<String, String> names, Map<String, AttributeValue> values, String attribute,
      AttributeValue value) {
    names.put("#" + attribute, attribute);
    values.put(":" + attribute, value);
    sets.add("#" + attribute + " = :" + attribute);
  }

  // ------------------------------------------------------------------ mapping

  private static Map<String, AttributeValue> summaryItem(PostSummary s) {
    String publishedAt = Timestamps.format(s.publishedAt());
    Counters c = s.counters();
    Map<String, AttributeValue> item = new HashMap<>(key(Keys.postPk(s.postId()), Keys.SUMMARY));
    item.put("postId", s(s.postId()));
    item.put("authorId", s(s.authorId()));
    item.put("type", s(s.type().wireName()));
    item.put("title", s(s.title()));
    item.put("summary", s(s.summary()));
    item.put("publishedAt", s(publishedAt));
    item.put("updatedAt", s(Timestamps.format(s.updatedAt())));
    item.put("views", n(c.views()));
    item.put("comments", n(c.comments()));
    item.put("likes", n(c.likes()));
    item.put("favorites", n(c.favorites()));
    item.put("listPk", s(Keys.userPk(s.authorId())));
    item.put("listTypePk", s(Keys.userTypePk(s.authorId(), s.type())));
    item.put("publishedKey", s(Keys.publishedKey(publishedAt, s.postId())));
    item.put("viewRank", AttributeValue.fromN(ViewRank.of(c.views(), s.publishedAt(), s.postId()).toString()));
    s.sourceId().ifPresent(id -> item.put("sourceId", s(id)));
    return item;
  }

  private static Map<String, AttributeValue> contentItem(Post post) {
    Map<String, AttributeValue> item = new HashMap<>(key(Keys.postPk(post.postId()), Keys.CONTENT));
    item.put("postId", s(post.postId()));
    item.put("content", s(post.content()));
    post.sourceUrl().ifPresent(url -> item.put("sourceUrl", s(url)));
    item.put("tags", AttributeValue.fromL(post.tags().stream().map(DynamoDbPostStore::s).toList()));
    post.summary().sourceId().ifPresent(id -> item.put("sourceId", s(id)));
    return item;
  }

  static PostSummary toSummary(Map<String, AttributeValue> item) {
    return new PostSummary(
        item.get("postId").s(),
        item.get("authorId").s(),
        PostType.parse(item.get("type").s(), "type"),
        item.get("title").s(),
        item.get("summary").s(),
        Timestamps.parse(item.get("publishedAt").s()),
        Timestamps.parse(item.get("updatedAt").s()),
        new Counters(
            Math.max(0, number(item, "views")),
            Math.max(0, number(item, "comments")),
            Math.max(0, number(item, "likes")),
            Math.max(0, number(item, "favorites"))),
        Optional.ofNullable(item.get("sourceId")).map(AttributeValue::s));
  }

  private static Post toPost(PostSummary summary, Map<String, AttributeValue> content) {
    List<String> tags =
        content.containsKey("tags") ? content.get("tags").l().stream().map(AttributeValue::s).toList() : List.of();
    return new Post(
        summary,
        content.get("content").s(),
        Optional.ofNullable(content.get("sourceUrl")).map(AttributeValue::s),
        tags);
  }

  /** A stored whole number; absent counts as 0. */
  static long number(Map<String, AttributeValue> item, String attribute) {
    AttributeValue v = item.get(attribute);
    return v == null || v.n() == null ? 0 : new BigDecimal(v.n()).longValue();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
