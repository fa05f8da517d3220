package bloghome.skins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.errors.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class HexColorTest {

  @Test
  void normalise_upperCasesAnyLetterCase() {
    assertThat(HexColor.normalise("titleColor", "#a1B2c3")).isEqualTo("#A1B2C3");
    assertThat(HexColor.normalise("titleColor", "#000000")).isEqualTo("#000000");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "#FFF",
        "FFFFFF",
        "#FFFFFFF",
        "#GGGGGG",
        " #FFFFFF",
        "#FFFFFF ",
        "#ＦＦＦＦＦＦ",
        "#12345😀",
        "red",
        "rgb(1,2,3)",
        "#12 456",
        "##12345"
      })
  void normalise_rejectsAnythingButHashAndSixHexDigits_namingTheField(String value) {
    assertThatThrownBy(() -> HexColor.normalise("hoverColor", value))
        .isInstanceOfSatisfying(
            Problem.class,
            problem -> {
              assertThat(problem.kind()).isEqualTo(Problem.Kind.INVALID_INPUT);
              assertThat(problem.field()).isEqualTo("hoverColor");
              assertThat(problem.code()).isEqualTo("INVALID_HOVER_COLOR");
            });
  }
}
