package bloghome.skins;

import bloghome.text.WireNames;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The places on a blog home page that take a skin image, with the size and shape each accepts. The
 * upload API and the validator both read these rules, so a client is told the same limits before
 * uploading that the validator enforces afterwards.
 */
public enum SkinSlot {
  HEADER(2_097_152L) {
    @Override
    public Optional<String> dimensionProblem(int width, int height) {
      if (width >= 1920 && height >= 100) {
        return Optional.empty();
      }
      return Optional.of(
          "header images must be at least 1920 x 100 pixels; this one is "
              + width
              + " x "
              + height);
    }
  },
  BACKGROUND(1_048_576L) {
    @Override
    public Optional<String> dimensionProblem(int width, int height) {
      // Any shape is fine; the pixel cap still applies to every slot.
      return Optional.empty();
    }
  },
  COLUMN(524_288L) {
    @Override
    public Optional<String> dimensionProblem(int width, int height) {
      if (width == 300 && height == 38) {
        return Optional.empty();
      }
      return Optional.of(
          "column images must be exactly 300 x 38 pixels; this one is " + width + " x " + height);
    }
  };

  /** Content types a skin image may be uploaded as. */
  public static final Set<String> ALLOWED_CONTENT_TYPES = Set.of("image/png", "image/jpeg");

  /**
   * Largest image, in pixels, accepted in any slot. It bounds the memory a decode can take: a small
   * compressed file can otherwise declare a huge canvas.
   */
  public static final long MAX_PIXELS = 40_000_000L;

  private final long maxBytes;

  SkinSlot(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * The name used in URLs, JSON and S3 keys: the constant's name in lower case, e.g. {@code
   * "header"}.
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Largest accepted upload in bytes, inclusive. */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Checks the displayed size of an image against this slot's shape rule.
   *
   * @return a message for the uploader when the size does not fit, empty when it does
   */
  public abstract Optional<String> dimensionProblem(int width, int height);

  /** True when {@code width x height} is within {@link #MAX_PIXELS}. */
  public static boolean withinPixelCap(long width, long height) {
    return width * height <= MAX_PIXELS;
  }

  /** Looks a slot up by its wire name, case-insensitively; empty when there is no such slot. */
  public static Optional<SkinSlot> fromWire(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return WireNames.find(values(), SkinSlot::wireName, name.trim().toLowerCase(Locale.ROOT));
  }
}
