package bloghome.skins;

import java.util.Arrays;
import java.util.Optional;

/** The three colours a skin sets, with their JSON names and the defaults a page starts with. */
public enum ColorField {
  TITLE("titleColor", "#1F2328"),
  HOVER("hoverColor", "#0969DA"),
  SUBTITLE("subtitleColor", "#59636E");

  private final String wireName;
  private final String defaultColor;

  ColorField(String wireName, String defaultColor) {
    this.wireName = wireName;
    this.defaultColor = defaultColor;
  }

  /** The JSON field and DynamoDB attribute name, e.g. {@code titleColor}. */
  public String wireName() {
    return wireName;
  }

  /** What a page shows until its owner picks a colour. */
  public String defaultColor() {
    return defaultColor;
  }

  public static Optional<ColorField> fromWire(String name) {
    return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
  }
}
