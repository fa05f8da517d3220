package bloghome.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parse_readsEveryJsonType() {
    Object value =
        Json.parse(
            " {\"s\":\"a\\u00e9\\n\",\"i\":-12,\"d\":1.5e2,\"b\":true,\"n\":null,\"l\":[1,[]],\"o\":{}} ");

    assertThat(value)
        .isEqualTo(
            new LinkedHashMap<>(
                Map.of(
                    "s",
                    "aé\n",
                    "i",
                    -12L,
                    "d",
                    new BigDecimal("1.5e2"),
                    "b",
                    true,
                    "l",
                    List.of(1L, List.of()),
                    "o",
                    Map.of())) {
              {
                put("n", null);
              }
            });
  }

  @Test
  void parse_rejectsMalformedInput() {
    for (String bad :
        new String[] {
          "",
          "   ",
          "{",
          "{\"a\":1,}",
          "[1 2]",
          "{\"a\":1}x",
          "{'a':1}",
          "01",
          "1.",
          "\"\u0001\"",
          "{\"a\":1,\"a\":2}",
          "\"\\ud800\"",
          "nul",
          "[".repeat(100) + "]".repeat(100)
        }) {
      assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(JsonException.class);
    }
  }

  /** RFC 8259 edge cases: each text with the value it must read as, or null when it must fail. */
  @Test
  void parse_acceptsExactlyRfc8259() {
    Object[][] cases = {
      {"0", 0L},
      {"-0", 0L},
      {"-1", -1L},
      {"1.5", new BigDecimal("1.5")},
      {"1e5", new BigDecimal("1e5")},
      {"1E+5", new BigDecimal("1e5")},
      {"1e-5", new BigDecimal("1e-5")},
      {"0.0", new BigDecimal("0.0")},
      {"123456789012345678901234567890", new BigDecimal("123456789012345678901234567890")},
      {"1e1000", new BigDecimal("1e1000")},
      {"\"\\u0041\\u00e9\"", "Aé"},
      {"\"\\ud83d\\ude00\"", "😀"},
      {"\"\\/\"", "/"},
      {" \t\r\n[]\n", List.of()},
      {"\"\"", ""},
      {"01", null},
      {"-01", null},
      {"00", null},
      {"-", null},
      {"+1", null},
      {"1.", null},
      {".5", null},
      {"1e", null},
      {"1e+", null},
      {"1.e5", null},
      {"-.5", null},
      {"0x10", null},
      {"1_000", null},
      {"NaN", null},
      {"Infinity", null},
      {"-Infinity", null},
      {"1e9999999999", null},
      {"1E-2147483649", null},
      {"1e2147483648", null},
      {"0e99999999999", null},
      {"1e1001", null},
      {"1e-1001", null},
      {"1" + "0".repeat(101), null},
      {"\"\\u+041\"", null},
      {"\"\\u-041\"", null},
      {"\"\\u04 1\"", null},
      {"\"\\u004\"", null},
      {"\"\\u٠٠٤١\"", null},
      {"\"\\u００４１\"", null},
      {"\"\\x41\"", null},
      {"\"\\U0041\"", null},
      {"\"\\ud800\"", null},
      {"\"\\udc00\"", null},
      {"\"\\ude00\\ud83d\"", null},
      {"\"\uD800\"", null},
      {"\"a\u0000\"", null},
      {"\"a\u001f\"", null},
      {"\"a\nb\"", null},
      {"\"a\tb\"", null},
      {"1 2", null},
      {"{} {}", null},
      {"[1]]", null},
      {"truex", null},
      {"nulll", null},
      {"True", null},
      {"\uFEFF{}", null},
      {"\u00A0{}", null},
      {"[1,]", null},
      {"[,1]", null},
      {"{\"a\" 1}", null},
      {"[".repeat(65) + "]".repeat(65), null},
    };
    for (Object[] c : cases) {
      String text = (String) c[0];
      if (c[1] == null) {
        assertThatThrownBy(() -> Json.parse(text))
            .describedAs(text)
            .isInstanceOf(JsonException.class);
      } else {
        assertThat(Json.parse(text)).as(text).isEqualTo(c[1]);
      }
    }
    assertThat(Json.parse("[".repeat(64) + "]".repeat(64))).isInstanceOf(List.class);
  }

  @Test
  void parse_neverThrowsAnythingButJsonException_onNumbersOfAnyShape() {
    String[] parts = {"-", "0", "1", "9", ".", "e", "E", "+", "99999999999", "-2147483649"};
    Random random = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(8); n >= 0; n--) {
        text.append(parts[random.nextInt(parts.length)]);
      }
      String candidate = "{\"n\":" + text + "}";
      try {
        Json.parse(candidate);
      } catch (JsonException expected) {
        // fine: a 400
      } catch (RuntimeException e) {
        throw new AssertionError(candidate + " threw " + e, e);
      }
    }
  }

  @Test
  void write_escapesControlCharactersAndMarkup_andRoundTripsUnicode() {
    String text = "<script>alert(\"x\")</script> & 😀 中文 \u2028\u0000";

    String json = Json.write(Map.of("t", text));

    assertThat(json).doesNotContain("<", ">", "&", "\u2028", "\u0000");
    assertThat(Json.parse(json)).isEqualTo(Map.of("t", text));
  }
}
