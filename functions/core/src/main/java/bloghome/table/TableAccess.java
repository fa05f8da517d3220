package bloghome.table;

import static bloghome.table.TableKeys.key;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The table's client and name together: a one-line read of an item, and the four kinds of
 * transaction item, so that a store's code reads as what it writes under which condition.
 */
public final class TableAccess {
  private final DynamoDbClient dynamo;
  private final String table;

  public TableAccess(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  public DynamoDbClient client() {
    return dynamo;
  }

  public String name() {
    return table;
  }

  /** The item, or null when there is none. */
  public Map<String, AttributeValue> get(String pk, String sk, boolean consistent) {
    var response =
        dynamo.getItem(r -> r.tableName(table).key(key(pk, sk)).consistentRead(consistent));
    return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
  }

  public TransactWriteItem put(
      Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
    Put.Builder put = Put.builder().tableName(table).item(item).conditionExpression(condition);
    if (!values.isEmpty()) {
      put.expressionAttributeValues(values);
    }
    return TransactWriteItem.builder().put(put.build()).build();
  }

  public TransactWriteItem update(
      String pk,
      String sk,
      String expression,
      String condition,
      Map<String, AttributeValue> values) {
    return TransactWriteItem.builder()
        .update(
            Update.builder()
                .tableName(table)
                .key(key(pk, sk))
                .updateExpression(expression)
                .conditionExpression(condition)
                .expressionAttributeValues(values)
                .build())
        .build();
  }

  public TransactWriteItem delete(
      String pk, String sk, String condition, Map<String, AttributeValue> values) {
    Delete.Builder delete =
        Delete.builder().tableName(table).key(key(pk, sk)).conditionExpression(condition);
    if (!values.isEmpty()) {
      delete.expressionAttributeValues(values);
    }
    return TransactWriteItem.builder().delete(delete.build()).build();
  }

  public TransactWriteItem conditionCheck(
      String pk, String sk, String condition, Map<String, AttributeValue> values) {
    ConditionCheck.Builder check =
        ConditionCheck.builder().tableName(table).key(key(pk, sk)).conditionExpression(condition);
    if (!values.isEmpty()) {
      check.expressionAttributeValues(values);
    }
    return TransactWriteItem.builder().conditionCheck(check.build()).build();
  }
}
