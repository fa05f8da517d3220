package bloghome.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parse_readsEveryJsonType() {
    Object value = Json.parse(" {\"s\":\"a\\u00e9\\n\",\"i\":-12,\"d\":1.5e2,\"b\":true,\"n\":null,\"l\":[1,[]],\"o\":{}} ");

    assertThat(value).isEqualTo(new LinkedHashMap<>(Map.of(
        "s", "aé\n", "i", -12L, "d", new BigDecimal("1.5e2"), "b", true, "l", List.of(1L, List.of()), "o", Map.of()))
        {{ put("n", null); }});
  }

  @Test
  void parse_rejectsMalformedInput() {
    for (String bad : new String[] {"", "   ", "{", "{\"a\":1,}", "[1 2]", "{\"a\":1}x", "{'a':1}", "01", "1.",
        "\"\u0001\"", "{\"a\":1,\"a\":2}", "\"\\ud800\"", "nul", "[".repeat(100) + "]".repeat(100)}) {
      assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(JsonException.class);
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
