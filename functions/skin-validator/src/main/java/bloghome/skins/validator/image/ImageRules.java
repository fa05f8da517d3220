package bloghome.skins.validator.image;

import bloghome.skins.SkinSlot;
import java.util.Optional;

/**
 * What one kind of upload accepts, for {@link ImageInspector}: a skin slot, or a post image. The
 * format, pixel, decode, metadata and trailing-data checks are the same for every kind.
 *
 * @param name the kind's name in messages ({@code header}, {@code post})
 * @param noun what such images are called in messages ({@code skin images}, {@code post images})
 */
public record ImageRules(String name, String noun, long maxBytes, ShapeRule shape) {

  /** A sentence for the uploader when the displayed size does not fit, else empty. */
  @FunctionalInterface
  public interface ShapeRule {
    Optional<String> problem(int width, int height);
  }

  /** A skin slot's rules, as the skin validator has always applied them. */
  public static ImageRules of(SkinSlot slot) {
    return new ImageRules(slot.wireName(), "skin images", slot.maxBytes(), slot::dimensionProblem);
  }
}
