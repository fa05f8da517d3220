package bloghome.images;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The limits on images inside posts and the avatar, read by the upload API (so a client is refused
 * at once what the validator would refuse) and by the validator (docs/images.md).
 */
public final class PostImageRules {
  /** Largest upload, inclusive: a phone photo fits, a RAW export does not. */
  public static final long MAX_BYTES = 10L * 1024 * 1024;

  /** Uploads a user may start per UTC day (post images and avatars together). */
  public static final int MAX_PER_DAY = 100;

  /** Images one post may show; the editor states and counts it (docs/images.md). */
  public static final int MAX_PER_POST = 30;

  /** Widths of the clean copies written for a post image; none is ever wider than the original. */
  public static final List<Integer> WIDTHS = List.of(480, 960, 1600);

  /** Side of the square avatar copy. */
  public static final int AVATAR_SIZE = 256;

  /**
   * The widest copy's height is capped, so a long screenshot at 1600 px cannot make a huge raster:
   * 1600 x 8000 is 51 MB as 32-bit pixels, on top of the decode budget.
   */
  public static final int MAX_COPY_HEIGHT = 8000;

  public static final Set<String> CONTENT_TYPES = Set.of("image/png", "image/jpeg");

  private PostImageRules() {}

  /** The widths written for an image {@code width} pixels wide: the steps below it, then itself. */
  public static List<Integer> copyWidths(int width) {
    int widest = Math.min(width, WIDTHS.get(WIDTHS.size() - 1));
    List<Integer> widths = new ArrayList<>();
    for (int step : WIDTHS) {
      if (step < widest) {
        widths.add(step);
      }
    }
    widths.add(widest);
    return List.copyOf(widths);
  }

  /** The height of the copy {@code copyWidth} wide of an image {@code width x height}. */
  public static int copyHeight(int width, int height, int copyWidth) {
    if (copyWidth >= width) {
      return height;
    }
    return (int) Math.max(1, Math.round((double) height * copyWidth / width));
  }

  /** A sentence for the uploader when the widest copy would be too tall, else empty. */
  public static Optional<String> dimensionProblem(int width, int height) {
    int widest = copyWidths(width).getLast();
    int copyHeight = copyHeight(width, height, widest);
    if (copyHeight <= MAX_COPY_HEIGHT) {
      return Optional.empty();
    }
    return Optional.of(
        "post images may be at most "
            + MAX_COPY_HEIGHT
            + " pixels tall at "
            + widest
            + " pixels wide; this one would be "
            + copyHeight);
  }
}
