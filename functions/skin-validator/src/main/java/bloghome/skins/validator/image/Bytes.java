package bloghome.skins.validator.image;

import java.nio.charset.StandardCharsets;

/** Reads unsigned big-endian integers out of byte arrays. */
final class Bytes {

  private Bytes() {}

  static int u8(byte[] bytes, int at) {
    return bytes[at] & 0xFF;
  }

  static int u16(byte[] bytes, int at) {
    return (u8(bytes, at) << 8) | u8(bytes, at + 1);
  }

  static long u32(byte[] bytes, int at) {
    return ((long) u16(bytes, at) << 16) | u16(bytes, at + 2);
  }

  static boolean startsWith(byte[] bytes, int at, byte[] expected) {
    if (at < 0 || bytes.length - at < expected.length) {
      return false;
    }
    for (int i = 0; i < expected.length; i++) {
      if (bytes[at + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  static boolean startsWithAscii(byte[] bytes, int at, String expected) {
    return startsWith(bytes, at, expected.getBytes(StandardCharsets.US_ASCII));
  }
}
