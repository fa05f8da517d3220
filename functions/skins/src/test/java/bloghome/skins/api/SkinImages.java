package bloghome.skins.api;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Skin images drawn in code for the end-to-end tests. */
final class SkinImages {
  private SkinImages() {}

  static BufferedImage gradient(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, ((x * 255 / width) << 16) | ((y * 255 / height) << 8) | 0x40);
      }
    }
    return image;
  }

  static byte[] png(int width, int height) {
    return encode(gradient(width, height), "png");
  }

  static byte[] jpeg(int width, int height) {
    return encode(gradient(width, height), "jpeg");
  }

  /** A valid PNG made exactly {@code totalSize} bytes long by a private ancillary chunk. */
  static byte[] pngOfExactSize(int width, int height, int totalSize) {
    byte[] png = png(width, height);
    int dataLength = totalSize - png.length - 12;
    if (dataLength < 0) {
      throw new IllegalArgumentException("the PNG is already larger than " + totalSize);
    }
    byte[] type = "zzZz".getBytes(StandardCharsets.US_ASCII);
    byte[] data = new byte[dataLength];
    CRC32 crc = new CRC32();
    crc.update(type);
    crc.update(data);
    byte[] chunk =
        ByteBuffer.allocate(12 + dataLength)
            .putInt(dataLength)
            .put(type)
            .put(data)
            .putInt((int) crc.getValue())
            .array();
    int beforeEnd = png.length - 12;
    ByteArrayOutputStream out = new ByteArrayOutputStream(totalSize);
    out.write(png, 0, beforeEnd);
    out.writeBytes(chunk);
    out.write(png, beforeEnd, 12);
    return out.toByteArray();
  }

  static BufferedImage decode(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
