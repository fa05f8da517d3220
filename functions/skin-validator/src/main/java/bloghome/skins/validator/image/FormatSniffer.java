package bloghome.skins.validator.image;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Tells an image's format from its first bytes alone. File names and declared content types are
 * what the uploader claims; magic bytes are what a browser will actually act on.
 */
public final class FormatSniffer {

  static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final byte[] JPEG_START = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final int TEXT_PEEK = 1024;

  /** What the first bytes say. */
  public sealed interface Sniffed {

    /** A format skins may use. */
    record Supported(ImageFormat format) implements Sniffed {}

    /** Anything else; {@code description} names it for the uploader when we recognise it. */
    record Unsupported(String description) implements Sniffed {}
  }

  private FormatSniffer() {}

  public static Sniffed sniff(byte[] prefix) {
    if (Bytes.startsWith(prefix, 0, PNG_SIGNATURE)) {
      return new Sniffed.Supported(ImageFormat.PNG);
    }
    if (Bytes.startsWith(prefix, 0, JPEG_START)) {
      return new Sniffed.Supported(ImageFormat.JPEG);
    }
    return new Sniffed.Unsupported(describeOther(prefix));
  }

  private static String describeOther(byte[] prefix) {
    if (Bytes.startsWithAscii(prefix, 0, "GIF87a") || Bytes.startsWithAscii(prefix, 0, "GIF89a")) {
      return "GIF";
    }
    if (Bytes.startsWithAscii(prefix, 0, "RIFF") && Bytes.startsWithAscii(prefix, 8, "WEBP")) {
      return "WebP";
    }
    if (Bytes.startsWithAscii(prefix, 4, "ftyp")) {
      return "HEIF/AVIF or another ISO media file";
    }
    if (Bytes.startsWithAscii(prefix, 0, "BM")) {
      return "BMP";
    }
    if (Bytes.startsWithAscii(prefix, 0, "II*\0") || Bytes.startsWithAscii(prefix, 0, "MM\0*")) {
      return "TIFF";
    }
    String markup = markupKind(prefix);
    if (markup != null) {
      return markup;
    }
    return "an unrecognised format";
  }

  /** Names SVG, HTML or XML text, which browsers may execute; null when it is not markup. */
  private static String markupKind(byte[] prefix) {
    String text =
        new String(prefix, 0, Math.min(prefix.length, TEXT_PEEK), StandardCharsets.ISO_8859_1)
            .replace("\u00EF\u00BB\u00BF", "") // a UTF-8 byte order mark, read as Latin-1
            .stripLeading()
            .toLowerCase(Locale.ROOT);
    if (!text.startsWith("<")) {
      return null;
    }
    if (text.contains("<svg")) {
      return "SVG";
    }
    if (text.startsWith("<!doctype html") || text.contains("<html")) {
      return "HTML";
    }
    return "XML or other markup text";
  }
}
