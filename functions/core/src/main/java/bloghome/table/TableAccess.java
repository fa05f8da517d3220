package bloghome.table;

import static bloghome.table.TableKeys.key;

import bloghome.paging.StorePage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The table's client and name together: a one-line read of an item, and the four kinds of
 * transaction item, so that a store's code reads as what it writes under which condition. Every
 * transaction item of every feature is built here (updates through {@link ItemUpdate}).
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

  /** Only the given attributes of the item, or null when there is none. */
  public Map<String, AttributeValue> get(
      String pk, String sk, boolean consistent, List<String> attributes) {
    Map<String, String> names = new LinkedHashMap<>();
    for (String attribute : attributes) {
      names.put("#p" + names.size(), attribute);
    }
    var response =
        dynamo.getItem(
            r ->
                r.tableName(table)
                    .key(key(pk, sk))
                    .projectionExpression(String.join(", ", names.keySet()))
                    .expressionAttributeNames(names)
                    .consistentRead(consistent));
    return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
  }

  /**
   * A page of the ByOwner list {@code owner} (favorites, following, followers), newest first, from
   * {@code start} (a previous page's {@code next}).
   */
  public StorePage<Map<String, AttributeValue>> byOwner(
      String owner, int limit, Optional<Map<String, String>> start) {
    QueryResponse page =
        dynamo.query(
            q -> {
              q.tableName(table)
                  .indexName(TableKeys.BY_OWNER)
                  .keyConditionExpression(TableKeys.GSI1PK + " = :owner")
                  .expressionAttributeValues(Map.of(":owner", Attributes.s(owner)))
                  .scanIndexForward(false)
                  .limit(limit);
              start.ifPresent(k -> q.exclusiveStartKey(Attributes.fromStrings(k)));
            });
    Optional<Map<String, String>> next =
        page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
            ? Optional.of(Attributes.toStrings(page.lastEvaluatedKey()))
            : Optional.empty();
    return new StorePage<>(page.items(), next);
  }

  /** The condition "this item exists" and its opposite, to start or join a condition with. */
  public static final String ITEM_EXISTS = "attribute_exists(" + TableKeys.PK + ")";

  public static final String ITEM_ABSENT = "attribute_not_exists(" + TableKeys.PK + ")";

  /** An update of the item, built attribute by attribute (see {@link ItemUpdate}). */
  public ItemUpdate update(String pk, String sk) {
    return new ItemUpdate(this, pk, sk);
  }

  /** Puts {@code item} only where there is none with its key yet. */
  public TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
    return put(item, ITEM_ABSENT, Map.of(), Map.of());
  }

  /** Puts {@code item} whatever is there. */
  public TransactWriteItem put(Map<String, AttributeValue> item) {
    return put(item, null, Map.of(), Map.of());
  }

  public TransactWriteItem put(
      Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
    return put(item, condition, Map.of(), values);
  }

  public TransactWriteItem put(
      Map<String, AttributeValue> item,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    return TransactWriteItem.builder()
        .put(
            Put.builder()
                .tableName(table)
                .item(item)
                .conditionExpression(condition)
                .expressionAttributeNames(orAbsent(names))
                .expressionAttributeValues(orAbsent(values))
                .build())
        .build();
  }

  /** Deletes the item, which must be there. */
  public TransactWriteItem deleteIfPresent(String pk, String sk) {
    return delete(pk, sk, ITEM_EXISTS, Map.of(), Map.of());
  }

  /** Deletes the item if there is one. */
  public TransactWriteItem delete(String pk, String sk) {
    return delete(pk, sk, null, Map.of(), Map.of());
  }

  public TransactWriteItem delete(
      String pk,
      String sk,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    return TransactWriteItem.builder()
        .delete(
            Delete.builder()
                .tableName(table)
                .key(key(pk, sk))
                .conditionExpression(condition)
                .expressionAttributeNames(orAbsent(names))
                .expressionAttributeValues(orAbsent(values))
                .build())
        .build();
  }

  public TransactWriteItem conditionCheck(
      String pk,
      String sk,
      String condition,
      Map<String, String> names,
      Map<String, AttributeValue> values) {
    return TransactWriteItem.builder()
        .conditionCheck(
            ConditionCheck.builder()
                .tableName(table)
                .key(key(pk, sk))
                .conditionExpression(condition)
                .expressionAttributeNames(orAbsent(names))
                .expressionAttributeValues(orAbsent(values))
                .build())
        .build();
  }

  /**
   * An expression map, or null for an empty one: DynamoDB refuses an empty map, and the SDK leaves
   * a null one out of the request.
   */
  static <V> Map<String, V> orAbsent(Map<String, V> map) {
    return map.isEmpty() ? null : map;
  }
}
