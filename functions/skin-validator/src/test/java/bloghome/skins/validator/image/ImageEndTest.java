package bloghome.skins.validator.image;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.testing.TestImages;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class ImageEndTest {

  @Test
  void find_skipsStuffedBytesAndRestartMarkers_inJpegScanData() {
    // given a scan whose data holds FF00 (a data byte) and FFD0 (a restart), then the end
    byte[] jpeg =
        bytes(
            0xFF, 0xD8, // SOI
            0xFF, 0xDA, 0x00, 0x04, 0x01, 0x02, // SOS with a 2-byte body
            0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xFF, 0xD9, // data, fill, EOI
            '<', 'h');

    // when
    ImageEnd.Result result = ImageEnd.find(ImageFormat.JPEG, jpeg);

    // then
    assertThat(result).isEqualTo(new ImageEnd.Result.EndsAt(jpeg.length - 2));
  }

  @Test
  void find_ignoresEndMarkerBytesInsideASegment() {
    // given a comment segment containing FF D9
    byte[] jpeg =
        bytes(
            0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x04, 0xFF, 0xD9, // COM holding FF D9
            0xFF, 0xDA, 0x00, 0x02, 0x11, 0xFF, 0xD9);

    // when
    ImageEnd.Result result = ImageEnd.find(ImageFormat.JPEG, jpeg);

    // then
    assertThat(result).isEqualTo(new ImageEnd.Result.EndsAt(jpeg.length));
  }

  @Test
  void find_followsEveryScan_inProgressiveJpeg() {
    // given
    byte[] jpeg = TestImages.progressiveJpeg(TestImages.noise(64, 64, 5));

    // when
    ImageEnd.Result result = ImageEnd.find(ImageFormat.JPEG, jpeg);

    // then
    assertThat(result).isEqualTo(new ImageEnd.Result.EndsAt(jpeg.length));
  }

  @Test
  void find_reportsBroken_whenJpegScanRunsToTheEnd() {
    // given
    byte[] jpeg = bytes(0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0x11, 0x22, 0xFF, 0x00);

    // when
    ImageEnd.Result result = ImageEnd.find(ImageFormat.JPEG, jpeg);

    // then
    assertThat(result).isInstanceOf(ImageEnd.Result.Broken.class);
  }

  @Test
  void find_endsPngAfterIend_evenWhenMoreFollows() {
    // given
    byte[] png = TestImages.png(TestImages.gradient(8, 8));
    byte[] polyglot = TestImages.concat(png, TestImages.pngChunk("tEXt", new byte[] {'a', 0}));

    // when
    ImageEnd.Result result = ImageEnd.find(ImageFormat.PNG, polyglot);

    // then
    assertThat(result).isEqualTo(new ImageEnd.Result.EndsAt(png.length));
  }

  private static byte[] bytes(int... values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int value : values) {
      out.write(value);
    }
    return out.toByteArray();
  }
}
