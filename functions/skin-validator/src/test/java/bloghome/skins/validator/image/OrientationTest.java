package bloghome.skins.validator.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrientationTest {

  /**
   * A stored 3 x 2 image with pixels numbered 0 to 5 row by row. Each expected row lists the
   * displayed pixels for that EXIF orientation, read row by row.
   */
  @ParameterizedTest
  @CsvSource({
    "1, 3, 2, 0 1 2 3 4 5",
    "2, 3, 2, 2 1 0 5 4 3",
    "3, 3, 2, 5 4 3 2 1 0",
    "4, 3, 2, 3 4 5 0 1 2",
    "5, 2, 3, 0 3 1 4 2 5",
    "6, 2, 3, 3 0 4 1 5 2",
    "7, 2, 3, 5 2 4 1 3 0",
    "8, 2, 3, 2 5 1 4 0 3"
  })
  void upright_movesPixels_asExifOrientationPrescribes(
      int orientation, int width, int height, String expected) {
    // given
    BufferedImage stored = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 6; i++) {
      stored.setRGB(i % 3, i / 3, i);
    }

    // when
    BufferedImage shown = Orientation.upright(stored, orientation);

    // then
    assertThat(shown.getWidth()).isEqualTo(width);
    assertThat(shown.getHeight()).isEqualTo(height);
    StringBuilder actual = new StringBuilder();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        actual.append(actual.isEmpty() ? "" : " ").append(shown.getRGB(x, y) & 0xFFFFFF);
      }
    }
    assertThat(actual.toString()).isEqualTo(expected);
  }
}
