package bloghome.posts;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.s;
import static bloghome.table.TableKeys.key;

import bloghome.table.TableKeys;
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
 * The post's own items are built here; what a write adds to its author's totals comes from {@link
 * AuthorTotals}.
 */
final class PostWrites {
  private final String table;
  private final AuthorTotals totals;

  PostWrites(String table) {
    this.table = table;
    this.totals = new AuthorTotals(table);
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
    items.add(totals.profileDelta(s.authorId(), 1, c.views(), c.likes(), c.favorites()));
    items.add(totals.countDelta(s.authorId(), null, 1));
    items.add(totals.countDelta(s.authorId(), s.type(), 1));
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
        items.add(totals.profileDelta(s.authorId(), 0, dv, dl, df));
      }
    }
    if (s.type() != before.type()) {
      items.add(totals.countDelta(s.authorId(), before.type(), -1));
      items.add(totals.countDelta(s.authorId(), s.type(), 1));
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
    items.add(totals.profileDelta(author, -1, -c.views(), -c.likes(), -c.favorites()));
    items.add(totals.countDelta(author, null, -1));
    items.add(totals.countDelta(author, current.type(), -1));
    return items;
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
