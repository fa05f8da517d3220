package bloghome.skins.validator.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes an image whose format and size are already checked, with the reader for that format only.
 * ImageIO.read would let any registered plugin claim the bytes and would cache to disk.
 */
final class ImageDecoder {

  private ImageDecoder() {}

  /**
   * Decodes the first {@code length} bytes as {@code format}.
   *
   * @throws IOException when the data cannot be decoded or its size differs from the header's
   */
  static BufferedImage decode(ImageFormat format, byte[] bytes, int length, ImageHeader header)
      throws IOException {
    ImageReader reader = readerFor(format);
    try (ImageInputStream input =
        new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes, 0, length))) {
      // Metadata is ignored on purpose: orientation was read from the header, the rest is dropped.
      reader.setInput(input, true, true);
      if (reader.getWidth(0) != header.storedWidth()
          || reader.getHeight(0) != header.storedHeight()) {
        throw new IOException("the decoder sees a different size than the header declares");
      }
      return reader.read(0);
    } catch (RuntimeException e) {
      // Plugins signal some malformed input with unchecked exceptions.
      throw new IOException("the decoder failed: " + e, e);
    } finally {
      reader.dispose();
    }
  }

  private static ImageReader readerFor(ImageFormat format) throws IOException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName());
    if (!readers.hasNext()) {
      throw new IllegalStateException("no ImageIO reader for " + format);
    }
    return readers.next();
  }
}
