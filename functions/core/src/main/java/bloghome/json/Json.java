package bloghome.json;

import java.util.Optional;

/**
 * A small, strict JSON reader and writer.
 *
 * <p>Hand-written on purpose: it loads a handful of classes, uses no reflection and so keeps the
 * cold start of every function short. Measured against jackson-jr 2.20 (the smallest well-kept
 * library for maps and lists), parsing an API Gateway event and writing a response in a fresh JVM
 * loads 97 classes in a median 41-43 ms here against 217 classes in 145-149 ms
 * (bench/library-cold/run.sh, docs/cold-start.md); jackson-jr would also need configuring or
 * wrapping to hold the limits below. Objects read as {@code LinkedHashMap<String,Object>}, arrays
 * as {@code List<Object>}, integral numbers as {@code Long} (or {@code BigDecimal} when too large),
 * other numbers as {@code BigDecimal}. It accepts exactly the grammar of RFC 8259; duplicate keys,
 * nesting deeper than 64, lone surrogates and numbers beyond 1e±1000 (or longer than 100
 * characters) are also rejected. Every rejection is a {@link JsonException}, never another runtime
 * exception.
 *
 * <p>This class is the codec's whole public face; the grammar is read by {@link JsonReader} and
 * written by {@link JsonWriter}, each a unit of its own.
 */
public final class Json {
  private Json() {}

  /** Parses a JSON text; throws {@link JsonException} with the offset of the first problem. */
  public static Object parse(String text) {
    return JsonReader.parse(text);
  }

  /** Writes maps, collections, strings, numbers, booleans, null and {@link Optional}s as JSON. */
  public static String write(Object value) {
    return JsonWriter.write(value);
  }
}
