package bloghome.skins.validator.image;

/** JPEG marker codes (the byte after 0xFF) and their families, from ITU T.81 table B.1. */
final class JpegMarkers {

  static final int SOI = 0xD8;
  static final int EOI = 0xD9;
  static final int SOS = 0xDA;
  static final int APP1 = 0xE1;
  private static final int TEM = 0x01;
  private static final int RST0 = 0xD0;
  private static final int RST7 = 0xD7;

  private JpegMarkers() {}

  /** Markers with no length field and no payload. */
  static boolean isStandalone(int marker) {
    return marker == TEM || isRestart(marker);
  }

  static boolean isRestart(int marker) {
    return marker >= RST0 && marker <= RST7;
  }

  /** SOF0 to SOF15, leaving out DHT (C4), JPG (C8) and DAC (CC), which share the range. */
  static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }
}
