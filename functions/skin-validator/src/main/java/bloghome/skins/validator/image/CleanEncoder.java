package bloghome.skins.validator.image;

import java.awt.image.BufferedImage;
import java.io.IOException;

/** Writes what is served instead of an accepted upload, from its decoded pixels. */
@FunctionalInterface
public interface CleanEncoder {

  /** The one clean copy skins use: same format and size, no metadata, upright. */
  CleanEncoder SAME_SIZE = CleanCopy::encode;

  /**
   * @param orientation the EXIF orientation (1 to 8) the pixels still need
   * @return the copy whose bytes the verdict carries
   */
  byte[] encode(ImageFormat format, BufferedImage decoded, int orientation) throws IOException;
}
