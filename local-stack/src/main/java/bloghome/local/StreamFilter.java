package bloghome.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * An event source mapping's {@code FilterCriteria} on stream records, as Lambda applies them before
 * batching: the part of EventBridge's pattern syntax this project uses (nested objects, arrays of
 * exact values, {@code {"prefix": ...}} and {@code {"exists": true|false}}) against the record's
 * event JSON with attribute values in DynamoDB JSON.
 */
final class StreamFilter {
  private final List<Map<String, Object>> filters;

  /** {@code patterns}: the JSON texts of {@code FilterCriteria.Filters[].Pattern}. */
  StreamFilter(List<String> patterns) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    this.filters = patterns.stream().map(p -> SamTemplate.map(yaml.load(p))).toList();
  }

  /** Lambda keeps a record if any filter matches it (no filters: every record). */
  boolean matches(Record r) {
    if (filters.isEmpty()) {
      return true;
    }
    Map<String, Object> shape = shape(r);
    return filters.stream().anyMatch(f -> matches(f, shape));
  }

  /** The record as the filter sees it: the event's JSON, attribute values in DynamoDB JSON. */
  private static Map<String, Object> shape(Record r) {
    Map<String, Object> dynamodb = new LinkedHashMap<>();
    dynamodb.put("Keys", json(r.dynamodb().keys()));
    if (r.dynamodb().hasNewImage()) {
      dynamodb.put("NewImage", json(r.dynamodb().newImage()));
    }
    if (r.dynamodb().hasOldImage()) {
      dynamodb.put("OldImage", json(r.dynamodb().oldImage()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("eventName", r.eventNameAsString());
    out.put("eventSource", "aws:dynamodb");
    out.put("dynamodb", dynamodb);
    return out;
  }

  private static Map<String, Object> json(Map<String, AttributeValue> image) {
    Map<String, Object> out = new LinkedHashMap<>();
    image.forEach(
        (k, v) -> {
          Object value =
              switch (v.type()) {
                case S -> v.s();
                case N -> v.n();
                case BOOL -> v.bool();
                case M -> json(v.m());
                default -> v.toString();
              };
          out.put(k, Map.of(v.type() == AttributeValue.Type.NUL ? "NULL" : v.type().name(), value));
        });
    return out;
  }

  @SuppressWarnings("unchecked")
  private static boolean matches(Map<String, Object> pattern, Map<String, Object> event) {
    for (Map.Entry<String, Object> e : pattern.entrySet()) {
      Object actual = event.get(e.getKey());
      if (e.getValue() instanceof Map<?, ?> nested) {
        if (!(actual instanceof Map<?, ?> m)
            || !matches((Map<String, Object>) nested, (Map<String, Object>) m)) {
          return false;
        }
      } else if (e.getValue() instanceof List<?> options) {
        boolean any = false;
        for (Object option : options) {
          if (option instanceof Map<?, ?> rule) {
            if (rule.containsKey("exists")) {
              any |= Boolean.parseBoolean(String.valueOf(rule.get("exists"))) == (actual != null);
            } else if (rule.containsKey("prefix")) {
              any |=
                  actual != null
                      && String.valueOf(actual).startsWith(String.valueOf(rule.get("prefix")));
            }
          } else {
            any |= actual != null && String.valueOf(option).equals(String.valueOf(actual));
          }
        }
        if (!any) {
          return false;
        }
      } else {
        throw new LocalStackException("filter pattern values must be objects or arrays: " + e);
      }
    }
    return true;
  }
}
