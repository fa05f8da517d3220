package bloghome.system;

import bloghome.table.TableKeys;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The whole blog table at one moment, read directly (not through the fault proxy), for the fault
 * run's checks: items found by partition and sort key, numbers read as 0 when absent.
 */
final class TableSnapshot {

  private final Map<String, Map<String, AttributeValue>> items;

  private TableSnapshot(Map<String, Map<String, AttributeValue>> items) {
    this.items = items;
  }

  static TableSnapshot scan(RunningSystem system) {
    String table = system.stack().physicalName("BlogTable");
    Map<String, Map<String, AttributeValue>> items = new HashMap<>();
    system
        .stack()
        .dynamoDb()
        .scanPaginator(r -> r.tableName(table))
        .items()
        .forEach(
            item -> items.put(id(item.get(TableKeys.PK).s(), item.get(TableKeys.SK).s()), item));
    return new TableSnapshot(Collections.unmodifiableMap(items));
  }

  /** How a scanned item is found: its partition and sort key. */
  private static String id(String pk, String sk) {
    return pk + "|" + sk;
  }

  Collection<Map<String, AttributeValue>> all() {
    return items.values();
  }

  /** Every item as "pk|sk". */
  Set<String> ids() {
    return items.keySet();
  }

  /** The item, or null. */
  Map<String, AttributeValue> item(String pk, String sk) {
    return items.get(id(pk, sk));
  }

  boolean has(String pk, String sk) {
    return items.containsKey(id(pk, sk));
  }

  /** A number attribute of an item; 0 when the item or the attribute is absent. */
  long number(String pk, String sk, String attribute) {
    return number(item(pk, sk), attribute);
  }

  static long number(Map<String, AttributeValue> item, String attribute) {
    if (item == null || !item.containsKey(attribute) || item.get(attribute).n() == null) {
      return 0;
    }
    return Long.parseLong(item.get(attribute).n());
  }
}
