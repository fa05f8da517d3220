package bloghome.skins.validator.image;

/**
 * What an image's header says about it, read before any pixel is decoded.
 *
 * @param storedWidth width as encoded in the file
 * @param storedHeight height as encoded in the file
 * @param orientation EXIF orientation, 1 (upright) to 8; always 1 for PNG
 * @param bitDepth bits per sample (PNG) or sample precision (JPEG)
 * @param components colour channels (PNG: by colour type, palette counts as 1)
 * @param animated whether the PNG announces animation frames (APNG)
 */
public record ImageHeader(
    ImageFormat format,
    int storedWidth,
    int storedHeight,
    int orientation,
    int bitDepth,
    int components,
    boolean animated) {

  /** Whether the EXIF orientation turns the image a quarter turn, swapping its sides. */
  public boolean swapsSides() {
    return orientation >= 5 && orientation <= 8;
  }

  /** Width as a browser displays it, after the EXIF orientation. */
  public int width() {
    return swapsSides() ? storedHeight : storedWidth;
  }

  /** Height as a browser displays it, after the EXIF orientation. */
  public int height() {
    return swapsSides() ? storedWidth : storedHeight;
  }

  public long pixels() {
    return (long) storedWidth * storedHeight;
  }
}
