package bloghome.skins;

import static bloghome.table.Attributes.s;

import bloghome.table.ItemUpdate;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Skins in the single table: one item per user, read with one strongly consistent GetItem. */
public final class DynamoDbSkinStore implements SkinStore {
  private final DynamoDbClient dynamoDb;
  private final String table;
  private final TableAccess access;

  public DynamoDbSkinStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.access = new TableAccess(dynamoDb, table);
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
    ItemUpdate update =
        access
            .update(TableKeys.userPk(userId), TableKeys.SKIN)
            .set(TableKeys.ITEM_USER_ID, s(userId))
            .set(TableKeys.ITEM_UPDATED_AT, SkinItems.time(now));
    changes.forEach(
        (field, color) -> {
          if (color.isPresent()) {
            update.set(field.wireName(), s(color.get()));
          } else {
            update.remove(field.wireName());
          }
        });
    Map<String, AttributeValue> item =
        dynamoDb
            .updateItem(update.request().returnValues(ReturnValue.ALL_NEW).build())
            .attributes();
    return SkinItems.toSkin(userId, item);
  }
}
