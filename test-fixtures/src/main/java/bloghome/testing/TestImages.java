package bloghome.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Builds test images in code: drawn with java.awt, encoded with ImageIO, patched by hand (PNG
 * chunks with their CRC, JPEG segments). The one image helper of every module's tests and the
 * benchmarks.
 *
 * <p>Past 300 lines on purpose: it is a catalogue of small static builders, each independent of the
 * others apart from the shared encoder and byte helpers, and tests across the modules find them by
 * this one name. Split by format, a test that builds a JPEG, patches a PNG and decodes the result
 * would import three classes to say what one line says now.
 */
public final class TestImages {
  /** The eight bytes every PNG starts with. */
  public static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private TestImages() {}

  /** An RGB image with a gradient, so encoders have something to compress. */
  public static BufferedImage gradient(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, ((x * 255 / width) << 16) | ((y * 255 / height) << 8) | 0x40);
      }
    }
    return image;
  }

  /** Random pixels, which barely compress: useful to reach a given file size. */
  public static BufferedImage noise(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    return image;
  }

  /** Red in the top {@code redRows} rows, blue below: shows which way an image was turned. */
  public static BufferedImage redTop(int width, int height, int redRows) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    graphics.setColor(Color.BLUE);
    graphics.fillRect(0, 0, width, height);
    graphics.setColor(Color.RED);
    graphics.fillRect(0, 0, width, redRows);
    graphics.dispose();
    return image;
  }

  /** A 16-bit-per-channel RGB image. */
  public static BufferedImage sixteenBitRgb(int width, int height) {
    ComponentColorModel model =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false,
            false,
            Transparency.OPAQUE,
            DataBuffer.TYPE_USHORT);
    WritableRaster raster = model.createCompatibleWritableRaster(width, height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setPixel(x, y, new int[] {x * 65535 / width, y * 65535 / height, 12345});
      }
    }
    return new BufferedImage(model, raster, false, null);
  }

  /** A gradient PNG of this size. */
  public static byte[] png(int width, int height) {
    return png(gradient(width, height));
  }

  /** A gradient JPEG of this size. */
  public static byte[] jpeg(int width, int height) {
    return jpeg(gradient(width, height));
  }

  /**
   * A valid gradient PNG made exactly {@code totalSize} bytes long by a private ancillary chunk.
   */
  public static byte[] pngOfExactSize(int width, int height, int totalSize) {
    return paddedTo(png(width, height), totalSize);
  }

  public static byte[] png(BufferedImage image) {
    return write(image, "png", null);
  }

  public static byte[] gif(BufferedImage image) {
    return write(image, "gif", null);
  }

  public static byte[] jpeg(BufferedImage image) {
    return write(image, "jpeg", null);
  }

  public static byte[] progressiveJpeg(BufferedImage image) {
    return write(image, "jpeg", param -> param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT));
  }

  private interface ParamSetup {
    void apply(ImageWriteParam param);
  }

  private static byte[] write(BufferedImage image, String format, ParamSetup setup) {
    return writeImage(new IIOImage(image, null, null), format, setup);
  }

  private static byte[] writeImage(IIOImage image, String format, ParamSetup setup) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(output);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (setup != null) {
        setup.apply(param);
      }
      writer.write(null, image, param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * A four-channel JPEG marked as CMYK (Adobe transform 0) or YCCK (transform 2). ImageIO writes a
   * four-band raster's samples as they are, without an Adobe segment; adding APP14 tells decoders
   * what the channels mean. Adobe stores CMYK inverted, so 255 means no ink.
   */
  public static byte[] fourChannelJpeg(int width, int height, int adobeTransform) {
    WritableRaster raster =
        Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setPixel(x, y, new int[] {255 - x * 255 / width, 255, 255 - y * 255 / height, 255});
      }
    }
    byte[] plain = writeImage(new IIOImage(raster, null, null), "jpeg", null);
    ByteBuffer adobe = ByteBuffer.allocate(16);
    adobe.put((byte) 0xFF).put((byte) 0xEE).putShort((short) 14);
    adobe.put("Adobe".getBytes(StandardCharsets.US_ASCII));
    adobe.putShort((short) 100).putShort((short) 0).putShort((short) 0);
    adobe.put((byte) adobeTransform);
    return insert(plain, 2, adobe.array());
  }

  /**
   * Replaces the JFIF APP0 segment that ImageIO writes first with an EXIF APP1 segment holding just
   * the orientation tag, in the given byte order.
   */
  public static byte[] withExifOrientation(byte[] jpeg, int orientation, ByteOrder order) {
    ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(order);
    tiff.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
    tiff.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
    tiff.putShort((short) 42).putInt(8);
    tiff.putShort((short) 1);
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1);
    tiff.putShort((short) orientation).putShort((short) 0);
    tiff.putInt(0);
    byte[] exifId = {'E', 'x', 'i', 'f', 0, 0};
    int length = 2 + exifId.length + tiff.capacity();
    ByteBuffer app1 = ByteBuffer.allocate(2 + length);
    app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(exifId).put(tiff.array());
    int afterApp0 = 2;
    if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
      afterApp0 = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
    }
    byte[] withoutApp0 = new byte[jpeg.length - (afterApp0 - 2)];
    System.arraycopy(jpeg, 0, withoutApp0, 0, 2);
    System.arraycopy(jpeg, afterApp0, withoutApp0, 2, jpeg.length - afterApp0);
    return insert(withoutApp0, 2, app1.array());
  }

  /** A PNG chunk with its length and CRC. */
  public static byte[] pngChunk(String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    return ByteBuffer.allocate(12 + data.length)
        .putInt(data.length)
        .put(typeBytes)
        .put(data)
        .putInt((int) crc.getValue())
        .array();
  }

  /** Inserts a chunk right after IHDR (which always ends at byte 33). */
  public static byte[] withChunkAfterHeader(byte[] png, byte[] chunk) {
    return insert(png, 33, chunk);
  }

  /** Inserts a chunk right before IEND (the last 12 bytes). */
  public static byte[] withChunkBeforeEnd(byte[] png, byte[] chunk) {
    return insert(png, png.length - 12, chunk);
  }

  /** An APNG animation-control chunk: 2 frames, looping forever. */
  public static byte[] animationControlChunk() {
    return pngChunk("acTL", ByteBuffer.allocate(8).putInt(2).putInt(0).array());
  }

  /** A private ancillary chunk sized so that the PNG becomes exactly {@code totalSize} bytes. */
  public static byte[] paddedTo(byte[] png, int totalSize) {
    int dataLength = totalSize - png.length - 12;
    if (dataLength < 0) {
      throw new IllegalArgumentException("the PNG is already larger than " + totalSize);
    }
    return withChunkBeforeEnd(png, pngChunk("zzZz", new byte[dataLength]));
  }

  /**
   * A small PNG whose header declares a huge greyscale canvas, with the start of a zlib stream of
   * zero rows: the classic decompression bomb.
   */
  public static byte[] pngBomb(int width, int height) {
    ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height);
    header.put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(new byte[4 * 1024 * 1024]);
    deflater.finish();
    byte[] buffer = new byte[64 * 1024];
    int compressed = deflater.deflate(buffer);
    deflater.end();
    byte[] idat = Arrays.copyOf(buffer, compressed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(PNG_SIGNATURE);
    out.writeBytes(pngChunk("IHDR", header.array()));
    out.writeBytes(pngChunk("IDAT", idat));
    out.writeBytes(pngChunk("IEND", new byte[0]));
    return out.toByteArray();
  }

  /** A PNG of one flat colour (all samples zero), written row by row without an image in memory. */
  public static byte[] flatPng(int width, int height, int bitDepth, int colourType) {
    int channels = colourType == 6 ? 4 : colourType == 2 ? 3 : 1;
    ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height);
    header.put((byte) bitDepth).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0);
    ByteArrayOutputStream idat = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try (var zip = new DeflaterOutputStream(idat, deflater, 64 * 1024)) {
      byte[] row = new byte[1 + width * channels * bitDepth / 8];
      for (int y = 0; y < height; y++) {
        zip.write(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    deflater.end();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(PNG_SIGNATURE);
    out.writeBytes(pngChunk("IHDR", header.array()));
    out.writeBytes(pngChunk("IDAT", idat.toByteArray()));
    out.writeBytes(pngChunk("IEND", new byte[0]));
    return out.toByteArray();
  }

  /** Chunk types in a PNG, in order. */
  public static List<String> pngChunkTypes(byte[] png) {
    List<String> types = new ArrayList<>();
    int at = 8;
    while (at + 8 <= png.length) {
      int length = ByteBuffer.wrap(png, at, 4).getInt();
      types.add(new String(png, at + 4, 4, StandardCharsets.US_ASCII));
      at += 12 + length;
    }
    return types;
  }

  /** Markers of the JPEG segments before the first scan, e.g. 0xE0 for APP0. */
  public static List<Integer> jpegMarkersBeforeScan(byte[] jpeg) {
    List<Integer> markers = new ArrayList<>();
    int at = 2;
    while (at + 4 <= jpeg.length) {
      int marker = jpeg[at + 1] & 0xFF;
      markers.add(marker);
      if (marker == 0xDA) {
        break;
      }
      at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
    }
    return markers;
  }

  public static BufferedImage decode(byte[] bytes) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image == null) {
        throw new IllegalStateException("no reader recognised the bytes");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] insert(byte[] bytes, int at, byte[] inserted) {
    byte[] result = new byte[bytes.length + inserted.length];
    System.arraycopy(bytes, 0, result, 0, at);
    System.arraycopy(inserted, 0, result, at, inserted.length);
    System.arraycopy(bytes, at, result, at + inserted.length, bytes.length - at);
    return result;
  }

  public static byte[] concat(byte[] first, byte[] second) {
    return insert(first, first.length, second);
  }
}
