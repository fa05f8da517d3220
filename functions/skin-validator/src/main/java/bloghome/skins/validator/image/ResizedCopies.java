package bloghome.skins.validator.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Clean copies of an accepted image at several widths, in its own format (JPEG stays JPEG, PNG
 * stays PNG), never wider than the original: a width at or above the original's gives the original
 * size. Or one square copy, cropped to the centre (the avatar).
 *
 * <p>One instance serves one inspection: {@link #encode} keeps the copies it wrote, and returns the
 * widest, whose bytes the verdict carries.
 */
public final class ResizedCopies implements CleanEncoder {

  /** One written copy. */
  public record Copy(int width, int height, byte[] bytes) {}

  private final List<Integer> widths;
  private final int square;
  private final List<Copy> copies = new ArrayList<>();
  private ImageFormat format;

  private ResizedCopies(List<Integer> widths, int square) {
    this.widths = List.copyOf(widths);
    this.square = square;
  }

  /** Copies at these widths, capped to the original's (duplicates dropped). */
  public static ResizedCopies atWidths(List<Integer> widths) {
    return new ResizedCopies(widths, 0);
  }

  /** One {@code side x side} copy of the centred square (smaller when the image is). */
  public static ResizedCopies square(int side) {
    return new ResizedCopies(List.of(), side);
  }

  /** The copies written, narrowest first. */
  public List<Copy> copies() {
    return List.copyOf(copies);
  }

  /** The format the copies were written in. */
  public ImageFormat format() {
    return format;
  }

  @Override
  public byte[] encode(ImageFormat format, BufferedImage decoded, int orientation)
      throws IOException {
    this.format = format;
    copies.clear();
    BufferedImage upright =
        format == ImageFormat.JPEG
            ? Orientation.upright(CleanCopy.forJpeg(decoded), orientation)
            : CleanCopy.toSrgbUnlessGray(decoded);
    if (square > 0) {
      int side = Math.min(upright.getWidth(), upright.getHeight());
      BufferedImage centre =
          upright.getSubimage(
              (upright.getWidth() - side) / 2, (upright.getHeight() - side) / 2, side, side);
      int out = Math.min(side, square);
      BufferedImage scaled = scale(centre, out, out, format);
      copies.add(new Copy(out, out, CleanCopy.write(format, scaled)));
      return copies.getLast().bytes();
    }
    int width = upright.getWidth();
    int height = upright.getHeight();
    List<Integer> wanted = new ArrayList<>();
    for (int w : widths) {
      int capped = Math.min(w, width);
      if (!wanted.contains(capped)) {
        wanted.add(capped);
      }
    }
    // Widest first, each from the one before: fewer pixels to filter, and a smoother result than
    // one big step.
    List<Copy> written = new ArrayList<>();
    BufferedImage from = upright;
    for (int i = wanted.size() - 1; i >= 0; i--) {
      int w = wanted.get(i);
      int h = (int) Math.max(1, Math.round((double) height * w / width));
      BufferedImage copy =
          w == from.getWidth() && h == from.getHeight() ? from : scale(from, w, h, format);
      written.addFirst(new Copy(w, h, CleanCopy.write(format, copy)));
      from = copy;
    }
    copies.addAll(written);
    return copies.getLast().bytes();
  }

  /**
   * Scales down by halves with bilinear filtering, then to the exact size: close to an area average
   * at a fraction of its cost.
   */
  static BufferedImage scale(BufferedImage image, int width, int height, ImageFormat format) {
    BufferedImage current = image;
    int w = image.getWidth();
    int h = image.getHeight();
    do {
      w = Math.max(width, w / 2 >= width ? w / 2 : width);
      h = Math.max(height, h / 2 >= height ? h / 2 : height);
      BufferedImage next = new BufferedImage(w, h, targetType(image, format));
      Graphics2D graphics = next.createGraphics();
      try {
        graphics.setRenderingHint(
            RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.setRenderingHint(
            RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        graphics.drawImage(current, 0, 0, w, h, null);
      } finally {
        graphics.dispose();
      }
      current = next;
    } while (w != width || h != height);
    return current;
  }

  private static int targetType(BufferedImage image, ImageFormat format) {
    if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
      return BufferedImage.TYPE_BYTE_GRAY;
    }
    if (format == ImageFormat.PNG && image.getColorModel().hasAlpha()) {
      return BufferedImage.TYPE_INT_ARGB;
    }
    return BufferedImage.TYPE_INT_RGB;
  }
}
