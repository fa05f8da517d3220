package bloghome.posts;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.number;
import static bloghome.table.Attributes.s;

import bloghome.table.TableKeys;
import bloghome.table.ViewRank;
import bloghome.time.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps a post to its two items (summary with the listing index keys, content) and back. */
final class PostItems {
  private PostItems() {}

  static Map<String, AttributeValue> summaryItem(PostSummary s) {
    String publishedAt = Timestamps.format(s.publishedAt());
    Counters c = s.counters();
    Map<String, AttributeValue> item =
        TableKeys.key(TableKeys.postPk(s.postId()), TableKeys.SUMMARY);
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
    item.put(TableKeys.LIST_PK, s(TableKeys.userPk(s.authorId())));
    item.put(TableKeys.LIST_TYPE_PK, s(userTypePk(s.authorId(), s.type())));
    item.put(TableKeys.PUBLISHED_KEY, s(TableKeys.publishedKey(publishedAt, s.postId())));
    item.put(TableKeys.VIEW_RANK, viewRank(s));
    s.sourceId().ifPresent(id -> item.put("sourceId", s(id)));
    return item;
  }

  static Map<String, AttributeValue> contentItem(Post post) {
    Map<String, AttributeValue> item =
        TableKeys.key(TableKeys.postPk(post.postId()), TableKeys.CONTENT);
    item.put("postId", s(post.postId()));
    item.put("content", s(post.content()));
    post.sourceUrl().ifPresent(url -> item.put("sourceUrl", s(url)));
    item.put(
        "tags", AttributeValue.fromL(post.tags().stream().map(PostItems::stringValue).toList()));
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

  static Post toPost(PostSummary summary, Map<String, AttributeValue> content) {
    List<String> tags =
        content.containsKey("tags")
            ? content.get("tags").l().stream().map(AttributeValue::s).toList()
            : List.of();
    return new Post(
        summary,
        content.get("content").s(),
        Optional.ofNullable(content.get("sourceUrl")).map(AttributeValue::s),
        tags);
  }

  static IdempotencyRecord toIdempotencyRecord(
      String userId, String key, Map<String, AttributeValue> item) {
    return new IdempotencyRecord(
        userId,
        key,
        item.get("requestHash").s(),
        item.get("postId").s(),
        Instant.ofEpochSecond(number(item, TableKeys.EXPIRES_AT)));
  }

  static Map<String, AttributeValue> idempotencyItem(IdempotencyRecord c) {
    Map<String, AttributeValue> record =
        TableKeys.key(TableKeys.userPk(c.userId()), TableKeys.postIdempotencySk(c.key()));
    record.put("requestHash", s(c.requestHash()));
    record.put("postId", s(c.postId()));
    record.put(TableKeys.EXPIRES_AT, n(c.expiresAt().getEpochSecond()));
    return record;
  }

  static Map<String, AttributeValue> importItem(String authorId, String sourceId, String postId) {
    Map<String, AttributeValue> mapping =
        TableKeys.key(TableKeys.userPk(authorId), TableKeys.importSk(sourceId));
    mapping.put("sourceId", s(sourceId));
    mapping.put("postId", s(postId));
    return mapping;
  }

  static String userTypePk(String userId, PostType type) {
    return TableKeys.userTypePk(userId, type.wireName());
  }

  static AttributeValue viewRank(PostSummary s) {
    return n(ViewRank.of(s.counters().views(), s.publishedAt(), s.postId()).toString());
  }

  private static AttributeValue stringValue(String value) {
    return s(value);
  }
}
