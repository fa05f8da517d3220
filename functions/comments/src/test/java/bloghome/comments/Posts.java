package bloghome.comments;

import bloghome.ids.Ids;
import bloghome.time.Timestamps;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes post summary and profile items the way the posts feature does (shared conventions in
 * docs/data-model.md), since that feature's code is not part of this module.
 */
final class Posts {
  private final DynamoDbClient dynamo;
  private final String table;

  Posts(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /** A published original post by {@code authorId} with no comments yet. */
  String create(String authorId) {
    return create(authorId, 0);
  }

  /** A post whose summary already counts {@code comments} (as an import sets it). */
  String create(String authorId, long comments) {
    return create(Ids.newId("p"), authorId, comments);
  }

  /** A post with a given id (e.g. the one in a sample event). */
  String create(String postId, String authorId, long comments) {
    String publishedAt = Timestamps.format(Instant.parse("2026-02-01T08:00:00Z"));
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s("POST#" + postId));
    item.put("sk", s("SUMMARY"));
    item.put("postId", s(postId));
    item.put("authorId", s(authorId));
    item.put("type", s("original"));
    item.put("title", s("A post"));
    item.put("summary", s("What it is about"));
    item.put("publishedAt", s(publishedAt));
    item.put("updatedAt", s(publishedAt));
    item.put("views", n(0));
    item.put("comments", n(comments));
    item.put("likes", n(0));
    item.put("favorites", n(0));
    item.put("listPk", s("USER#" + authorId));
    item.put("listTypePk", s("USER#" + authorId + "#original"));
    item.put("publishedKey", s(publishedAt + "#" + postId));
    item.put(
        "viewRank",
        AttributeValue.fromN(
            BigInteger.valueOf(Instant.parse("2026-02-01T08:00:00Z").toEpochMilli())
                .multiply(BigInteger.TEN.pow(10))
                .toString()));
    dynamo.putItem(r -> r.tableName(table).item(item));
    return postId;
  }

  /** Deletes the post as its author would: both the summary and the content item go. */
  void delete(String postId) {
    for (String sk : new String[] {"SUMMARY", "CONTENT"}) {
      dynamo.deleteItem(r -> r.tableName(table).key(Map.of("pk", s("POST#" + postId), "sk", s(sk))));
    }
  }

  long commentCount(String postId) {
    var item =
        dynamo
            .getItem(
                r ->
                    r.tableName(table)
                        .key(Map.of("pk", s("POST#" + postId), "sk", s("SUMMARY")))
                        .consistentRead(true))
            .item();
    return Long.parseLong(item.get("comments").n());
  }

  /** A visible profile (one with a displayName). */
  void profile(String userId, String displayName) {
    dynamo.putItem(
        r ->
            r.tableName(table)
                .item(
                    Map.of(
                        "pk", s("USER#" + userId),
                        "sk", s("PROFILE"),
                        "userId", s(userId),
                        "displayName", s(displayName))));
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
