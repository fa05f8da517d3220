package bloghome.images;

import bloghome.ids.Ids;
import java.util.List;
import java.util.Optional;

/**
 * Recognises the URL of a post image's clean copy, {@code
 * {mediaBase}/media/{userId}/{uploadId}/{W}x{H}/{w}.{ext}}, and tells what a page needs to show it
 * without a lookup: the widest copy's size and every copy's URL. Read with a hand-written scanner
 * (user text, linear time).
 *
 * @param directory the URL up to and without the last {@code /}
 * @param width the widest copy's width
 * @param height the widest copy's height
 * @param extension {@code jpg} or {@code png}
 */
public record PostImageUrl(String directory, int width, int height, String extension) {

  /** One copy: its URL and width. */
  public record Copy(String url, int width) {}

  /** Every copy, narrowest first; the last is the widest. */
  public List<Copy> copies() {
    return PostImageRules.copyWidths(width).stream()
        .map(w -> new Copy(directory + "/" + w + "." + extension, w))
        .toList();
  }

  /** The URL of the widest copy: what a post stores as the image's {@code src}. */
  public String src() {
    return directory + "/" + width + "." + extension;
  }

  /**
   * Parses {@code url} when it is one of ours under {@code mediaBaseUrl} (as {@code MediaUrls}
   * builds them); empty otherwise.
   */
  public static Optional<PostImageUrl> parse(String mediaBaseUrl, String url) {
    if (url == null || mediaBaseUrl == null) {
      return Optional.empty();
    }
    String base =
        mediaBaseUrl.endsWith("/")
            ? mediaBaseUrl.substring(0, mediaBaseUrl.length() - 1)
            : mediaBaseUrl;
    String prefix = base + "/" + PostImageKeys.ACCEPTED_PREFIX;
    if (!url.startsWith(prefix) || url.indexOf('?') >= 0 || url.indexOf('#') >= 0) {
      return Optional.empty();
    }
    String rest = url.substring(prefix.length());
    String[] parts = rest.split("/", -1);
    if (parts.length != 4 || parts[0].isEmpty()) {
      return Optional.empty();
    }
    if (!Ids.looksValid(parts[1], PostImageKeys.UPLOAD_ID_PREFIX)) {
      return Optional.empty();
    }
    int x = parts[2].indexOf('x');
    if (x <= 0) {
      return Optional.empty();
    }
    int width = number(parts[2].substring(0, x));
    int height = number(parts[2].substring(x + 1));
    int dot = parts[3].indexOf('.');
    if (width <= 0 || height <= 0 || dot <= 0) {
      return Optional.empty();
    }
    String extension = parts[3].substring(dot + 1);
    int copy = number(parts[3].substring(0, dot));
    if (!(extension.equals("jpg") || extension.equals("png"))
        || !PostImageRules.copyWidths(width).contains(copy)
        || width > PostImageRules.WIDTHS.getLast()) {
      return Optional.empty();
    }
    String directory = url.substring(0, url.lastIndexOf('/'));
    return Optional.of(new PostImageUrl(directory, width, height, extension));
  }

  /** A positive number of at most 6 digits, else -1. */
  private static int number(String digits) {
    if (digits.isEmpty() || digits.length() > 6) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
