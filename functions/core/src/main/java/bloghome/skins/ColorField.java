package bloghome.skins;

import bloghome.text.WireNames;
import java.util.Locale;
import java.util.Optional;

/** The three colours a skin sets, with their JSON names and the defaults a page starts with. */
public enum ColorField {
  TITLE("#1F2328"),
  HOVER("#0969DA"),
  SUBTITLE("#59636E");

  private final String defaultColor;

  ColorField(String defaultColor) {
    this.defaultColor = defaultColor;
  }

  /**
   * The JSON field and DynamoDB attribute name: the constant's name in lower case + {@code Color}.
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT) + "Color";
  }

  /** What a page shows until its owner picks a colour. */
  public String defaultColor() {
    return defaultColor;
  }

  public static Optional<ColorField> fromWire(String name) {
    return WireNames.find(values(), ColorField::wireName, name);
  }
}
