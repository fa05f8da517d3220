package bloghome.images;

import bloghome.ids.Ids;
import java.util.Optional;

/**
 * Object keys of post images. Raw uploads: {@code uploads/{userId}/post/{uploadId}} (or {@code
 * /avatar/}), under the prefix the bucket's notification already covers, never served. Clean
 * copies: {@code media/{userId}/{uploadId}/{W}x{H}/{w}.{jpg|png}} where {@code W x H} is the size
 * of the widest copy and {@code w} the width of this one, so that a page can write {@code srcset},
 * {@code width} and {@code height} from the URL alone ({@link PostImageUrl}).
 */
public final class PostImageKeys {
  public static final String UPLOAD_ID_PREFIX = "im";
  public static final String ACCEPTED_PREFIX = "media/";

  /** What an upload is for. */
  public enum Use {
    POST,
    AVATAR;

    public String segment() {
      return this == POST ? "post" : "avatar";
    }
  }

  /** The parts of a raw upload's key. */
  public record Parsed(String userId, Use use, String uploadId) {}

  private PostImageKeys() {}

  public static String newUploadId() {
    return Ids.newId(UPLOAD_ID_PREFIX);
  }

  public static String uploadKey(String uploadPrefix, String userId, Use use, String uploadId) {
    return uploadPrefix + userId + "/" + use.segment() + "/" + uploadId;
  }

  /** The key of one copy. */
  public static String copyKey(
      String userId, String uploadId, int widest, int widestHeight, int width, String extension) {
    return ACCEPTED_PREFIX
        + userId
        + "/"
        + uploadId
        + "/"
        + widest
        + "x"
        + widestHeight
        + "/"
        + width
        + "."
        + extension;
  }

  /** Reads a decoded raw upload key; empty for anything else (skin uploads among them). */
  public static Optional<Parsed> parseUploadKey(String uploadPrefix, String key) {
    if (key == null || !key.startsWith(uploadPrefix)) {
      return Optional.empty();
    }
    String rest = key.substring(uploadPrefix.length());
    int idSlash = rest.lastIndexOf('/');
    if (idSlash <= 0) {
      return Optional.empty();
    }
    int useSlash = rest.lastIndexOf('/', idSlash - 1);
    if (useSlash <= 0) {
      return Optional.empty();
    }
    String segment = rest.substring(useSlash + 1, idSlash);
    Use use;
    if (segment.equals(Use.POST.segment())) {
      use = Use.POST;
    } else if (segment.equals(Use.AVATAR.segment())) {
      use = Use.AVATAR;
    } else {
      return Optional.empty();
    }
    String uploadId = rest.substring(idSlash + 1);
    if (!Ids.looksValid(uploadId, UPLOAD_ID_PREFIX)) {
      return Optional.empty();
    }
    return Optional.of(new Parsed(rest.substring(0, useSlash), use, uploadId));
  }
}
