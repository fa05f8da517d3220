package bloghome.text;

import java.util.Optional;
import java.util.function.Function;

/**
 * Looks an enum constant up by the name it has on the wire (JSON, URLs, cookies), which is not its
 * Java name: the one lookup every such enum uses instead of a loop of its own.
 */
public final class WireNames {
  private WireNames() {}

  /** The constant whose wire name equals {@code value} exactly; empty for null or no match. */
  public static <E extends Enum<E>> Optional<E> find(
      E[] values, Function<E, String> wireName, String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (E candidate : values) {
      if (wireName.apply(candidate).equals(value)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** As {@link #find}, ignoring case and surrounding white space. */
  public static <E extends Enum<E>> Optional<E> findIgnoringCase(
      E[] values, Function<E, String> wireName, String value) {
    if (value == null) {
      return Optional.empty();
    }
    String wanted = value.strip();
    for (E candidate : values) {
      if (wireName.apply(candidate).equalsIgnoreCase(wanted)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
