package bloghome.stats.dynamodb;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small helpers for attribute maps. */
final class Attrs {
  private Attrs() {}

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  static Map<String, AttributeValue> key(String pk, String sk) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    key.put("pk", s(pk));
    key.put("sk", s(sk));
    return key;
  }

  static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
  }

  /** A last evaluated key (all our key attributes are strings) as a plain map for a cursor. */
  static Map<String, String> toStrings(Map<String, AttributeValue> key) {
    Map<String, String> out = new LinkedHashMap<>();
    key.forEach((k, v) -> out.put(k, v.s()));
    return out;
  }

  static Map<String, AttributeValue> fromStrings(Map<String, String> key) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    key.forEach((k, v) -> out.put(k, s(v)));
    return out;
  }
}
