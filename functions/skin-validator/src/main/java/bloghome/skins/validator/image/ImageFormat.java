package bloghome.skins.validator.image;

import java.util.Locale;

/** The image formats a skin may use. */
public enum ImageFormat {
  PNG,
  JPEG;

  /** {@code image/png}, {@code image/jpeg}. */
  public String contentType() {
    return "image/" + imageIoName();
  }

  /** The format name ImageIO knows readers and writers by: the constant's name in lower case. */
  String imageIoName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Human name for messages, e.g. {@code "PNG"}. */
  public String displayName() {
    return name().toUpperCase(Locale.ROOT);
  }
}
