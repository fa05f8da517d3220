package bloghome.skins;

import bloghome.auth.Caller;
import bloghome.errors.Problem;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Reading a skin, and its owner changing the colours. */
public final class Skins {
  private final SkinStore store;
  private final Clock clock;

  public Skins(SkinStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The skin of {@code userId}; someone who never set one gets the defaults and no images. */
  public Skin get(String userId) {
    return store.find(userId).orElseGet(() -> Skin.empty(userId));
  }

  /**
   * Sets the given colours and leaves the others alone.
   *
   * @param changes by JSON field name: a colour to set, or empty to go back to the default
   * @throws Problem 403 unless the caller is the owner and a VIP; 400 naming the field for any
   *     value that is not {@code #RRGGBB}
   */
  public Skin setColors(Caller caller, String userId, Map<String, Optional<String>> changes) {
    caller.requireOwner(userId);
    caller.requireVip();
    if (changes.isEmpty()) {
      throw Problem.invalid(
          "body", "Give at least one of titleColor, hoverColor and subtitleColor.");
    }
    Map<ColorField, Optional<String>> valid = new EnumMap<>(ColorField.class);
    changes.forEach(
        (name, value) -> {
          ColorField field =
              ColorField.fromWire(name)
                  .orElseThrow(
                      () ->
                          Problem.invalid(
                              "UNKNOWN_FIELD", name, "Unknown field \"" + name + "\"."));
          valid.put(field, value.map(color -> HexColor.normalise(name, color)));
        });
    return store.updateColors(userId, valid, clock.instant());
  }
}
