package bloghome.posts;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.s;
import static bloghome.table.TableKeys.key;

import bloghome.table.TableKeys;
import bloghome.table.ViewRank;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The transaction items by which a post write moves its author's totals: the counters on the
 * author's profile and the listing totals per type, which {@link PostWrites} adds to every create,
 * replace and delete so that they stay exact (docs/posts.md).
 */
final class AuthorTotals {
  private final String table;

  AuthorTotals(String table) {
    this.table = table;
  }

  /**
   * Adds to the author's profile counters (creating the item when absent, without a displayName, so
   * it stays invisible). Subtractions are guarded so that no counter goes below zero.
   */
  TransactWriteItem profileDelta(
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
  TransactWriteItem countDelta(String userId, PostType type, long delta) {
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
}
