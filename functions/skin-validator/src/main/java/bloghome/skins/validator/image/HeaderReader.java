package bloghome.skins.validator.image;

/**
 * Reads an image's dimensions from the start of the file, without decoding anything, so that
 * decompression bombs and wrongly shaped images are refused after reading a few kilobytes.
 *
 * <p>It works on a prefix of the file. When the prefix ends before the answer, it says how many
 * bytes it needs instead of guessing; when the prefix is the whole file, running out means the file
 * is broken.
 */
public final class HeaderReader {

  /** How many bytes to offer first; headers almost always fit. */
  public static final int DEFAULT_PREFIX = 64 * 1024;

  private static final int PNG_IHDR_END = 8 + 8 + 13 + 4;
  private static final long MAX_PNG_DIMENSION = 0x7FFF_FFFFL;
  private static final byte[] EXIF_ID = {'E', 'x', 'i', 'f', 0, 0};

  /** What the prefix told us. */
  public sealed interface Result {

    /** The header was read. */
    record Read(ImageHeader header) implements Result {}

    /** The answer lies further in: offer a prefix of at least {@code bytes} bytes. */
    record NeedMore(int bytes) implements Result {}

    /** The header is broken; {@code message} says how. */
    record Malformed(String message) implements Result {}
  }

  private HeaderReader() {}

  /**
   * Reads the header of an image already known to be {@code format}.
   *
   * @param prefix the first bytes of the file
   * @param wholeFile whether {@code prefix} is the entire file
   */
  public static Result read(ImageFormat format, byte[] prefix, boolean wholeFile) {
    return switch (format) {
      case PNG -> readPng(prefix, wholeFile);
      case JPEG -> readJpeg(prefix, wholeFile);
    };
  }

  private static Result readPng(byte[] b, boolean wholeFile) {
    if (b.length < PNG_IHDR_END) {
      return shortOf(PNG_IHDR_END, wholeFile, "the PNG ends inside its header");
    }
    if (Bytes.u32(b, 8) != 13 || !Bytes.startsWithAscii(b, 12, "IHDR")) {
      return new Result.Malformed("the PNG does not start with an IHDR chunk");
    }
    long width = Bytes.u32(b, 16);
    long height = Bytes.u32(b, 20);
    if (width == 0 || height == 0 || width > MAX_PNG_DIMENSION || height > MAX_PNG_DIMENSION) {
      return new Result.Malformed("the PNG declares an impossible size " + width + " x " + height);
    }
    int bitDepth = Bytes.u8(b, 24);
    int components =
        switch (Bytes.u8(b, 25)) {
          case 0, 3 -> 1;
          case 4 -> 2;
          case 2 -> 3;
          case 6 -> 4;
          default -> -1;
        };
    if (components < 0) {
      return new Result.Malformed("the PNG declares an unknown colour type " + Bytes.u8(b, 25));
    }
    // APNG requires acTL before the first IDAT, so the chunks up to IDAT settle the question.
    boolean animated = false;
    long at = PNG_IHDR_END;
    while (true) {
      if (at + 8 > b.length) {
        return shortOf(at + 8, wholeFile, "the PNG ends before its image data");
      }
      int position = (int) at;
      long length = Bytes.u32(b, position);
      if (length > MAX_PNG_DIMENSION) {
        return new Result.Malformed("the PNG has a chunk with an impossible length");
      }
      if (Bytes.startsWithAscii(b, position + 4, "IDAT")) {
        break;
      }
      if (Bytes.startsWithAscii(b, position + 4, "IEND")) {
        return new Result.Malformed("the PNG has no image data");
      }
      if (Bytes.startsWithAscii(b, position + 4, "acTL")) {
        animated = true;
      }
      at += 12 + length;
    }
    return new Result.Read(
        new ImageHeader(
            ImageFormat.PNG,
            (int) width,
            (int) height,
            ExifOrientation.UPRIGHT,
            bitDepth,
            components,
            animated));
  }

  private static Result readJpeg(byte[] b, boolean wholeFile) {
    int orientation = ExifOrientation.UPRIGHT;
    boolean exifSeen = false;
    int at = 2;
    while (true) {
      if (at + 2 > b.length) {
        return shortOf(at + 2, wholeFile, "the JPEG ends before its frame header");
      }
      if (Bytes.u8(b, at) != 0xFF) {
        return new Result.Malformed("the JPEG has garbage where a marker should be");
      }
      // Any number of 0xFF fill bytes may precede a marker.
      while (at + 1 < b.length && Bytes.u8(b, at + 1) == 0xFF) {
        at++;
      }
      if (at + 2 > b.length) {
        return shortOf(at + 2, wholeFile, "the JPEG ends before its frame header");
      }
      int marker = Bytes.u8(b, at + 1);
      at += 2;
      if (JpegMarkers.isStandalone(marker)) {
        continue;
      }
      if (marker == JpegMarkers.SOS || marker == JpegMarkers.EOI || marker == JpegMarkers.SOI) {
        return new Result.Malformed("the JPEG has no frame header before its image data");
      }
      if (at + 2 > b.length) {
        return shortOf(at + 2, wholeFile, "the JPEG ends inside a segment");
      }
      int length = Bytes.u16(b, at);
      if (length < 2) {
        return new Result.Malformed("the JPEG has a segment with an impossible length");
      }
      int segmentEnd = at + length;
      if (JpegMarkers.isStartOfFrame(marker)) {
        if (length < 8) {
          return new Result.Malformed("the JPEG frame header is too short");
        }
        if (at + 8 > b.length) {
          return shortOf(at + 8, wholeFile, "the JPEG ends inside its frame header");
        }
        int precision = Bytes.u8(b, at + 2);
        int height = Bytes.u16(b, at + 3);
        int width = Bytes.u16(b, at + 5);
        int components = Bytes.u8(b, at + 7);
        if (width == 0 || height == 0) {
          // Height 0 defers it to a DNL marker after the first scan, which decoders rarely handle.
          return new Result.Malformed("the JPEG frame header does not give its size");
        }
        return new Result.Read(
            new ImageHeader(
                ImageFormat.JPEG, width, height, orientation, precision, components, false));
      }
      if (marker == JpegMarkers.APP1 && !exifSeen && Bytes.startsWith(b, at + 2, EXIF_ID)) {
        if (segmentEnd > b.length) {
          return shortOf(segmentEnd, wholeFile, "the JPEG ends inside its EXIF data");
        }
        exifSeen = true;
        int tiffStart = at + 2 + EXIF_ID.length;
        orientation = ExifOrientation.read(b, tiffStart, segmentEnd - tiffStart);
      }
      at = segmentEnd;
    }
  }

  private static Result shortOf(long bytes, boolean wholeFile, String message) {
    if (wholeFile || bytes > Integer.MAX_VALUE) {
      return new Result.Malformed(message);
    }
    return new Result.NeedMore((int) bytes);
  }
}
