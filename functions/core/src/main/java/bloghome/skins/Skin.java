package bloghome.skins;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A user's skin as stored: the colours they chose (absent ones show the defaults) and the active
 * accepted image of each slot.
 */
public record Skin(String userId, Map<ColorField, String> colors, Map<SkinSlot, SkinImage> images) {

  public Skin {
    colors = colors.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(colors));
    images = images.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(images));
  }

  /** The skin of someone who never set one. */
  public static Skin empty(String userId) {
    return new Skin(userId, Map.of(), Map.of());
  }

  /** The colour shown for {@code field}: the chosen one, else the default. */
  public String color(ColorField field) {
    return colors.getOrDefault(field, field.defaultColor());
  }

  public Optional<SkinImage> image(SkinSlot slot) {
    return Optional.ofNullable(images.get(slot));
  }
}
