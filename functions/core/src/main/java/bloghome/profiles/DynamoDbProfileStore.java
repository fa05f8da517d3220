package bloghome.profiles;

import static bloghome.table.Attributes.number;

import bloghome.table.TableKeys;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** {@link ProfileStore} on the single table: pk {@code USER#{userId}}, sk {@code PROFILE}. */
public final class DynamoDbProfileStore implements ProfileStore {
  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbProfileStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public Optional<Profile> find(String userId) {
    var item =
        dynamo
            .getItem(
                r ->
                    r.tableName(table)
                        .key(TableKeys.key(TableKeys.userPk(userId), TableKeys.PROFILE)))
            .item();
    if (item == null || !item.containsKey("displayName")) {
      return Optional.empty();
    }
    return Optional.of(toProfile(userId, item));
  }

  @Override
  public Profile save(String userId, String displayName, String bio) {
    // SET only the author's fields: counters written concurrently by other features survive.
    var item =
        dynamo
            .updateItem(
                r ->
                    r.tableName(table)
                        .key(TableKeys.key(TableKeys.userPk(userId), TableKeys.PROFILE))
                        .updateExpression(
                            "SET #userId = :userId, #displayName = :displayName, #bio = :bio")
                        .expressionAttributeNames(
                            Map.of(
                                "#userId", "userId", "#displayName", "displayName", "#bio", "bio"))
                        .expressionAttributeValues(
                            Map.of(
                                ":userId", AttributeValue.fromS(userId),
                                ":displayName", AttributeValue.fromS(displayName),
                                ":bio", AttributeValue.fromS(bio)))
                        .returnValues(ReturnValue.ALL_NEW))
            .attributes();
    return toProfile(userId, item);
  }

  private static Profile toProfile(String userId, Map<String, AttributeValue> item) {
    return new Profile(
        userId,
        item.get("displayName").s(),
        item.containsKey("bio") ? item.get("bio").s() : "",
        count(item, "posts"),
        count(item, "views"),
        count(item, "likes"),
        count(item, "favorites"),
        count(item, "followers"),
        count(item, "following"));
  }

  private static long count(Map<String, AttributeValue> item, String attribute) {
    return Math.max(0, number(item, attribute));
  }
}
