package bloghome.skins.validator.image;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.testing.TestImages;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatSnifferTest {

  @Test
  void sniff_findsPng_bySignature() {
    assertThat(FormatSniffer.sniff(TestImages.png(TestImages.gradient(4, 4))))
        .isEqualTo(new FormatSniffer.Sniffed.Supported(ImageFormat.PNG));
  }

  @Test
  void sniff_findsJpeg_byStartOfImage() {
    assertThat(FormatSniffer.sniff(TestImages.jpeg(TestImages.gradient(4, 4))))
        .isEqualTo(new FormatSniffer.Sniffed.Supported(ImageFormat.JPEG));
  }

  @Test
  void sniff_ignoresPngSignature_whenNotAtStart() {
    // given
    byte[] shifted = TestImages.concat(new byte[] {' '}, TestImages.png(TestImages.gradient(4, 4)));

    // when
    FormatSniffer.Sniffed sniffed = FormatSniffer.sniff(shifted);

    // then
    assertThat(sniffed).isInstanceOf(FormatSniffer.Sniffed.Unsupported.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "GIF89a......|GIF",
        "RIFF....WEBPVP8L|WebP",
        "\uFEFF <svg xmlns='http://www.w3.org/2000/svg'/>|SVG",
        "<?xml version='1.0'?><SVG/>|SVG",
        "<!doctype html><p>|HTML",
        "<?xml version='1.0'?><feed/>|XML or other markup text",
        "....ftypavif|HEIF/AVIF or another ISO media file",
        "hello|an unrecognised format"
      })
  void sniff_namesOtherFormats(String content, String description) {
    // given
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);

    // when
    FormatSniffer.Sniffed sniffed = FormatSniffer.sniff(bytes);

    // then
    assertThat(sniffed).isEqualTo(new FormatSniffer.Sniffed.Unsupported(description));
  }
}
