package bloghome.bench;

import bloghome.skins.SkinSlot;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** The validator's inputs, made in code: drawn with java.awt, encoded with ImageIO, patched by hand. */
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
    return new Case("column 300x38 PNG", SkinSlot.COLUMN, png(image));
  }

  /** A valid header image of exactly 2 MiB, the slot's limit: noise padded by an ancillary chunk. */
  static Case header2MiB() {
    return new Case("header 1920x360 PNG, 2 MiB", SkinSlot.HEADER, padTo(headerPng(), TWO_MIB));
  }

  /** The same header one byte past the limit. */
  static Case header2MiBPlusOne() {
    return new Case("header PNG, 2 MiB + 1 byte", SkinSlot.HEADER, padTo(headerPng(), TWO_MIB + 1));
  }

  /** Noise, which PNG cannot compress: 1920 x 360 pixels come to just under 2 MiB. */
  private static synchronized byte[] headerPng() {
    if (headerPng == null) {
      BufferedImage image = new BufferedImage(1920, 360, BufferedImage.TYPE_INT_RGB);
      Random random = new Random(42);
      for (int y = 0; y < 360; y++) {
        for (int x = 0; x < 1920; x++) {
          image.setRGB(x, y, random.nextInt(0x1000000));
        }
      }
      headerPng = png(image);
    }
    return headerPng;
  }

  /**
   * A decompression bomb: a PNG whose header declares 50000 x 50000 RGB pixels (7.5 GB decoded)
   * over a few kilobytes of highly compressed zeros. ImageIO refuses this size itself (the raster
   * would pass 2^31 bytes), so {@link #bomb(int)} with a smaller side shows what it does not refuse.
   */
  static Case bomb() {
    return bomb(50_000);
  }

  /** The same bomb with a {@code side} x {@code side} canvas. */
  static Case bomb(int side) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(side).putInt(side).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(new byte[8 * 1024 * 1024]);
    deflater.finish();
    byte[] buffer = new byte[64 * 1024];
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    while (!deflater.finished()) {
      compressed.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    chunk(out, "IDAT", compressed.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return new Case("bomb: PNG IHDR " + side + "x" + side, SkinSlot.HEADER, out.toByteArray());
  }

  private static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Inserts a private ancillary chunk before IEND so the file is exactly {@code size} bytes. */
  private static byte[] padTo(byte[] png, long size) {
    byte[] withoutEnd = Arrays.copyOf(png, png.length - 12);
    long padding = size - png.length - 12;
    if (padding < 0) {
      throw new IllegalStateException("image is already " + png.length + " bytes, more than " + size);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
    out.writeBytes(withoutEnd);
    chunk(out, "bnCh", new byte[(int) padding]);
    chunk(out, "IEND", new byte[0]);
    byte[] bytes = out.toByteArray();
    if (bytes.length != size) {
      throw new IllegalStateException("padded to " + bytes.length + " instead of " + size);
    }
    return bytes;
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
