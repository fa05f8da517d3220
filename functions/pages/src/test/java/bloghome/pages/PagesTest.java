package bloghome.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.errors.Problem;
import bloghome.skins.ColorField;
import bloghome.skins.MediaUrls;
import bloghome.skins.Skin;
import bloghome.skins.SkinImage;
import bloghome.skins.SkinSlot;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PagesTest {
  @Test
  void trail_isAListOfCursorShapedValues_onlyWithACursor_andBounded() {
    assertThat(Pages.parseTrail(Optional.of("a.b~c.d"), true)).containsExactly("a.b", "c.d");
    assertThat(Pages.parseTrail(Optional.empty(), false)).isEmpty();
    assertThatThrownBy(() -> Pages.parseTrail(Optional.of("a.b"), false))
        .isInstanceOf(Problem.class);
    assertThatThrownBy(() -> Pages.parseTrail(Optional.of("a\"b"), true))
        .isInstanceOf(Problem.class);
    assertThatThrownBy(() -> Pages.parseTrail(Optional.of("a~~b"), true))
        .isInstanceOf(Problem.class);
    String tooMany = String.join("~", Collections.nCopies(Pages.MAX_TRAIL + 1, "x.y"));
    assertThatThrownBy(() -> Pages.parseTrail(Optional.of(tooMany), true))
        .isInstanceOf(Problem.class);
  }

  @Test
  void skinCss_holdsOnlyValidatedColoursAndEncodedImageUrls() {
    SkinImage header =
        new SkinImage(
            SkinSlot.HEADER,
            "up_1",
            "skins/al ice\")/h.png",
            1920,
            100,
            10,
            "png",
            "image/png",
            "o",
            Instant.EPOCH);
    Skin skin =
        new Skin(
            "al ice",
            Map.of(ColorField.TITLE, "#C0392B", ColorField.HOVER, "red;}body{x"),
            Map.of(SkinSlot.HEADER, header));
    String css = SkinCss.of(skin, new MediaUrls("https://cdn.example.net"));
    assertThat(css)
        .startsWith(":root{--title:#C0392B;--hover:#0969DA;--subtitle:#59636E;")
        .contains("--header-image:url(\"https://cdn.example.net/skins/al%20ice%22%29/h.png\");")
        .doesNotContain("red;")
        .endsWith("}");
  }

  @Test
  void times_areChinaStandardTime() {
    assertThat(Times.show(Instant.parse("2022-11-25T07:02:10Z"))).isEqualTo("2022-11-25 15:02:10");
  }
}
