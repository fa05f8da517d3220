package bloghome.images.validator;

import static bloghome.testing.TestImages.concat;
import static bloghome.testing.TestImages.gradient;
import static org.assertj.core.api.Assertions.assertThat;

import bloghome.images.PostImageRules;
import bloghome.skins.validator.image.ByteSource;
import bloghome.skins.validator.image.ImageInspector;
import bloghome.skins.validator.image.ImageRules;
import bloghome.skins.validator.image.Reason;
import bloghome.skins.validator.image.RejectionCode;
import bloghome.skins.validator.image.ResizedCopies;
import bloghome.skins.validator.image.Verdict;
import bloghome.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The post image rules on the skin validator's inspector, and the resized copies. */
class PostImageInspectionTest {
  private final ImageInspector inspector = new ImageInspector();

  private Verdict inspect(ImageRules rules, String type, byte[] bytes, ResizedCopies copies)
      throws IOException {
    return inspector.inspect(rules, type, bytes.length, ByteSource.of(bytes), copies);
  }

  private Verdict inspect(String type, byte[] bytes) throws IOException {
    return inspect(
        PostImageValidator.POST, type, bytes, ResizedCopies.atWidths(PostImageRules.WIDTHS));
  }

  private static List<RejectionCode> codes(Verdict verdict) {
    assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
    return ((Verdict.Rejected) verdict).reasons().stream().map(Reason::code).toList();
  }

  @Test
  void aDecompressionBomb_isRejectedFromItsHeader() throws IOException {
    byte[] bomb = TestImages.pngBomb(50_000, 50_000);

    assertThat(codes(inspect("image/png", bomb))).containsExactly(RejectionCode.PIXEL_LIMIT);
  }

  @Test
  void tooManyPixels_isRejected() throws IOException {
    // 8001 x 5000 = 40,005,000 pixels, a small flat PNG
    byte[] png = TestImages.flatPng(8001, 5000, 8, 0);

    assertThat(codes(inspect("image/png", png))).contains(RejectionCode.PIXEL_LIMIT);
  }

  @Test
  void trailingData_isRejected() throws IOException {
    byte[] jpeg = concat(TestImages.jpeg(gradient(640, 480)), "PK\3\4 a zip".getBytes());

    assertThat(codes(inspect("image/jpeg", jpeg))).containsExactly(RejectionCode.TRAILING_DATA);
  }

  @Test
  void wrongMagicBytes_isRejected_asUnsupported_orAsAMismatchWithTheDeclaredType()
      throws IOException {
    byte[] gif = TestImages.gif(gradient(100, 100));
    byte[] png = TestImages.png(100, 100);

    Verdict unsupported = inspect("image/png", gif);
    assertThat(codes(unsupported)).containsExactly(RejectionCode.UNSUPPORTED_FORMAT);
    assertThat(((Verdict.Rejected) unsupported).reasons().getFirst().message())
        .startsWith("post images must be PNG or JPEG");
    assertThat(codes(inspect("image/jpeg", png))).containsExactly(RejectionCode.TYPE_MISMATCH);
  }

  @Test
  void overTheByteLimit_isRejectedBeforeReadingAByte() throws IOException {
    byte[] tiny = TestImages.png(10, 10);
    var copies = ResizedCopies.atWidths(PostImageRules.WIDTHS);

    Verdict verdict =
        inspector.inspect(
            PostImageValidator.POST,
            "image/png",
            PostImageRules.MAX_BYTES + 1,
            ByteSource.of(tiny),
            copies);

    assertThat(codes(verdict)).containsExactly(RejectionCode.TOO_LARGE);
    assertThat(((Verdict.Rejected) verdict).reasons().getFirst().message())
        .contains("post images may be at most 10,485,760 bytes");
  }

  @Test
  void aCopyTallerThanTheCap_isRejected() throws IOException {
    // 1000 x 9000: the widest copy is the original, 9000 rows > 8000
    byte[] png = TestImages.flatPng(1000, 9000, 8, 0);

    assertThat(codes(inspect("image/png", png))).containsExactly(RejectionCode.DIMENSIONS);
  }

  @Test
  void aWideJpeg_getsCopiesAt480_960_and1600_inJpeg_withTheirHeights() throws IOException {
    var copies = ResizedCopies.atWidths(PostImageRules.WIDTHS);

    Verdict verdict =
        inspect(
            PostImageValidator.POST, "image/jpeg", TestImages.jpeg(gradient(2400, 1800)), copies);

    assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
    assertThat(copies.copies())
        .extracting(c -> c.width() + "x" + c.height())
        .containsExactly("480x360", "960x720", "1600x1200");
    for (ResizedCopies.Copy copy : copies.copies()) {
      BufferedImage decoded = TestImages.decode(copy.bytes());
      assertThat(decoded.getWidth()).isEqualTo(copy.width());
      assertThat(decoded.getHeight()).isEqualTo(copy.height());
      assertThat(copy.bytes()[0]).isEqualTo((byte) 0xFF); // JPEG SOI
    }
    assertThat(((Verdict.Accepted) verdict).cleanCopy()).isEqualTo(copies.copies().get(2).bytes());
  }

  @Test
  void aNarrowPng_isNeverUpscaled_andKeepsItsOwnWidthAsTheWidestCopy() throws IOException {
    var copies = ResizedCopies.atWidths(PostImageRules.WIDTHS);

    inspect(PostImageValidator.POST, "image/png", TestImages.png(700, 300), copies);

    assertThat(copies.copies())
        .extracting(c -> c.width() + "x" + c.height())
        .containsExactly("480x206", "700x300");
    assertThat(copies.copies().getLast().bytes()).startsWith(TestImages.PNG_SIGNATURE);
    assertThat(PostImageRules.copyWidths(700)).containsExactly(480, 700);
  }

  @Test
  void aSmallImage_hasOneCopyAtItsOwnSize() throws IOException {
    var copies = ResizedCopies.atWidths(PostImageRules.WIDTHS);

    inspect(PostImageValidator.POST, "image/png", TestImages.png(300, 200), copies);

    assertThat(copies.copies())
        .extracting(c -> c.width() + "x" + c.height())
        .containsExactly("300x200");
  }

  @Test
  void anExifTurnedJpeg_isCopiedUpright() throws IOException {
    // stored 2400 x 1800; orientation 6 turns it to 1800 x 2400 for display
    byte[] jpeg =
        TestImages.withExifOrientation(
            TestImages.jpeg(gradient(2400, 1800)), 6, ByteOrder.BIG_ENDIAN);
    var copies = ResizedCopies.atWidths(PostImageRules.WIDTHS);

    inspect(PostImageValidator.POST, "image/jpeg", jpeg, copies);

    assertThat(copies.copies().getLast().width()).isEqualTo(1600);
    assertThat(copies.copies().getLast().height()).isEqualTo(2133);
  }

  @Test
  void anAvatar_isTheCentreSquare_at256() throws IOException {
    var copies = ResizedCopies.square(PostImageRules.AVATAR_SIZE);

    Verdict verdict =
        inspect(PostImageValidator.AVATAR, "image/png", TestImages.png(400, 300), copies);

    assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
    assertThat(copies.copies())
        .extracting(c -> c.width() + "x" + c.height())
        .containsExactly("256x256");
    BufferedImage decoded = TestImages.decode(copies.copies().getFirst().bytes());
    assertThat(decoded.getWidth()).isEqualTo(256);
  }
}
