package bloghome.images;

import bloghome.auth.Caller;
import bloghome.errors.Problem;
import bloghome.ids.Ids;
import bloghome.skins.UploadUrlSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Handing out upload URLs for images in posts (and the avatar), and telling the owner how each
 * fared. Any signed-in owner may upload; what is knowable before the upload (type, size, the daily
 * allowance) is refused at once, and the URL pins the type and size so S3 refuses anything else.
 */
public final class PostImages {
  public static final Duration URL_VALIDITY = Duration.ofMinutes(5);
  static final int MAX_FILE_NAME = 200;

  /** A recorded upload and the URL to PUT it to. */
  public record NewUpload(PostImageUpload upload, UploadUrlSigner.SignedPut put) {}

  private final PostImageStore store;
  private final UploadUrlSigner signer;
  private final String uploadPrefix;
  private final Clock clock;

  public PostImages(
      PostImageStore store, UploadUrlSigner signer, String uploadPrefix, Clock clock) {
    this.store = store;
    this.signer = signer;
    this.uploadPrefix = uploadPrefix;
    this.clock = clock;
  }

  /**
   * Records a PENDING upload and signs its URL.
   *
   * @throws Problem 403 for anyone but the owner; 400 naming the field; 413 over the byte limit;
   *     429 past the day's allowance
   */
  public NewUpload create(
      Caller caller,
      String userId,
      PostImageKeys.Use use,
      String contentType,
      long bytes,
      String fileName) {
    caller.requireOwner(userId);
    String type = contentType.strip().toLowerCase(Locale.ROOT);
    if (!PostImageRules.CONTENT_TYPES.contains(type)) {
      throw Problem.invalid(
          "UNSUPPORTED_FORMAT", "contentType", "contentType must be image/png or image/jpeg.");
    }
    if (bytes <= 0) {
      throw Problem.invalid("bytes", "bytes must be at least 1.");
    }
    if (bytes > PostImageRules.MAX_BYTES) {
      throw new Problem(
          Problem.Kind.TOO_LARGE,
          "TOO_LARGE",
          "images may be at most " + PostImageRules.MAX_BYTES + " bytes (10 MiB).",
          "bytes");
    }
    String name = fileName == null ? "" : fileName.strip();
    if (name.length() > MAX_FILE_NAME) {
      throw Problem.invalid("fileName", "fileName may be at most 200 characters.");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    if (!store.countUpload(userId, day, PostImageRules.MAX_PER_DAY)) {
      throw new Problem(
          Problem.Kind.TOO_MANY_REQUESTS,
          "DAILY_IMAGE_LIMIT",
          "at most " + PostImageRules.MAX_PER_DAY + " images may be uploaded a day (UTC).",
          null);
    }
    String uploadId = PostImageKeys.newUploadId();
    String key = PostImageKeys.uploadKey(uploadPrefix, userId, use, uploadId);
    UploadUrlSigner.SignedPut put = signer.signPut(key, type, bytes, URL_VALIDITY);
    PostImageUpload upload =
        PostImageUpload.pending(
            uploadId, userId, use, key, type, bytes, name, now, now.plus(URL_VALIDITY));
    store.create(upload);
    return new NewUpload(upload, put);
  }

  /**
   * The upload as its owner should see it now.
   *
   * @throws Problem 403 for anyone but the owner; 404 when there is no such upload
   */
  public PostImageUpload status(Caller caller, String userId, String uploadId) {
    caller.requireOwner(userId);
    if (!Ids.looksValid(uploadId, PostImageKeys.UPLOAD_ID_PREFIX)) {
      throw notFound();
    }
    return store.find(userId, uploadId).orElseThrow(PostImages::notFound).asSeenAt(clock.instant());
  }

  private static Problem notFound() {
    return Problem.notFound("UPLOAD_NOT_FOUND", "There is no such upload.");
  }
}
