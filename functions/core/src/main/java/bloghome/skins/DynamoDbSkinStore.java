package bloghome.skins;

import static bloghome.table.Attributes.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Skins in the single table: one item per user, read with one strongly consistent GetItem. */
public final class DynamoDbSkinStore implements SkinStore {
  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbSkinStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public Optional<Skin> find(String userId) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(r -> r.tableName(table).key(SkinItems.skinKey(userId)).consistentRead(true))
            .item();
    return item == null || item.isEmpty()
        ? Optional.empty()
        : Optional.of(SkinItems.toSkin(userId, item));
  }

  @Override
  public Skin updateColors(String userId, Map<ColorField, Optional<String>> changes, Instant now) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> sets = new ArrayList<>(List.of("#userId = :userId", "#updatedAt = :now"));
    List<String> removes = new ArrayList<>();
    names.put("#userId", "userId");
    names.put("#updatedAt", "updatedAt");
    values.put(":userId", s(userId));
    values.put(":now", SkinItems.time(now));
    changes.forEach(
        (field, color) -> {
          String name = "#" + field.wireName();
          names.put(name, field.wireName());
          if (color.isPresent()) {
            values.put(":" + field.wireName(), s(color.get()));
            sets.add(name + " = :" + field.wireName());
          } else {
            removes.add(name);
          }
        });
    String update =
        "SET "
            + String.join(", ", sets)
            + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
    Map<String, AttributeValue> item =
        dynamoDb
            .updateItem(
                r ->
                    r.tableName(table)
                        .key(SkinItems.skinKey(userId))
                        .updateExpression(update)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .returnValues(ReturnValue.ALL_NEW))
            .attributes();
    return SkinItems.toSkin(userId, item);
  }
}
