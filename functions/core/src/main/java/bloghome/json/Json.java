package bloghome.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
public final class Json {
  private static final int MAX_DEPTH = 64;

  /** Numbers must lie within about 1e-1000 to 1e1000 (the scale of their BigDecimal). */
  private static final int MAX_SCALE = 1000;

  private Json() {}

  /** Parses a JSON text; throws {@link JsonException} with the offset of the first problem. */
  public static Object parse(String text) {
    if (text == null) {
      throw new JsonException("empty body", 0);
    }
    Reader reader = new Reader(text);
    reader.skipWhitespace();
    if (reader.pos >= text.length()) {
      throw new JsonException("empty body", 0);
    }
    Object value = reader.readValue(0);
    reader.skipWhitespace();
    if (reader.pos != text.length()) {
      throw new JsonException("unexpected data after the JSON value", reader.pos);
    }
    return value;
  }

  /** Writes maps, collections, strings, numbers, booleans, null and {@link Optional}s as JSON. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder(128);
    writeValue(out, value);
    return out.toString();
  }

  private static void writeValue(StringBuilder out, Object value) {
    switch (value) {
      case null -> out.append("null");
      case String s -> writeString(out, s);
      case Boolean b -> out.append(b.booleanValue());
      case Integer i -> out.append(i.intValue());
      case Long l -> out.append(l.longValue());
      case BigDecimal d -> out.append(d.toPlainString());
      case Double d -> {
        if (d.isNaN() || d.isInfinite()) {
          throw new IllegalArgumentException("JSON has no NaN or infinity");
        }
        out.append(BigDecimal.valueOf(d).toPlainString());
      }
      case Number n -> out.append(n.toString());
      case Optional<?> o -> writeValue(out, o.orElse(null));
      case JsonValue v -> writeValue(out, v.toJson());
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          writeString(out, String.valueOf(e.getKey()));
          out.append(':');
          writeValue(out, e.getValue());
        }
        out.append('}');
      }
      case Collection<?> list -> {
        out.append('[');
        boolean first = true;
        for (Object item : list) {
          if (!first) {
            out.append(',');
          }
          first = false;
          writeValue(out, item);
        }
        out.append(']');
      }
      case Enum<?> e -> writeString(out, e.toString());
      default -> writeString(out, value.toString());
    }
  }

  /**
   * Escapes quotes, backslashes and control characters, and also {@code < > &} and the JavaScript
   * line separators, so that text given by users is inert even if a client pastes it into HTML.
   */
  static void writeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20
              || c == '<'
              || c == '>'
              || c == '&'
              || c == '\u2028'
              || c == '\u2029'
              || c == 0x7f) {
            out.append("\\u");
            String hex = Integer.toHexString(c);
            for (int k = hex.length(); k < 4; k++) {
              out.append('0');
            }
            out.append(hex);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static final class Reader {
    private final String text;
    private int pos;

    Reader(String text) {
      this.text = text;
    }

    void skipWhitespace() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          pos++;
        } else {
          return;
        }
      }
    }

    Object readValue(int depth) {
      if (depth >= MAX_DEPTH) {
        throw new JsonException("nesting is deeper than " + MAX_DEPTH, pos);
      }
      skipWhitespace();
      if (pos >= text.length()) {
        throw new JsonException("unexpected end of JSON", pos);
      }
      char c = text.charAt(pos);
      return switch (c) {
        case '{' -> readObject(depth);
        case '[' -> readArray(depth);
        case '"' -> readString();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            yield readNumber();
          }
          throw new JsonException("unexpected character '" + c + "'", pos);
        }
      };
    }

    private Object literal(String word, Object value) {
      if (!text.startsWith(word, pos)) {
        throw new JsonException("invalid literal", pos);
      }
      pos += word.length();
      return value;
    }

    private Map<String, Object> readObject(int depth) {
      Map<String, Object> map = new LinkedHashMap<>();
      pos++;
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return map;
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw new JsonException("expected a quoted key", pos);
        }
        int keyPos = pos;
        String key = readString();
        skipWhitespace();
        expect(':');
        Object value = readValue(depth + 1);
        if (map.containsKey(key)) {
          throw new JsonException("duplicate key \"" + key + "\"", keyPos);
        }
        map.put(key, value);
        skipWhitespace();
        char c = next();
        if (c == '}') {
          return map;
        }
        if (c != ',') {
          throw new JsonException("expected ',' or '}'", pos - 1);
        }
      }
    }

    private List<Object> readArray(int depth) {
      List<Object> list = new ArrayList<>();
      pos++;
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return list;
      }
      while (true) {
        list.add(readValue(depth + 1));
        skipWhitespace();
        char c = next();
        if (c == ']') {
          return list;
        }
        if (c != ',') {
          throw new JsonException("expected ',' or ']'", pos - 1);
        }
      }
    }

    private String readString() {
      pos++;
      StringBuilder sb = null;
      int start = pos;
      while (true) {
        if (pos >= text.length()) {
          throw new JsonException("unterminated string", start - 1);
        }
        char c = text.charAt(pos);
        if (c == '"') {
          String s =
              sb == null ? text.substring(start, pos) : sb.append(text, start, pos).toString();
          pos++;
          return checkSurrogates(s, start);
        }
        if (c < 0x20) {
          throw new JsonException("control character in string", pos);
        }
        if (c == '\\') {
          if (sb == null) {
            sb = new StringBuilder();
          }
          sb.append(text, start, pos);
          pos++;
          char e = next();
          switch (e) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
              // Exactly four hex digits: Integer.parseInt would also take a sign ("\\u+041").
              if (pos + 4 > text.length()) {
                throw new JsonException("bad unicode escape", pos);
              }
              int unit = 0;
              for (int k = 0; k < 4; k++) {
                int digit = hexDigit(text.charAt(pos + k));
                if (digit < 0) {
                  throw new JsonException("bad unicode escape", pos);
                }
                unit = unit * 16 + digit;
              }
              sb.append((char) unit);
              pos += 4;
            }
            default -> throw new JsonException("bad escape", pos - 1);
          }
          start = pos;
        } else {
          pos++;
        }
      }
    }

    /** An ASCII hex digit's value; Character.digit would also take other scripts' digits. */
    private static int hexDigit(char c) {
      if (c >= '0' && c <= '9') {
        return c - '0';
      }
      if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
      }
      if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
      }
      return -1;
    }

    private String checkSurrogates(String s, int at) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
          if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
            throw new JsonException("lone surrogate in string", at);
          }
          i++;
        } else if (Character.isLowSurrogate(c)) {
          throw new JsonException("lone surrogate in string", at);
        }
      }
      return s;
    }

    private Object readNumber() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
      } else if (peek() >= '1' && peek() <= '9') {
        while (peek() >= '0' && peek() <= '9') {
          pos++;
        }
      } else {
        throw new JsonException("invalid number", start);
      }
      boolean integral = true;
      if (peek() == '.') {
        integral = false;
        pos++;
        if (!(peek() >= '0' && peek() <= '9')) {
          throw new JsonException("invalid number", start);
        }
        while (peek() >= '0' && peek() <= '9') {
          pos++;
        }
      }
      if (peek() == 'e' || peek() == 'E') {
        integral = false;
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        if (!(peek() >= '0' && peek() <= '9')) {
          throw new JsonException("invalid number", start);
        }
        while (peek() >= '0' && peek() <= '9') {
          pos++;
        }
      }
      String literal = text.substring(start, pos);
      if (literal.length() > 100) {
        throw new JsonException("number too long", start);
      }
      if (integral && literal.length() <= 18) {
        return Long.parseLong(literal);
      }
      BigDecimal number;
      try {
        number = new BigDecimal(literal);
      } catch (NumberFormatException e) {
        // The exponent does not fit an int (1e9999999999): valid syntax, but out of our range.
        throw new JsonException("number out of range", start);
      }
      // RFC 8259 lets a reader limit the range. Without a limit, 1e999999999 would parse and then
      // cost seconds and gigabytes in the first toPlainString or longValue.
      if (Math.abs((long) number.scale()) > MAX_SCALE) {
        throw new JsonException("number out of range", start);
      }
      return number;
    }

    private char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
      if (pos >= text.length()) {
        throw new JsonException("unexpected end of JSON", pos);
      }
      return text.charAt(pos++);
    }

    private void expect(char c) {
      if (next() != c) {
        throw new JsonException("expected '" + c + "'", pos - 1);
      }
    }
  }
}
