package bloghome.skins.validator.image;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.testing.TestImages;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderReaderTest {

  @Test
  void read_givesPngSizeAndDepth_fromIhdr() {
    // given
    byte[] png = TestImages.png(TestImages.sixteenBitRgb(30, 20));

    // when
    HeaderReader.Result result = HeaderReader.read(ImageFormat.PNG, png, true);

    // then
    ImageHeader header = header(result);
    assertThat(header.width()).isEqualTo(30);
    assertThat(header.height()).isEqualTo(20);
    assertThat(header.bitDepth()).isEqualTo(16);
    assertThat(header.components()).isEqualTo(3);
    assertThat(header.animated()).isFalse();
  }

  @Test
  void read_marksPngAnimated_whenAcTlPrecedesImageData() {
    // given
    byte[] apng =
        TestImages.withChunkAfterHeader(
            TestImages.png(TestImages.gradient(10, 10)), TestImages.animationControlChunk());

    // when
    HeaderReader.Result result = HeaderReader.read(ImageFormat.PNG, apng, true);

    // then
    assertThat(header(result).animated()).isTrue();
  }

  @Test
  void read_asksForMore_whenPrefixEndsBeforeIhdr() {
    // given
    byte[] png = TestImages.png(TestImages.gradient(10, 10));

    // when
    HeaderReader.Result result = HeaderReader.read(ImageFormat.PNG, Arrays.copyOf(png, 20), false);

    // then
    assertThat(result).isEqualTo(new HeaderReader.Result.NeedMore(33));
  }

  @Test
  void read_reportsMalformed_whenWholeFileEndsBeforeIhdr() {
    // given
    byte[] png = TestImages.png(TestImages.gradient(10, 10));

    // when
    HeaderReader.Result result = HeaderReader.read(ImageFormat.PNG, Arrays.copyOf(png, 20), true);

    // then
    assertThat(result).isInstanceOf(HeaderReader.Result.Malformed.class);
  }

  @Test
  void read_asksForTheNextChunkHeader_whenAncillaryChunkRunsPastPrefix() {
    // given
    byte[] filler = TestImages.pngChunk("zzZz", new byte[1000]);
    byte[] png =
        TestImages.withChunkAfterHeader(TestImages.png(TestImages.gradient(10, 10)), filler);

    // when
    HeaderReader.Result result = HeaderReader.read(ImageFormat.PNG, Arrays.copyOf(png, 100), false);

    // then the next chunk starts after IHDR (33) and the filler (1012)
    assertThat(result).isEqualTo(new HeaderReader.Result.NeedMore(33 + 1012 + 8));
  }

  @Test
  void read_givesJpegFrameSize() {
    // given
    byte[] jpeg = TestImages.jpeg(TestImages.gradient(123, 45));

    // when
    HeaderReader.Result result = HeaderReader.read(ImageFormat.JPEG, jpeg, true);

    // then
    ImageHeader header = header(result);
    assertThat(header.storedWidth()).isEqualTo(123);
    assertThat(header.storedHeight()).isEqualTo(45);
    assertThat(header.orientation()).isEqualTo(1);
    assertThat(header.components()).isEqualTo(3);
    assertThat(header.bitDepth()).isEqualTo(8);
  }

  @ParameterizedTest
  @CsvSource({
    "1, BIG, 123, 45",
    "3, LITTLE, 123, 45",
    "5, BIG, 45, 123",
    "6, LITTLE, 45, 123",
    "7, BIG, 45, 123",
    "8, LITTLE, 45, 123"
  })
  void read_swapsJpegSides_onlyForQuarterTurnOrientations(
      int orientation, String order, int width, int height) {
    // given
    ByteOrder byteOrder = order.equals("BIG") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    byte[] jpeg =
        TestImages.withExifOrientation(
            TestImages.jpeg(TestImages.gradient(123, 45)), orientation, byteOrder);

    // when
    ImageHeader header = header(HeaderReader.read(ImageFormat.JPEG, jpeg, true));

    // then
    assertThat(header.orientation()).isEqualTo(orientation);
    assertThat(header.width()).isEqualTo(width);
    assertThat(header.height()).isEqualTo(height);
  }

  @Test
  void read_treatsOrientationAsUpright_whenExifValueIsOutOfRange() {
    // given
    byte[] jpeg =
        TestImages.withExifOrientation(
            TestImages.jpeg(TestImages.gradient(123, 45)), 9, ByteOrder.BIG_ENDIAN);

    // when
    ImageHeader header = header(HeaderReader.read(ImageFormat.JPEG, jpeg, true));

    // then
    assertThat(header.orientation()).isEqualTo(1);
    assertThat(header.width()).isEqualTo(123);
  }

  @Test
  void read_asksForMore_whenJpegPrefixEndsBeforeFrameHeader() {
    // given
    byte[] jpeg = TestImages.jpeg(TestImages.gradient(123, 45));

    // when
    HeaderReader.Result result =
        HeaderReader.read(ImageFormat.JPEG, Arrays.copyOf(jpeg, 30), false);

    // then
    assertThat(result).isInstanceOf(HeaderReader.Result.NeedMore.class);
    assertThat(((HeaderReader.Result.NeedMore) result).bytes()).isGreaterThan(30);
  }

  @Test
  void read_reportsMalformed_whenJpegHasScanBeforeFrame() {
    // given SOI then straight into a scan header
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDA, 0, 2, 0, 0};

    // when
    HeaderReader.Result result = HeaderReader.read(ImageFormat.JPEG, jpeg, true);

    // then
    assertThat(result).isInstanceOf(HeaderReader.Result.Malformed.class);
  }

  private static ImageHeader header(HeaderReader.Result result) {
    assertThat(result).isInstanceOf(HeaderReader.Result.Read.class);
    return ((HeaderReader.Result.Read) result).header();
  }
}
