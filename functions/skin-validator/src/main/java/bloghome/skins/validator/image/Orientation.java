package bloghome.skins.validator.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/**
 * Turns pixels so that an image stored with an EXIF orientation reads upright without it. The clean
 * copy carries no EXIF, so the turn has to be in the pixels.
 */
final class Orientation {

  private Orientation() {}

  /**
   * Returns {@code image} turned upright for EXIF {@code orientation} (1 to 8).
   *
   * @param image a {@code TYPE_INT_RGB} or {@code TYPE_BYTE_GRAY} image with a plain raster
   */
  static BufferedImage upright(BufferedImage image, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return image;
    }
    int width = image.getWidth();
    int height = image.getHeight();
    boolean swaps = orientation >= 5;
    int outWidth = swaps ? height : width;
    int outHeight = swaps ? width : height;
    BufferedImage out = new BufferedImage(outWidth, outHeight, image.getType());
    switch (image.getType()) {
      case BufferedImage.TYPE_INT_RGB -> {
        int[] from = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int[] to = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < outHeight; y++) {
          for (int x = 0; x < outWidth; x++) {
            to[y * outWidth + x] = from[sourceIndex(orientation, x, y, width, height)];
          }
        }
      }
      case BufferedImage.TYPE_BYTE_GRAY -> {
        byte[] from = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] to = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < outHeight; y++) {
          for (int x = 0; x < outWidth; x++) {
            to[y * outWidth + x] = from[sourceIndex(orientation, x, y, width, height)];
          }
        }
      }
      case BufferedImage.TYPE_3BYTE_BGR -> {
        byte[] from = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] to = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < outHeight; y++) {
          for (int x = 0; x < outWidth; x++) {
            int source = 3 * sourceIndex(orientation, x, y, width, height);
            int target = 3 * (y * outWidth + x);
            to[target] = from[source];
            to[target + 1] = from[source + 1];
            to[target + 2] = from[source + 2];
          }
        }
      }
      default -> throw new IllegalArgumentException("unexpected image type " + image.getType());
    }
    return out;
  }

  /**
   * Index in the stored pixels of the pixel shown at ({@code x}, {@code y}), for a stored image
   * {@code width} x {@code height}. Orientations follow the EXIF 2.3 table: 2 mirrors, 3 turns half
   * way, 4 flips, 5 transposes, 6 needs a quarter turn clockwise, 7 transverses, 8 needs a quarter
   * turn anticlockwise.
   */
  static int sourceIndex(int orientation, int x, int y, int width, int height) {
    int sourceX;
    int sourceY;
    switch (orientation) {
      case 2 -> {
        sourceX = width - 1 - x;
        sourceY = y;
      }
      case 3 -> {
        sourceX = width - 1 - x;
        sourceY = height - 1 - y;
      }
      case 4 -> {
        sourceX = x;
        sourceY = height - 1 - y;
      }
      case 5 -> {
        sourceX = y;
        sourceY = x;
      }
      case 6 -> {
        sourceX = y;
        sourceY = height - 1 - x;
      }
      case 7 -> {
        sourceX = width - 1 - y;
        sourceY = height - 1 - x;
      }
      case 8 -> {
        sourceX = width - 1 - y;
        sourceY = x;
      }
      default -> {
        sourceX = x;
        sourceY = y;
      }
    }
    return sourceY * width + sourceX;
  }
}
