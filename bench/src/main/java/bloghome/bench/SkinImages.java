package bloghome.bench;

import bloghome.skins.SkinSlot;
import bloghome.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;

/** The validator's inputs, made in code with the tests' {@link TestImages}. */
final class SkinImages {
  static final long TWO_MIB = 2L * 1024 * 1024;

  /** One upload: the slot it is for, a label, and its bytes. */
  record Case(String name, SkinSlot slot, byte[] bytes) {}

  private static byte[] headerPng;

  private SkinImages() {}

  /**
   * A column image of the exact slot size, about a kilobyte: a left-to-right gradient whose rows
   * are all alike, so PNG's row filter leaves almost nothing to compress after the first row.
   */
  static Case column() {
    BufferedImage image = new BufferedImage(300, 38, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 38; y++) {
      for (int x = 0; x < 300; x++) {
        image.setRGB(x, y, ((x * 255 / 300) << 16) | (((299 - x) * 255 / 300) << 8) | 0x40);
      }
    }
    return new Case("column 300x38 PNG", SkinSlot.COLUMN, TestImages.png(image));
  }

  /**
   * A valid header image of exactly 2 MiB, the slot's limit: noise padded by an ancillary chunk.
   */
  static Case header2MiB() {
    return new Case(
        "header 1920x360 PNG, 2 MiB",
        SkinSlot.HEADER,
        TestImages.paddedTo(headerPng(), (int) TWO_MIB));
  }

  /** The same header one byte past the limit. */
  static Case header2MiBPlusOne() {
    return new Case(
        "header PNG, 2 MiB + 1 byte",
        SkinSlot.HEADER,
        TestImages.paddedTo(headerPng(), (int) TWO_MIB + 1));
  }

  /** Noise, which PNG cannot compress: 1920 x 360 pixels come to just under 2 MiB. */
  private static synchronized byte[] headerPng() {
    if (headerPng == null) {
      headerPng = TestImages.png(TestImages.noise(1920, 360, 42));
    }
    return headerPng;
  }

  /**
   * A decompression bomb: a PNG whose header declares 50000 x 50000 RGB pixels (7.5 GB decoded)
   * over a few kilobytes of highly compressed zeros. ImageIO refuses this size itself (the raster
   * would pass 2^31 bytes), so {@link #bomb(int)} with a smaller side shows what it does not
   * refuse.
   */
  static Case bomb() {
    return bomb(50_000);
  }

  /** The same bomb with a {@code side} x {@code side} canvas. */
  static Case bomb(int side) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(TestImages.PNG_SIGNATURE);
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(side)
        .putInt(side)
        .put((byte) 8)
        .put((byte) 2)
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) 0);
    out.writeBytes(TestImages.pngChunk("IHDR", ihdr.array()));
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(new byte[8 * 1024 * 1024]);
    deflater.finish();
    byte[] buffer = new byte[64 * 1024];
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    while (!deflater.finished()) {
      compressed.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    out.writeBytes(TestImages.pngChunk("IDAT", compressed.toByteArray()));
    out.writeBytes(TestImages.pngChunk("IEND", new byte[0]));
    return new Case("bomb: PNG IHDR " + side + "x" + side, SkinSlot.HEADER, out.toByteArray());
  }
}
