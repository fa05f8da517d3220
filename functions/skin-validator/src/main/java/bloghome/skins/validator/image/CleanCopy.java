package bloghome.skins.validator.image;

import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Re-encodes a decoded image in its own format with no metadata: no EXIF (camera, GPS), no text
 * chunks, no ICC profile, and nothing a crafted file carried besides its pixels.
 */
final class CleanCopy {

  static final float JPEG_QUALITY = 0.9f;

  private CleanCopy() {}

  static byte[] encode(ImageFormat format, BufferedImage image, int orientation)
      throws IOException {
    return switch (format) {
      case PNG -> write(format, toSrgbUnlessGray(image));
      case JPEG -> write(format, Orientation.upright(forJpeg(image), orientation));
    };
  }

  static byte[] write(ImageFormat format, BufferedImage image) throws IOException {
    ImageWriter writer = writerFor(format);
    ImageWriteParam param = writer.getDefaultWriteParam();
    if (format == ImageFormat.JPEG) {
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(output);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * An 8-bit grey or RGB image in sRGB, the only kinds a baseline JPEG writer handles well. CMYK
   * and YCCK, or RGB in an embedded profile, are converted; without that, a copy without the
   * profile would show the wrong colours.
   */
  static BufferedImage forJpeg(BufferedImage image) {
    if (jpegWritesAsDecoded(image)) {
      // Already what the writer takes: a second raster would only double the memory.
      return image;
    }
    ColorSpace space = image.getColorModel().getColorSpace();
    if (jpegCopyIsGray(image)) {
      BufferedImage gray =
          new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
      if (image.getSampleModel().getSampleSize(0) == 8) {
        gray.getRaster().setRect(image.getRaster());
      } else {
        draw(image, gray);
      }
      return gray;
    }
    BufferedImage rgb =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    if (space.isCS_sRGB()) {
      draw(image, rgb);
    } else {
      new ColorConvertOp(null).filter(image, rgb);
    }
    return rgb;
  }

  /** Whether a decoded JPEG goes to the writer (and {@link Orientation}) without a copy. */
  static boolean jpegWritesAsDecoded(BufferedImage image) {
    return image.getType() == BufferedImage.TYPE_BYTE_GRAY
        || (image.getType() == BufferedImage.TYPE_3BYTE_BGR
            && image.getColorModel().getColorSpace().isCS_sRGB());
  }

  /** Whether the copy {@link #forJpeg} makes is 8-bit grey (else 32-bit RGB). */
  static boolean jpegCopyIsGray(BufferedImage image) {
    return image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
        && image.getRaster().getNumBands() == 1;
  }

  /** Whether a decoded PNG is copied to sRGB before writing. */
  static boolean pngNeedsConversion(BufferedImage image) {
    ColorSpace space = image.getColorModel().getColorSpace();
    return !(space.isCS_sRGB() || space.getType() == ColorSpace.TYPE_GRAY);
  }

  /** PNG keeps its depth and alpha, except that pixels in an embedded profile move to sRGB. */
  static BufferedImage toSrgbUnlessGray(BufferedImage image) {
    if (!pngNeedsConversion(image)) {
      return image;
    }
    int type =
        image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    BufferedImage srgb = new BufferedImage(image.getWidth(), image.getHeight(), type);
    new ColorConvertOp(null).filter(image, srgb);
    return srgb;
  }

  private static void draw(BufferedImage from, BufferedImage onto) {
    Graphics2D graphics = onto.createGraphics();
    try {
      graphics.drawImage(from, 0, 0, null);
    } finally {
      graphics.dispose();
    }
  }

  private static ImageWriter writerFor(ImageFormat format) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format.imageIoName());
    if (!writers.hasNext()) {
      throw new IllegalStateException("no ImageIO writer for " + format);
    }
    return writers.next();
  }
}
