package bloghome.table;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The small helpers every store and mapper needs to build and read attribute maps. */
public final class Attributes {
  public static final AttributeValue TRUE = AttributeValue.fromBool(true);

  private Attributes() {}

  public static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  public static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  /** A number given as its decimal text (for values past a long, such as a view rank). */
  public static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  /** A string attribute, or null when absent. */
  public static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  /** A stored whole number; absent counts as 0. */
  public static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : new BigDecimal(v.n()).longValue();
  }

  /** A boolean attribute; absent counts as false. */
  public static boolean flag(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v != null && Boolean.TRUE.equals(v.bool());
  }

  /** A last evaluated key (all our key attributes are strings) as a plain map for a cursor. */
  public static Map<String, String> toStrings(Map<String, AttributeValue> key) {
    Map<String, String> out = new LinkedHashMap<>();
    key.forEach((k, v) -> out.put(k, v.s()));
    return out;
  }

  /** The reverse of {@link #toStrings}: a cursor's position as an exclusive start key. */
  public static Map<String, AttributeValue> fromStrings(Map<String, String> key) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    key.forEach((k, v) -> out.put(k, s(v)));
    return out;
  }
}
