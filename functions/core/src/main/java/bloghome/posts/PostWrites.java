package bloghome.posts;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.s;
import static bloghome.table.TableKeys.key;

import bloghome.table.TableKeys;
import bloghome.table.ViewRank;
import bloghome.time.Timestamps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The transaction items of every post write: the post's own items and, with them, the author's
 * profile counters and the listing totals (docs/posts.md says which conditions keep them exact).
 * The first item of every list is the post's summary, whose failed condition means "read again".
 */
final class PostWrites {
  private final String table;

  PostWrites(String table) {
    this.table = table;
  }

  /** The summary, the content, +1 post (and its counters) on the profile and the totals. */
  List<TransactWriteItem> creation(Post post) {
    PostSummary s = post.summary();
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(
        TransactWriteItem.builder()
            .put(
                p ->
                    p.tableName(table)
                        .item(PostItems.summaryItem(s))
                        .conditionExpression("attribute_not_exists(pk)"))
            .build());
    items.add(
        TransactWriteItem.builder()
            .put(p -> p.tableName(table).item(PostItems.contentItem(post)))
            .build());
    Counters c = s.counters();
    items.add(profileDelta(s.authorId(), 1, c.views(), c.likes(), c.favorites()));
    items.add(countDelta(s.authorId(), null, 1));
    items.add(countDelta(s.authorId(), s.type(), 1));
    return items;
  }

  /**
   * The idempotency record of a create; an expired record that TTL has not removed yet no longer
   * holds the key.
   */
  TransactWriteItem claim(IdempotencyRecord claim, long nowEpochSecond) {
    return TransactWriteItem.builder()
        .put(
            p ->
                p.tableName(table)
                    .item(PostItems.idempotencyItem(claim))
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", n(nowEpochSecond))))
        .build();
  }

  /** The sourceId -> postId mapping of an import, taken over from a stale post if given. */
  TransactWriteItem importMapping(PostSummary s, String sourceId, Optional<String> stalePostId) {
    Map<String, AttributeValue> mapping = PostItems.importItem(s.authorId(), sourceId, s.postId());
    Map<String, AttributeValue> values = new HashMap<>();
    String condition = "attribute_not_exists(pk)";
    if (stalePostId.isPresent()) {
      condition += " OR postId = :stale";
      values.put(":stale", s(stalePostId.get()));
    }
    String finalCondition = condition;
    return TransactWriteItem.builder()
        .put(
            p -> {
              p.tableName(table).item(mapping).conditionExpression(finalCondition);
              if (!values.isEmpty()) {
                p.expressionAttributeValues(values);
              }
            })
        .build();
  }

  List<TransactWriteItem> replacement(PostSummary before, Post after) {
    PostSummary s = after.summary();
    boolean statsChange =
        !s.counters().equals(before.counters()) || !s.publishedAt().equals(before.publishedAt());

    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> sets = new ArrayList<>();
    set(sets, names, values, "title", s(s.title()));
    set(sets, names, values, "summary", s(s.summary()));
    set(sets, names, values, "type", s(s.type().wireName()));
    set(
        sets,
        names,
        values,
        TableKeys.LIST_TYPE_PK,
        s(PostItems.userTypePk(s.authorId(), s.type())));
    set(sets, names, values, "updatedAt", s(Timestamps.format(s.updatedAt())));
    names.put("#authorId", "authorId");
    values.put(":oldType", s(before.type().wireName()));
    values.put(":author", s(before.authorId()));
    String condition = "attribute_exists(pk) AND #authorId = :author AND #type = :oldType";
    if (statsChange) {
      String publishedAt = Timestamps.format(s.publishedAt());
      Counters c = s.counters();
      set(sets, names, values, "publishedAt", s(publishedAt));
      set(
          sets,
          names,
          values,
          TableKeys.PUBLISHED_KEY,
          s(TableKeys.publishedKey(publishedAt, s.postId())));
      set(sets, names, values, "views", n(c.views()));
      set(sets, names, values, "comments", n(c.comments()));
      set(sets, names, values, "likes", n(c.likes()));
      set(sets, names, values, "favorites", n(c.favorites()));
      set(sets, names, values, TableKeys.VIEW_RANK, PostItems.viewRank(s));
      // Counters are replaced by absolute values, so they must still be the ones the deltas
      // below were computed from.
      Counters old = before.counters();
      values.put(":oldViews", n(old.views()));
      values.put(":oldComments", n(old.comments()));
      values.put(":oldLikes", n(old.likes()));
      values.put(":oldFavorites", n(old.favorites()));
      condition +=
          " AND #views = :oldViews AND #comments = :oldComments AND #likes = :oldLikes"
              + " AND #favorites = :oldFavorites";
    }
    String expression = "SET " + String.join(", ", sets);
    String finalCondition = condition;
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(
        TransactWriteItem.builder()
            .update(
                u ->
                    u.tableName(table)
                        .key(key(TableKeys.postPk(s.postId()), TableKeys.SUMMARY))
                        .updateExpression(expression)
                        .conditionExpression(finalCondition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values))
            .build());
    items.add(
        TransactWriteItem.builder()
            .put(p -> p.tableName(table).item(PostItems.contentItem(after)))
            .build());
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
    return items;
  }

  List<TransactWriteItem> deletion(PostSummary current) {
    Counters c = current.counters();
    String author = current.authorId();
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(
        TransactWriteItem.builder()
            .delete(
                d ->
                    d.tableName(table)
                        .key(key(TableKeys.postPk(current.postId()), TableKeys.SUMMARY))
                        // Exactly what is subtracted below must still be on the post.
                        .conditionExpression(
                            "attribute_exists(pk) AND #authorId = :author AND #type = :type"
                                + " AND #views = :views AND #likes = :likes AND #favorites = :favorites")
                        .expressionAttributeNames(
                            Map.of(
                                "#authorId",
                                "authorId",
                                "#type",
                                "type",
                                "#views",
                                "views",
                                "#likes",
                                "likes",
                                "#favorites",
                                "favorites"))
                        .expressionAttributeValues(
                            Map.of(
                                ":author",
                                s(author),
                                ":type",
                                s(current.type().wireName()),
                                ":views",
                                n(c.views()),
                                ":likes",
                                n(c.likes()),
                                ":favorites",
                                n(c.favorites()))))
            .build());
    items.add(
        TransactWriteItem.builder()
            .delete(
                d ->
                    d.tableName(table)
                        .key(key(TableKeys.postPk(current.postId()), TableKeys.CONTENT)))
            .build());
    current
        .sourceId()
        .ifPresent(
            sourceId ->
                items.add(
                    TransactWriteItem.builder()
                        .delete(
                            d ->
                                d.tableName(table)
                                    .key(
                                        key(
                                            TableKeys.userPk(author),
                                            TableKeys.importSk(sourceId))))
                        .build()));
    items.add(profileDelta(author, -1, -c.views(), -c.likes(), -c.favorites()));
    items.add(countDelta(author, null, -1));
    items.add(countDelta(author, current.type(), -1));
    return items;
  }

  /**
   * Adds to the author's profile counters (creating the item when absent, without a displayName, so
   * it stays invisible). Subtractions are guarded so that no counter goes below zero.
   */
  private TransactWriteItem profileDelta(
      String userId, long posts, long views, long likes, long favorites) {
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
        .update(
            u -> {
              u.tableName(table)
                  .key(key(TableKeys.userPk(userId), TableKeys.PROFILE))
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
      List<String> adds,
      List<String> guards,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      String attribute,
      long delta) {
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
    values.put(
        ":p", s(type == null ? TableKeys.userPk(userId) : PostItems.userTypePk(userId, type)));
    values.put(":top", s(TableKeys.TOP_PUBLISHED_KEY));
    values.put(":rank", n(ViewRank.TOP));
    if (delta < 0) {
      values.put(":min", n(-delta));
    }
    String partitionAttr = type == null ? TableKeys.LIST_PK : TableKeys.LIST_TYPE_PK;
    return TransactWriteItem.builder()
        .update(
            u -> {
              u.tableName(table)
                  .key(
                      key(
                          TableKeys.userPk(userId),
                          TableKeys.countSk(type == null ? null : type.wireName())))
                  .updateExpression(
                      "SET "
                          + partitionAttr
                          + " = :p, publishedKey = :top, viewRank = :rank ADD #count :d")
                  .expressionAttributeNames(Map.of("#count", "count"))
                  .expressionAttributeValues(values);
              if (delta < 0) {
                u.conditionExpression("#count >= :min");
              }
            })
        .build();
  }

  private static void set(
      List<String> sets,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      String attribute,
      AttributeValue value) {
    names.put("#" + attribute, attribute);
    values.put(":" + attribute, value);
    sets.add("#" + attribute + " = :" + attribute);
  }
}
