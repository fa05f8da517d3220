package bloghome.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * An update of one item, built from its attributes rather than spelt as an expression: every
 * attribute is named through {@code #name} (so reserved words need no care) and valued through
 * {@code :name}. A condition may use {@code #name} for any attribute given to {@link #name} or
 * changed by this update, and its own placeholders given with {@link #value}.
 */
public final class ItemUpdate {
  private final TableAccess table;
  private final String pk;
  private final String sk;
  private final List<String> sets = new ArrayList<>();
  private final List<String> adds = new ArrayList<>();
  private final List<String> removes = new ArrayList<>();
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Map<String, AttributeValue> values = new LinkedHashMap<>();
  private String condition;

  ItemUpdate(TableAccess table, String pk, String sk) {
    this.table = table;
    this.pk = pk;
    this.sk = sk;
  }

  /** {@code SET #attribute = :attribute}. */
  public ItemUpdate set(String attribute, AttributeValue value) {
    sets.add(name(attribute) + " = " + value(":" + attribute, value));
    return this;
  }

  /** {@code ADD #attribute :attribute}: a number added (the attribute counts as 0 when absent). */
  public ItemUpdate add(String attribute, AttributeValue delta) {
    adds.add(name(attribute) + " " + value(":" + attribute, delta));
    return this;
  }

  /** {@code REMOVE #attribute}. */
  public ItemUpdate remove(String attribute) {
    removes.add(name(attribute));
    return this;
  }

  /** Applied only if {@code condition} holds (several calls are joined with AND). */
  public ItemUpdate when(String condition) {
    this.condition = this.condition == null ? condition : this.condition + " AND " + condition;
    return this;
  }

  /** The placeholder {@code #attribute}, registered for this update's expressions. */
  public String name(String attribute) {
    names.put("#" + attribute, attribute);
    return "#" + attribute;
  }

  /** Registers a value placeholder for a condition; returns the placeholder. */
  public String value(String placeholder, AttributeValue value) {
    values.put(placeholder, value);
    return placeholder;
  }

  /** Whether the update changes anything. */
  public boolean isEmpty() {
    return sets.isEmpty() && adds.isEmpty() && removes.isEmpty();
  }

  String expression() {
    List<String> clauses = new ArrayList<>();
    if (!sets.isEmpty()) {
      clauses.add("SET " + String.join(", ", sets));
    }
    if (!adds.isEmpty()) {
      clauses.add("ADD " + String.join(", ", adds));
    }
    if (!removes.isEmpty()) {
      clauses.add("REMOVE " + String.join(", ", removes));
    }
    return String.join(" ", clauses);
  }

  /** As one item of a transaction. */
  public TransactWriteItem item() {
    return TransactWriteItem.builder().update(update()).build();
  }

  /** As a request of its own ({@code UpdateItem}), for a write outside a transaction. */
  public UpdateItemRequest.Builder request() {
    Update update = update();
    return UpdateItemRequest.builder()
        .tableName(update.tableName())
        .key(update.key())
        .updateExpression(update.updateExpression())
        .conditionExpression(update.conditionExpression())
        .expressionAttributeNames(update.expressionAttributeNames())
        .expressionAttributeValues(update.expressionAttributeValues());
  }

  private Update update() {
    return Update.builder()
        .tableName(table.name())
        .key(TableKeys.key(pk, sk))
        .updateExpression(expression())
        .conditionExpression(condition)
        .expressionAttributeNames(TableAccess.orAbsent(names))
        .expressionAttributeValues(TableAccess.orAbsent(values))
        .build();
  }
}
