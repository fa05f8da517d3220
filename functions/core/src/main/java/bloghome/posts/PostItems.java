package bloghome.posts;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.number;
import static bloghome.table.Attributes.s;

import bloghome.table.PostSummaryItems;
import bloghome.table.PostSummaryItems.Counter;
import bloghome.table.PostSummaryItems.Summary;
import bloghome.table.TableKeys;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps a post to the items only posts write (content, idempotency record, import map) and back; the
 * summary item has its own owner, {@link PostSummaryItems}, which this maps the post's record to.
 */
final class PostItems {
  private PostItems() {}

  /** The summary as its owner stores it. */
  static Summary stored(PostSummary s) {
    return new Summary(
        s.postId(),
        s.authorId(),
        s.type().wireName(),
        s.title(),
        s.summary(),
        s.publishedAt(),
        s.updatedAt(),
        counters(s.counters()),
        s.sourceId());
  }

  static Map<Counter, Long> counters(Counters c) {
    Map<Counter, Long> counters = new EnumMap<>(Counter.class);
    counters.put(Counter.VIEWS, c.views());
    counters.put(Counter.COMMENTS, c.comments());
    counters.put(Counter.LIKES, c.likes());
    counters.put(Counter.FAVORITES, c.favorites());
    return counters;
  }

  static Map<String, AttributeValue> contentItem(Post post) {
    Map<String, AttributeValue> item =
        TableKeys.key(TableKeys.postPk(post.postId()), TableKeys.CONTENT);
    item.put(TableKeys.ITEM_POST_ID, s(post.postId()));
    item.put(TableKeys.CONTENT_TEXT, s(post.content()));
    post.sourceUrl().ifPresent(url -> item.put(TableKeys.SOURCE_URL, s(url)));
    item.put(
        TableKeys.TAGS,
        AttributeValue.fromL(post.tags().stream().map(PostItems::stringValue).toList()));
    item.put(
        TableKeys.CATEGORIES,
        AttributeValue.fromL(post.categories().stream().map(PostItems::stringValue).toList()));
    post.summary().sourceId().ifPresent(id -> item.put(TableKeys.ITEM_SOURCE_ID, s(id)));
    return item;
  }

  static PostSummary toSummary(Map<String, AttributeValue> item) {
    Summary s = PostSummaryItems.read(item);
    return new PostSummary(
        s.postId(),
        s.authorId(),
        PostType.parse(s.type(), PostSummaryItems.TYPE),
        s.title(),
        s.summary(),
        s.publishedAt(),
        s.updatedAt(),
        new Counters(
            Math.max(0, s.counter(Counter.VIEWS)),
            Math.max(0, s.counter(Counter.COMMENTS)),
            Math.max(0, s.counter(Counter.LIKES)),
            Math.max(0, s.counter(Counter.FAVORITES))),
        s.sourceId());
  }

  static Post toPost(PostSummary summary, Map<String, AttributeValue> content) {
    return new Post(
        summary,
        content.get(TableKeys.CONTENT_TEXT).s(),
        Optional.ofNullable(content.get(TableKeys.SOURCE_URL)).map(AttributeValue::s),
        strings(content, TableKeys.TAGS),
        strings(content, TableKeys.CATEGORIES));
  }

  private static List<String> strings(Map<String, AttributeValue> item, String attribute) {
    return item.containsKey(attribute)
        ? item.get(attribute).l().stream().map(AttributeValue::s).toList()
        : List.of();
  }

  static IdempotencyRecord toIdempotencyRecord(
      String userId, String key, Map<String, AttributeValue> item) {
    return new IdempotencyRecord(
        userId,
        key,
        item.get(TableKeys.REQUEST_HASH).s(),
        item.get(TableKeys.ITEM_POST_ID).s(),
        Instant.ofEpochSecond(number(item, TableKeys.EXPIRES_AT)));
  }

  static Map<String, AttributeValue> idempotencyItem(IdempotencyRecord c) {
    Map<String, AttributeValue> record =
        TableKeys.key(TableKeys.userPk(c.userId()), TableKeys.postIdempotencySk(c.key()));
    record.put(TableKeys.REQUEST_HASH, s(c.requestHash()));
    record.put(TableKeys.ITEM_POST_ID, s(c.postId()));
    record.put(TableKeys.EXPIRES_AT, n(c.expiresAt().getEpochSecond()));
    return record;
  }

  static Map<String, AttributeValue> importItem(String authorId, String sourceId, String postId) {
    Map<String, AttributeValue> mapping =
        TableKeys.key(TableKeys.userPk(authorId), TableKeys.importSk(sourceId));
    mapping.put(TableKeys.ITEM_SOURCE_ID, s(sourceId));
    mapping.put(TableKeys.ITEM_POST_ID, s(postId));
    return mapping;
  }

  private static AttributeValue stringValue(String value) {
    return s(value);
  }
}
