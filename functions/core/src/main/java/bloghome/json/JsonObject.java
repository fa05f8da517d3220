package bloghome.json;

import bloghome.errors.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, field-naming access to a parsed JSON object. Every accessor throws an {@link
 * Problem#invalid} that names the field, so that a wrong type or a missing value becomes a 400 that
 * tells the client exactly what to fix.
 */
public final class JsonObject {
  private final Map<String, Object> fields;
  private final String path;

  private JsonObject(Map<String, Object> fields, String path) {
    this.fields = fields;
    this.path = path;
  }

  /** Parses a request body that must be a JSON object. */
  public static JsonObject parseBody(String body) {
    Object value;
    try {
      value = Json.parse(body);
    } catch (JsonException e) {
      throw Problem.invalid(
          "MALFORMED_JSON", "body", "The body is not valid JSON: " + e.getMessage());
    }
    if (!(value instanceof Map<?, ?>)) {
      throw Problem.invalid("MALFORMED_JSON", "body", "The body must be a JSON object.");
    }
    return of(value, "");
  }

  @SuppressWarnings("unchecked")
  public static JsonObject of(Object value, String path) {
    return new JsonObject((Map<String, Object>) value, path);
  }

  public Set<String> keys() {
    return fields.keySet();
  }

  public boolean has(String name) {
    return fields.containsKey(name) && fields.get(name) != null;
  }

  /** Rejects keys other than the given ones, so that typos do not pass silently. */
  public JsonObject allowOnly(Set<String> allowed) {
    for (String key : fields.keySet()) {
      if (!allowed.contains(key)) {
        throw Problem.invalid("UNKNOWN_FIELD", name(key), "Unknown field \"" + name(key) + "\".");
      }
    }
    return this;
  }

  public String name(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  public Optional<String> optString(String field) {
    Object v = fields.get(field);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof String s) {
      return Optional.of(s);
    }
    throw Problem.invalid(name(field), name(field) + " must be a string.");
  }

  public String string(String field) {
    return optString(field)
        .orElseThrow(() -> Problem.invalid(name(field), name(field) + " is required."));
  }

  public Optional<Long> optLong(String field) {
    Object v = fields.get(field);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Long l) {
      return Optional.of(l);
    }
    if (v instanceof BigDecimal d) {
      try {
        return Optional.of(d.longValueExact());
      } catch (ArithmeticException e) {
        throw Problem.invalid(name(field), name(field) + " must be a whole number in range.");
      }
    }
    throw Problem.invalid(name(field), name(field) + " must be a whole number.");
  }

  public long longValue(String field) {
    return optLong(field)
        .orElseThrow(() -> Problem.invalid(name(field), name(field) + " is required."));
  }

  public Optional<Boolean> optBoolean(String field) {
    Object v = fields.get(field);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Boolean b) {
      return Optional.of(b);
    }
    throw Problem.invalid(name(field), name(field) + " must be true or false.");
  }

  public Optional<List<String>> optStringList(String field) {
    Object v = fields.get(field);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof List<?> list)) {
      throw Problem.invalid(name(field), name(field) + " must be an array of strings.");
    }
    List<String> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String s)) {
        throw Problem.invalid(name(field), name(field) + "[" + i + "] must be a string.");
      }
      out.add(s);
    }
    return Optional.of(out);
  }

  public Optional<List<Object>> optArray(String field) {
    Object v = fields.get(field);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof List<?> list) {
      return Optional.of(new ArrayList<>(list));
    }
    throw Problem.invalid(name(field), name(field) + " must be an array.");
  }

  public Optional<JsonObject> optObject(String field) {
    Object v = fields.get(field);
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof Map<?, ?>) {
      return Optional.of(of(v, name(field)));
    }
    throw Problem.invalid(name(field), name(field) + " must be an object.");
  }

  public Map<String, Object> asMap() {
    return fields;
  }
}
