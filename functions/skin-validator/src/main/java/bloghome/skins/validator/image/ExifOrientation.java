package bloghome.skins.validator.image;

/**
 * Finds the orientation tag (0x0112) in IFD0 of the TIFF structure inside an EXIF APP1 segment.
 * Broken EXIF is not a reason to refuse an image, as browsers ignore it too: anything unreadable
 * counts as upright.
 */
final class ExifOrientation {

  static final int UPRIGHT = 1;
  private static final int ORIENTATION_TAG = 0x0112;
  private static final int TYPE_SHORT = 3;
  private static final int ENTRY_SIZE = 12;

  private ExifOrientation() {}

  /**
   * Reads the orientation from TIFF data at {@code start}, {@code length} bytes long.
   *
   * @return 1 to 8, or {@link #UPRIGHT} when absent or unreadable
   */
  static int read(byte[] bytes, int start, int length) {
    int end = Math.min(bytes.length, start + length);
    if (start < 0 || end - start < 8) {
      return UPRIGHT;
    }
    boolean littleEndian;
    if (bytes[start] == 'I' && bytes[start + 1] == 'I') {
      littleEndian = true;
    } else if (bytes[start] == 'M' && bytes[start + 1] == 'M') {
      littleEndian = false;
    } else {
      return UPRIGHT;
    }
    TiffView tiff = new TiffView(bytes, start, end, littleEndian);
    if (tiff.u16(2) != 42) {
      return UPRIGHT;
    }
    long ifd = tiff.u32(4);
    if (ifd < 8 || ifd + 2 > tiff.length()) {
      return UPRIGHT;
    }
    int entries = tiff.u16((int) ifd);
    for (int i = 0; i < entries; i++) {
      int entry = (int) ifd + 2 + i * ENTRY_SIZE;
      if (entry + ENTRY_SIZE > tiff.length()) {
        return UPRIGHT;
      }
      if (tiff.u16(entry) == ORIENTATION_TAG) {
        if (tiff.u16(entry + 2) != TYPE_SHORT || tiff.u32(entry + 4) != 1) {
          return UPRIGHT;
        }
        // A single SHORT sits in the first two bytes of the value field.
        int value = tiff.u16(entry + 8);
        return value >= 1 && value <= 8 ? value : UPRIGHT;
      }
    }
    return UPRIGHT;
  }

  /** A window on TIFF bytes in either byte order; offsets are relative to the TIFF header. */
  private record TiffView(byte[] bytes, int start, int end, boolean littleEndian) {

    int length() {
      return end - start;
    }

    int u16(int offset) {
      int first = bytes[start + offset] & 0xFF;
      int second = bytes[start + offset + 1] & 0xFF;
      return littleEndian ? (second << 8) | first : (first << 8) | second;
    }

    long u32(int offset) {
      long first = u16(offset);
      long second = u16(offset + 2);
      return littleEndian ? (second << 16) | first : (first << 16) | second;
    }
  }
}
