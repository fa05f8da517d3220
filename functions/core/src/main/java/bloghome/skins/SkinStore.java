package bloghome.skins;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Storage of skins: one record per user, holding colours and each slot's active image. */
public interface SkinStore {

  Optional<Skin> find(String userId);

  /**
   * Sets or clears colours, leaving the others and the images alone.
   *
   * @param changes a colour per field to set, or an empty value to go back to the default
   * @return the skin after the change
   */
  Skin updateColors(String userId, Map<ColorField, Optional<String>> changes, Instant now);
}
