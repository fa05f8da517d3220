package bloghome.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reading half of {@link Json}: a recursive-descent parser of exactly RFC 8259, with the limits
 * that {@link Json} lists. One instance reads one text.
 */
final class JsonReader {
  private static final int MAX_DEPTH = 64;

  /** Numbers must lie within about 1e-1000 to 1e1000 (the scale of their BigDecimal). */
  private static final int MAX_SCALE = 1000;

  private final String text;
  private int pos;

  private JsonReader(String text) {
    this.text = text;
  }

  /** Parses a JSON text; throws {@link JsonException} with the offset of the first problem. */
  static Object parse(String text) {
    if (text == null) {
      throw new JsonException("empty body", 0);
    }
    JsonReader reader = new JsonReader(text);
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

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private Object readValue(int depth) {
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
        String s = sb == null ? text.substring(start, pos) : sb.append(text, start, pos).toString();
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
