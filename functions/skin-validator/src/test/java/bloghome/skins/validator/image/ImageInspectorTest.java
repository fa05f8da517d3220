package bloghome.skins.validator.image;

import static bloghome.testing.TestImages.animationControlChunk;
import static bloghome.testing.TestImages.concat;
import static bloghome.testing.TestImages.decode;
import static bloghome.testing.TestImages.gradient;
import static bloghome.testing.TestImages.jpeg;
import static bloghome.testing.TestImages.png;
import static bloghome.testing.TestImages.pngChunk;
import static org.assertj.core.api.Assertions.assertThat;

import bloghome.skins.SkinSlot;
import bloghome.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageInspectorTest {

  private static final String PNG = "image/png";
  private static final String JPEG = "image/jpeg";
  private static final int TWO_MIB = 2 * 1024 * 1024;

  private final ImageInspector inspector = new ImageInspector();

  @Test
  void inspect_acceptsHeader_whenExactlyMinimumSize() throws IOException {
    // given
    byte[] image = png(gradient(1920, 100));

    // when
    Verdict verdict = inspect(SkinSlot.HEADER, PNG, image);

    // then
    Verdict.Accepted accepted = accepted(verdict);
    assertThat(accepted.format()).isEqualTo(ImageFormat.PNG);
    assertThat(accepted.width()).isEqualTo(1920);
    assertThat(accepted.height()).isEqualTo(100);
    assertThat(accepted.cleanContentType()).isEqualTo(PNG);
    assertDecodesTo(accepted.cleanCopy(), 1920, 100);
  }

  @ParameterizedTest
  @CsvSource({"1919, 100", "1920, 99"})
  void inspect_rejectsHeader_whenBelowMinimumSize(int width, int height) throws IOException {
    // given
    byte[] image = png(gradient(width, height));

    // when
    Verdict verdict = inspect(SkinSlot.HEADER, PNG, image);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.DIMENSIONS);
    assertThat(rejected(verdict).reasons().getFirst().message()).contains(width + " x " + height);
  }

  @Test
  void inspect_acceptsColumn_whenExactly300By38() throws IOException {
    // given
    byte[] image = jpeg(gradient(300, 38));

    // when
    Verdict verdict = inspect(SkinSlot.COLUMN, JPEG, image);

    // then
    Verdict.Accepted accepted = accepted(verdict);
    assertThat(accepted.cleanContentType()).isEqualTo(JPEG);
    assertDecodesTo(accepted.cleanCopy(), 300, 38);
  }

  @ParameterizedTest
  @CsvSource({"301, 38", "300, 39", "299, 38", "300, 37"})
  void inspect_rejectsColumn_whenNotExactly300By38(int width, int height) throws IOException {
    // given
    byte[] image = png(gradient(width, height));

    // when
    Verdict verdict = inspect(SkinSlot.COLUMN, PNG, image);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.DIMENSIONS);
  }

  @Test
  void inspect_acceptsBackground_ofAnyShape() throws IOException {
    // given
    byte[] image = png(gradient(17, 3));

    // when
    Verdict verdict = inspect(SkinSlot.BACKGROUND, PNG, image);

    // then
    assertDecodesTo(accepted(verdict).cleanCopy(), 17, 3);
  }

  @Test
  void inspect_acceptsHeader_whenExactlyTwoMebibytes() throws IOException {
    // given a valid PNG padded with a private ancillary chunk to the limit
    byte[] image = TestImages.paddedTo(png(gradient(1920, 100)), TWO_MIB);
    assertThat(image).hasSize(TWO_MIB);
    assertDecodesTo(image, 1920, 100);

    // when
    Verdict verdict = inspect(SkinSlot.HEADER, PNG, image);

    // then the padding is gone from the clean copy
    Verdict.Accepted accepted = accepted(verdict);
    assertThat(TestImages.pngChunkTypes(accepted.cleanCopy())).doesNotContain("zzZz");
    assertThat(accepted.cleanCopy().length).isLessThan(TWO_MIB);
  }

  @Test
  void inspect_rejectsTooLarge_withoutReadingAnyByte_whenOneByteOverLimit() throws IOException {
    // given
    byte[] image = TestImages.paddedTo(png(gradient(1920, 100)), TWO_MIB + 1);
    CountingByteSource source = new CountingByteSource(image);

    // when
    Verdict verdict = inspector.inspect(SkinSlot.HEADER, PNG, image.length, source);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.TOO_LARGE);
    assertThat(source.bytesRead()).isZero();
  }

  @Test
  void inspect_rejectsTooLarge_perSlotLimit() throws IOException {
    // given a size fine for a header but not a column
    CountingByteSource source = new CountingByteSource(new byte[0]);

    // when
    Verdict verdict = inspector.inspect(SkinSlot.COLUMN, PNG, 524_289, source);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.TOO_LARGE);
    assertThat(rejected(verdict).reasons().getFirst().message()).contains("524,288");
    assertThat(source.bytesRead()).isZero();
  }

  @Test
  void inspect_rejectsPixelLimit_afterReadingOnlyTheHeader_whenPngIsABomb() throws IOException {
    // given
    byte[] bomb = TestImages.pngBomb(50_000, 50_000);
    assertThat(bomb.length).isLessThan(16 * 1024);
    CountingByteSource source = new CountingByteSource(bomb);

    // when
    Verdict verdict = inspector.inspect(SkinSlot.BACKGROUND, PNG, bomb.length, source);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.PIXEL_LIMIT);
    assertThat(source.bytesRead()).isLessThanOrEqualTo(64 * 1024);
  }

  @Test
  void inspect_reportsPixelLimitAndDimensions_whenBothApply() throws IOException {
    // given
    byte[] bomb = TestImages.pngBomb(50_000, 50_000);

    // when
    Verdict verdict = inspect(SkinSlot.COLUMN, PNG, bomb);

    // then
    assertThat(codes(verdict))
        .containsExactlyInAnyOrder(RejectionCode.PIXEL_LIMIT, RejectionCode.DIMENSIONS);
  }

  @Test
  void inspect_rejectsCorrupt_whenJpegIsTruncated() throws IOException {
    // given
    byte[] whole = jpeg(TestImages.noise(400, 300, 1));
    byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

    // when
    Verdict verdict = inspect(SkinSlot.BACKGROUND, JPEG, truncated);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.CORRUPT);
  }

  @Test
  void inspect_rejectsCorrupt_whenPngIsTruncated() throws IOException {
    // given
    byte[] whole = png(TestImages.noise(200, 100, 2));
    byte[] truncated = Arrays.copyOf(whole, whole.length - 100);

    // when
    Verdict verdict = inspect(SkinSlot.BACKGROUND, PNG, truncated);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.CORRUPT);
  }

  @Test
  void inspect_rejectsMetadataTooLarge_notCorrupt_whenAValidPngCarriesMegabytesBeforeItsImageData()
      throws IOException {
    // given: a valid PNG with a 1.5 MB private ancillary chunk between IHDR and IDAT
    byte[] image =
        TestImages.withChunkAfterHeader(
            png(gradient(1920, 100)), pngChunk("zzZz", new byte[1_500_000]));

    // when
    Verdict verdict = inspect(SkinSlot.HEADER, PNG, image);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.METADATA_TOO_LARGE);
    assertThat(rejected(verdict).reasons().getFirst().message())
        .isEqualTo("the file carries more than 1,024 KB of metadata before the image data");
  }

  @Test
  void inspect_rejectsMetadataTooLarge_whenAJpegCarriesMegabytesBeforeItsFrameHeader()
      throws IOException {
    // given: 24 APP15 segments of 64 KB each before the frame header
    byte[] whole = jpeg(gradient(400, 300));
    byte[] segment = new byte[65_535 + 2];
    segment[0] = (byte) 0xFF;
    segment[1] = (byte) 0xEF;
    segment[2] = (byte) 0xFF;
    segment[3] = (byte) 0xFF;
    byte[] image = whole;
    for (int i = 0; i < 24; i++) {
      image = TestImages.insert(image, 2, segment);
    }

    // when
    Verdict verdict = inspect(SkinSlot.HEADER, JPEG, image);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.METADATA_TOO_LARGE);
  }

  @Test
  void inspect_rejectsCorrupt_whenPngChunkChecksumIsWrong() throws IOException {
    // given
    byte[] image = png(TestImages.noise(200, 100, 3));
    image[image.length - 20] ^= 0x55; // inside the last IDAT chunk's data

    // when
    Verdict verdict = inspect(SkinSlot.BACKGROUND, PNG, image);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.CORRUPT);
  }

  @Test
  void inspect_rejectsTrailingData_whenHtmlFollowsPngEnd() throws IOException {
    // given
    byte[] polyglot =
        concat(
            png(gradient(1920, 100)),
            "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII));

    // when
    Verdict verdict = inspect(SkinSlot.HEADER, PNG, polyglot);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.TRAILING_DATA);
  }

  @Test
  void inspect_rejectsTrailingData_whenBytesFollowJpegEnd() throws IOException {
    // given
    byte[] zip = "PK\3\4 zip".getBytes(StandardCharsets.US_ASCII);
    byte[] polyglot = concat(jpeg(gradient(300, 38)), zip);

    // when
    Verdict verdict = inspect(SkinSlot.COLUMN, JPEG, polyglot);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.TRAILING_DATA);
  }

  @Test
  void inspect_rejectsUnsupportedFormat_whenGifDeclaredAsPng() throws IOException {
    assertUnsupported(TestImages.gif(gradient(1920, 100)), "GIF");
  }

  @Test
  void inspect_rejectsUnsupportedFormat_whenWebpDeclaredAsPng() throws IOException {
    byte[] webp = "RIFF\u0024\0\0\0WEBPVP8 \u0018\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
    assertUnsupported(concat(webp, new byte[24]), "WebP");
  }

  @Test
  void inspect_rejectsUnsupportedFormat_whenSvgDeclaredAsPng() throws IOException {
    byte[] svg =
        ("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1920\""
                + " height=\"100\"><script>alert(1)</script></svg>")
            .getBytes(StandardCharsets.UTF_8);
    assertUnsupported(svg, "SVG");
  }

  @Test
  void inspect_rejectsUnsupportedFormat_whenHtmlDeclaredAsPng() throws IOException {
    assertUnsupported(
        "  <!DOCTYPE html><html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8), "HTML");
  }

  @Test
  void inspect_rejectsEmpty_whenNoBytes() throws IOException {
    // given
    CountingByteSource source = new CountingByteSource(new byte[0]);

    // when
    Verdict verdict = inspector.inspect(SkinSlot.HEADER, PNG, 0, source);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.EMPTY);
    assertThat(source.bytesRead()).isZero();
  }

  @Test
  void inspect_rejectsTypeMismatch_whenPngDeclaredAsJpeg() throws IOException {
    // given
    byte[] image = png(gradient(1920, 100));

    // when
    Verdict verdict = inspect(SkinSlot.HEADER, JPEG, image);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.TYPE_MISMATCH);
    assertThat(rejected(verdict).reasons().getFirst().message()).contains("image/jpeg", "PNG");
  }

  @Test
  void inspect_acceptsDeclaredType_withParametersAndOtherCase() throws IOException {
    // given
    byte[] image = png(gradient(300, 38));

    // when
    Verdict verdict = inspect(SkinSlot.COLUMN, "Image/PNG; charset=binary", image);

    // then
    assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void inspect_rejectsAnimated_whenPngHasAnimationControlChunk() throws IOException {
    // given
    byte[] apng =
        TestImages.withChunkAfterHeader(png(gradient(1920, 100)), animationControlChunk());
    assertDecodesTo(apng, 1920, 100);

    // when
    Verdict verdict = inspect(SkinSlot.HEADER, PNG, apng);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.ANIMATED);
  }

  @Test
  void inspect_reportsDimensionsAndAnimated_whenBothApply() throws IOException {
    // given
    byte[] apng = TestImages.withChunkAfterHeader(png(gradient(100, 100)), animationControlChunk());

    // when
    Verdict verdict = inspect(SkinSlot.HEADER, PNG, apng);

    // then
    assertThat(codes(verdict))
        .containsExactlyInAnyOrder(RejectionCode.DIMENSIONS, RejectionCode.ANIMATED);
  }

  @Test
  void inspect_accepts16BitPng_andKeepsItsDepth() throws IOException {
    // given
    byte[] image = png(TestImages.sixteenBitRgb(300, 38));
    assertThat(image[24]).as("IHDR bit depth").isEqualTo((byte) 16);

    // when
    Verdict verdict = inspect(SkinSlot.COLUMN, PNG, image);

    // then
    byte[] clean = accepted(verdict).cleanCopy();
    assertDecodesTo(clean, 300, 38);
    assertThat(clean[24]).isEqualTo((byte) 16);
  }

  @Test
  void inspect_stripsTextChunks_fromPngCleanCopy() throws IOException {
    // given
    byte[] text =
        pngChunk("tEXt", "Comment\0<script>x</script>".getBytes(StandardCharsets.ISO_8859_1));
    byte[] exif = pngChunk("eXIf", "MM\0*\0\0\0\10\0\0".getBytes(StandardCharsets.ISO_8859_1));
    byte[] image =
        TestImages.withChunkAfterHeader(
            TestImages.withChunkAfterHeader(png(gradient(1920, 100)), text), exif);
    assertThat(TestImages.pngChunkTypes(image)).contains("tEXt", "eXIf");

    // when
    Verdict verdict = inspect(SkinSlot.HEADER, PNG, image);

    // then
    assertThat(TestImages.pngChunkTypes(accepted(verdict).cleanCopy()))
        .doesNotContain("tEXt", "iTXt", "zTXt", "eXIf")
        .startsWith("IHDR")
        .endsWith("IEND");
  }

  @ParameterizedTest
  @CsvSource({"0, CMYK", "2, YCCK"})
  void inspect_acceptsFourChannelJpeg_andConvertsToRgb(int adobeTransform, String kind)
      throws IOException {
    // given
    byte[] image = TestImages.fourChannelJpeg(400, 300, adobeTransform);
    assertThat(image[7]).as(kind + " JPEG has an Adobe segment").isEqualTo((byte) 'd');

    // when
    Verdict verdict = inspect(SkinSlot.BACKGROUND, JPEG, image);

    // then
    byte[] clean = accepted(verdict).cleanCopy();
    BufferedImage decoded = assertDecodesTo(clean, 400, 300);
    assertThat(decoded.getRaster().getNumBands()).isEqualTo(3);
    assertThat(TestImages.jpegMarkersBeforeScan(clean)).doesNotContain(0xE1, 0xEE, 0xE2);
  }

  @Test
  void inspect_cmykJpeg_showsInkAsColour() throws IOException {
    // given full cyan ink at the right edge, none at the top-left (Adobe inverts: 0 = full ink)
    byte[] image = TestImages.fourChannelJpeg(400, 300, 0);

    // when
    BufferedImage clean = decode(accepted(inspect(SkinSlot.BACKGROUND, JPEG, image)).cleanCopy());

    // then
    int topLeft = clean.getRGB(2, 2);
    int topRight = clean.getRGB(397, 2);
    assertThat(red(topLeft)).isGreaterThan(200);
    assertThat(red(topRight)).isLessThan(red(topLeft) - 100);
  }

  @Test
  void inspect_usesDisplayedSize_andTurnsPixels_whenExifOrientationIs6() throws IOException {
    // given a 100 x 1920 image, red at its stored top, to be turned a quarter clockwise
    byte[] stored = jpeg(TestImages.redTop(100, 1920, 50));
    byte[] image = TestImages.withExifOrientation(stored, 6, ByteOrder.BIG_ENDIAN);
    assertThat(TestImages.jpegMarkersBeforeScan(image)).contains(0xE1);

    // when
    Verdict verdict = inspect(SkinSlot.HEADER, JPEG, image);

    // then the stored top is now the right edge
    Verdict.Accepted accepted = accepted(verdict);
    assertThat(accepted.width()).isEqualTo(1920);
    assertThat(accepted.height()).isEqualTo(100);
    BufferedImage clean = assertDecodesTo(accepted.cleanCopy(), 1920, 100);
    assertThat(isRed(clean.getRGB(1910, 50))).isTrue();
    assertThat(isRed(clean.getRGB(10, 50))).isFalse();
    assertThat(TestImages.jpegMarkersBeforeScan(accepted.cleanCopy())).doesNotContain(0xE1);
  }

  @Test
  void inspect_turnsPixelsAnticlockwise_whenLittleEndianExifOrientationIs8() throws IOException {
    // given
    byte[] stored = jpeg(TestImages.redTop(100, 1920, 50));
    byte[] image = TestImages.withExifOrientation(stored, 8, ByteOrder.LITTLE_ENDIAN);

    // when
    Verdict verdict = inspect(SkinSlot.HEADER, JPEG, image);

    // then the stored top is now the left edge
    BufferedImage clean = assertDecodesTo(accepted(verdict).cleanCopy(), 1920, 100);
    assertThat(isRed(clean.getRGB(10, 50))).isTrue();
    assertThat(isRed(clean.getRGB(1910, 50))).isFalse();
  }

  @Test
  void inspect_rejectsDimensions_whenExifTurnsWideImageUpright() throws IOException {
    // given a stored 1920 x 100 image that displays as 100 x 1920
    byte[] image =
        TestImages.withExifOrientation(jpeg(gradient(1920, 100)), 6, ByteOrder.BIG_ENDIAN);

    // when
    Verdict verdict = inspect(SkinSlot.HEADER, JPEG, image);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.DIMENSIONS);
    assertThat(rejected(verdict).reasons().getFirst().message()).contains("100 x 1920");
  }

  @Test
  void inspect_acceptsProgressiveJpeg() throws IOException {
    // given
    byte[] image = TestImages.progressiveJpeg(TestImages.noise(1920, 100, 4));
    assertThat(TestImages.jpegMarkersBeforeScan(image)).contains(0xC2);

    // when
    Verdict verdict = inspect(SkinSlot.HEADER, JPEG, image);

    // then
    assertDecodesTo(accepted(verdict).cleanCopy(), 1920, 100);
  }

  @Test
  void inspect_acceptsGrayscaleJpeg_andKeepsItGray() throws IOException {
    // given
    BufferedImage gray = new BufferedImage(300, 38, BufferedImage.TYPE_BYTE_GRAY);
    gray.createGraphics().drawImage(gradient(300, 38), 0, 0, null);
    byte[] image = jpeg(gray);

    // when
    Verdict verdict = inspect(SkinSlot.COLUMN, JPEG, image);

    // then
    BufferedImage clean = assertDecodesTo(accepted(verdict).cleanCopy(), 300, 38);
    assertThat(clean.getRaster().getNumBands()).isEqualTo(1);
  }

  @Test
  void inspect_readsFurtherForTheHeader_whenMetadataPushesItPast64KiB() throws IOException {
    // given a large ancillary chunk between IHDR and the image data
    byte[] filler = pngChunk("zzZz", new byte[100_000]);
    byte[] image = TestImages.withChunkAfterHeader(png(gradient(300, 38)), filler);

    // when
    Verdict verdict = inspect(SkinSlot.COLUMN, PNG, image);

    // then
    assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void inspect_rejectsCorrupt_whenPngDataIsNotDeflateDespiteGoodChecksums() throws IOException {
    // given a PNG whose IDAT holds random bytes with a correct CRC
    byte[] good = png(gradient(300, 38));
    byte[] header = Arrays.copyOf(good, 33);
    byte[] garbage = new byte[500];
    new Random(6).nextBytes(garbage);
    byte[] image = concat(concat(header, pngChunk("IDAT", garbage)), pngChunk("IEND", new byte[0]));

    // when
    Verdict verdict = inspect(SkinSlot.COLUMN, PNG, image);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.CORRUPT);
  }

  @Test
  void inspect_throws_whenObjectChangesBetweenReads() {
    // given a source whose full read differs from its prefix
    byte[] checked = png(gradient(300, 38));
    byte[] swapped = png(gradient(300, 38));
    swapped[40] ^= 1;
    ByteSource source =
        new ByteSource() {
          @Override
          public byte[] readPrefix(int n) {
            return Arrays.copyOf(checked, Math.min(n, checked.length));
          }

          @Override
          public byte[] readAll() {
            return swapped;
          }
        };

    // when / then
    Assertions.assertThatThrownBy(
            () -> inspector.inspect(SkinSlot.COLUMN, PNG, checked.length, source))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("changed");
  }

  private void assertUnsupported(byte[] bytes, String named) throws IOException {
    // when
    Verdict verdict = inspect(SkinSlot.HEADER, PNG, bytes);

    // then
    assertThat(codes(verdict)).containsExactly(RejectionCode.UNSUPPORTED_FORMAT);
    assertThat(rejected(verdict).reasons().getFirst().message()).contains(named);
  }

  private Verdict inspect(SkinSlot slot, String contentType, byte[] bytes) throws IOException {
    return inspector.inspect(slot, contentType, bytes.length, ByteSource.of(bytes));
  }

  private static Verdict.Accepted accepted(Verdict verdict) {
    assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
    return (Verdict.Accepted) verdict;
  }

  private static Verdict.Rejected rejected(Verdict verdict) {
    assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
    return (Verdict.Rejected) verdict;
  }

  private static List<RejectionCode> codes(Verdict verdict) {
    return rejected(verdict).reasons().stream().map(Reason::code).toList();
  }

  private static BufferedImage assertDecodesTo(byte[] bytes, int width, int height) {
    BufferedImage image = decode(bytes);
    assertThat(image.getWidth()).isEqualTo(width);
    assertThat(image.getHeight()).isEqualTo(height);
    return image;
  }

  private static boolean isRed(int rgb) {
    return red(rgb) > 200 && (rgb & 0xFF) < 60;
  }

  private static int red(int rgb) {
    return (rgb >> 16) & 0xFF;
  }
}
