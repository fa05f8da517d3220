package bloghome.stats;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Posts and profiles written as the posts feature writes them (docs/data-model.md), and counter
 * readers, for the handler tests.
 */
final class StatsTestTable {
  private final DynamoDbClient dynamoDb;
  final String name;

  StatsTestTable(DynamoDbClient dynamoDb, String name) {
    this.dynamoDb = dynamoDb;
    this.name = name;
  }

  void post(String postId, String authorId) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s("POST#" + postId));
    item.put("sk", s("SUMMARY"));
    item.put("postId", s(postId));
    item.put("authorId", s(authorId));
    item.put("type", s("original"));
    item.put("title", s("Title of " + postId));
    item.put("summary", s("Summary"));
    item.put("publishedAt", s("2026-11-01T08:00:00.000Z"));
    item.put("views", AttributeValue.fromN("0"));
    item.put("likes", AttributeValue.fromN("0"));
    item.put("favorites", AttributeValue.fromN("0"));
    item.put("comments", AttributeValue.fromN("0"));
    item.put("listPk", s("USER#" + authorId));
    item.put("listTypePk", s("USER#" + authorId + "#original"));
    item.put("publishedKey", s("2026-11-01T08:00:00.000Z#" + postId));
    item.put("viewRank", AttributeValue.fromN("17619840000000000000000"));
    dynamoDb.putItem(r -> r.tableName(name).item(item));
  }

  void profile(String userId) {
    dynamoDb.putItem(
        r ->
            r.tableName(name)
                .item(
                    Map.of(
                        "pk", s("USER#" + userId),
                        "sk", s("PROFILE"),
                        "userId", s(userId),
                        "displayName", s(userId + " the writer"))));
  }

  long postCounter(String postId, String counter) {
    return number("POST#" + postId, "SUMMARY", counter);
  }

  long profileCounter(String userId, String counter) {
    return number("USER#" + userId, "PROFILE", counter);
  }

  private long number(String pk, String sk, String attribute) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(r -> r.tableName(name).key(Map.of("pk", s(pk), "sk", s(sk))).consistentRead(true))
            .item();
    return item == null || !item.containsKey(attribute) ? 0 : Long.parseLong(item.get(attribute).n());
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
