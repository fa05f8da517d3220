package bloghome.skins.validator.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;

/**
 * How much memory decoding an image and making its clean copy takes, worked out from the header
 * alone, so that an image whose decode would not fit is refused before a byte of pixels is
 * allocated. A pixel cap alone is not enough: at 16 bits per channel with alpha a pixel takes 8
 * bytes, so 40 MP would be a 320 MB raster.
 *
 * <p>Checked twice. From the header, before decoding, with what the decoders normally produce:
 *
 * <ul>
 *   <li>PNG: one raster of {@code channels x bytes per sample} per pixel, where grey and RGB count
 *       one more channel (a {@code tRNS} chunk turns them into grey-alpha and RGBA) and samples of
 *       16 bits take 2 bytes. The clean copy is written from that same raster.
 *   <li>JPEG: the decoded raster ({@code components x bytes per sample}); an 8-bit grey or
 *       three-component image is written as decoded, and turned (EXIF orientation) into one more
 *       raster of the same size; any other is first copied to 8-bit grey or 32-bit RGB, and turned
 *       from that copy.
 * </ul>
 *
 * <p>And after decoding, from the raster the decoder actually returned and the copies {@link
 * CleanCopy} will make of it ({@link #afterDecode}), because a colour profile can make a copy
 * necessary that the header did not announce. Both must stay within {@link #MAX_BYTES}.
 */
public final class DecodeBudget {
  /** Largest estimate accepted: 160 MB, a 40 MP image at 8 bits per channel with alpha. */
  public static final long MAX_BYTES = 160L * 1024 * 1024;

  private DecodeBudget() {}

  /** The estimated bytes of pixel memory that decoding and cleaning {@code header} takes. */
  public static long estimate(ImageHeader header) {
    long pixels = header.pixels();
    int bytesPerSample = header.bitDepth() > 8 ? 2 : 1;
    boolean upright = header.orientation() <= 1 || header.orientation() > 8;
    return switch (header.format()) {
      case PNG -> {
        int channels =
            header.components() == 1 || header.components() == 3
                ? header.components() + 1
                : header.components();
        yield pixels * channels * bytesPerSample;
      }
      case JPEG -> {
        long decoded = pixels * header.components() * bytesPerSample;
        boolean asDecoded =
            bytesPerSample == 1 && (header.components() == 1 || header.components() == 3);
        long copy = asDecoded ? 0 : pixels * (header.components() == 1 ? 1 : 4);
        long turned = upright ? 0 : (asDecoded ? decoded : copy);
        yield decoded + copy + turned;
      }
    };
  }

  public static boolean fits(ImageHeader header) {
    // Checked first so that the estimate cannot overflow for absurd canvases.
    return header.pixels() <= MAX_BYTES && estimate(header) <= MAX_BYTES;
  }

  /** The bytes of the decoded raster plus the copies the clean copy will make of it. */
  public static long afterDecode(ImageFormat format, BufferedImage image, int orientation) {
    long pixels = (long) image.getWidth() * image.getHeight();
    long decoded = rasterBytes(image);
    boolean upright = orientation <= 1 || orientation > 8;
    return switch (format) {
      case PNG -> decoded + (CleanCopy.pngNeedsConversion(image) ? pixels * 4 : 0);
      case JPEG -> {
        boolean asDecoded = CleanCopy.jpegWritesAsDecoded(image);
        long copy = asDecoded ? 0 : pixels * (CleanCopy.jpegCopyIsGray(image) ? 1 : 4);
        long turned = upright ? 0 : (asDecoded ? decoded : copy);
        yield decoded + copy + turned;
      }
    };
  }

  private static long rasterBytes(BufferedImage image) {
    DataBuffer buffer = image.getRaster().getDataBuffer();
    return (long) buffer.getSize()
        * buffer.getNumBanks()
        * DataBuffer.getDataTypeSize(buffer.getDataType())
        / 8;
  }
}
