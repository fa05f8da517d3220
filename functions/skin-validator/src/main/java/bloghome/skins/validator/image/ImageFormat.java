package bloghome.skins.validator.image;

import java.util.Locale;

/** The image formats a skin may use. */
public enum ImageFormat {
  PNG("image/png", "png"),
  JPEG("image/jpeg", "jpeg");

  private final String contentType;
  private final String imageIoName;

  ImageFormat(String contentType, String imageIoName) {
    this.contentType = contentType;
    this.imageIoName = imageIoName;
  }

  public String contentType() {
    return contentType;
  }

  /** The format name ImageIO knows readers and writers by. */
  String imageIoName() {
    return imageIoName;
  }

  /** Human name for messages, e.g. {@code "PNG"}. */
  public String displayName() {
    return name().toUpperCase(Locale.ROOT);
  }
}
