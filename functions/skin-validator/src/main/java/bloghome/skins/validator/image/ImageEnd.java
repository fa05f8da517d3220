package bloghome.skins.validator.image;

import java.util.zip.CRC32;

/**
 * Finds where an image's own data ends, by walking its structure rather than searching for an end
 * marker that could also occur inside the data. Bytes past that point are how polyglot files (an
 * image that is also HTML, a ZIP, a script) smuggle a second meaning.
 */
final class ImageEnd {

  /** The outcome of the walk. */
  sealed interface Result {

    /** The image's data ends just before {@code offset}. */
    record EndsAt(int offset) implements Result {}

    /** The structure is broken or cut short. */
    record Broken(String message) implements Result {}
  }

  private ImageEnd() {}

  static Result find(ImageFormat format, byte[] bytes) {
    return switch (format) {
      case PNG -> pngEnd(bytes);
      case JPEG -> jpegEnd(bytes);
    };
  }

  private static Result pngEnd(byte[] b) {
    long at = FormatSniffer.PNG_SIGNATURE.length;
    CRC32 crc = new CRC32();
    while (true) {
      if (at + 12 > b.length) {
        return new Result.Broken("the PNG is cut short before its IEND chunk");
      }
      int position = (int) at;
      long length = Bytes.u32(b, position);
      long chunkEnd = at + 12 + length;
      if (chunkEnd > b.length) {
        return new Result.Broken("the PNG is cut short inside a chunk");
      }
      crc.reset();
      crc.update(b, position + 4, (int) length + 4);
      if (crc.getValue() != Bytes.u32(b, (int) (chunkEnd - 4))) {
        return new Result.Broken("the PNG has a chunk with a wrong checksum");
      }
      if (Bytes.startsWithAscii(b, position + 4, "IEND")) {
        return new Result.EndsAt((int) chunkEnd);
      }
      at = chunkEnd;
    }
  }

  private static Result jpegEnd(byte[] b) {
    int at = 2;
    while (true) {
      if (at >= b.length) {
        return new Result.Broken("the JPEG is cut short before its end marker");
      }
      if (Bytes.u8(b, at) != 0xFF) {
        return new Result.Broken("the JPEG has garbage where a marker should be");
      }
      while (at + 1 < b.length && Bytes.u8(b, at + 1) == 0xFF) {
        at++;
      }
      if (at + 2 > b.length) {
        return new Result.Broken("the JPEG is cut short before its end marker");
      }
      int marker = Bytes.u8(b, at + 1);
      at += 2;
      if (marker == JpegMarkers.EOI) {
        return new Result.EndsAt(at);
      }
      if (JpegMarkers.isStandalone(marker)) {
        continue;
      }
      if (marker == 0x00 || marker == JpegMarkers.SOI) {
        return new Result.Broken("the JPEG has a misplaced marker");
      }
      if (at + 2 > b.length) {
        return new Result.Broken("the JPEG is cut short inside a segment");
      }
      int segmentEnd = at + Bytes.u16(b, at);
      if (Bytes.u16(b, at) < 2 || segmentEnd > b.length) {
        return new Result.Broken("the JPEG is cut short inside a segment");
      }
      at = segmentEnd;
      if (marker == JpegMarkers.SOS) {
        int next = skipEntropyCodedData(b, at);
        if (next < 0) {
          return new Result.Broken("the JPEG is cut short inside its image data");
        }
        at = next;
      }
    }
  }

  /**
   * Skips the compressed data after a scan header. Inside it, 0xFF is followed by 0x00 (a stuffed
   * data byte), a restart marker, or more 0xFF fill; any other byte starts a real marker.
   *
   * @return the offset of that marker's 0xFF, or -1 when the data runs to the end of the file
   */
  private static int skipEntropyCodedData(byte[] b, int from) {
    int at = from;
    while (at + 1 < b.length) {
      if (Bytes.u8(b, at) != 0xFF) {
        at++;
        continue;
      }
      int next = Bytes.u8(b, at + 1);
      if (next == 0x00 || JpegMarkers.isRestart(next)) {
        at += 2;
      } else if (next == 0xFF) {
        at++;
      } else {
        return at;
      }
    }
    return -1;
  }
}
