package bloghome.images.validator;

import bloghome.images.PostImageKeys;
import bloghome.images.PostImageRules;
import bloghome.images.PostImageStore;
import bloghome.images.PostImageUpload;
import bloghome.skins.UploadReason;
import bloghome.skins.validator.UploadObjects;
import bloghome.skins.validator.UploadTriage;
import bloghome.skins.validator.ValidationOutcome;
import bloghome.skins.validator.image.ImageFormat;
import bloghome.skins.validator.image.ImageInspector;
import bloghome.skins.validator.image.ImageRules;
import bloghome.skins.validator.image.ResizedCopies;
import bloghome.skins.validator.image.Verdict;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Decides one uploaded post image (or avatar) with the skin validator's checks, writes its clean
 * copies under {@code media/} and records the verdict. Copies are written before the verdict names
 * them, and every verdict is conditional on PENDING, so a repeated event changes nothing.
 */
public final class PostImageValidator {
  /** Post images: any shape up to the copy-height cap. */
  public static final ImageRules POST =
      new ImageRules(
          "post", "post images", PostImageRules.MAX_BYTES, PostImageRules::dimensionProblem);

  /** Avatars: any shape (the square is cut from the centre). */
  public static final ImageRules AVATAR =
      new ImageRules("avatar", "avatars", PostImageRules.MAX_BYTES, (w, h) -> Optional.empty());

  private final PostImageStore uploads;
  private final UploadObjects objects;
  private final ImageInspector inspector;
  private final String uploadPrefix;
  private final Clock clock;

  public PostImageValidator(
      PostImageStore uploads,
      UploadObjects objects,
      ImageInspector inspector,
      String uploadPrefix,
      Clock clock) {
    this.uploads = uploads;
    this.objects = objects;
    this.inspector = inspector;
    this.uploadPrefix = uploadPrefix;
    this.clock = clock;
  }

  /** Whether {@code key} is a post image or avatar upload (and so this validator's to decide). */
  public boolean handles(String key) {
    return PostImageKeys.parseUploadKey(uploadPrefix, key).isPresent();
  }

  public ValidationOutcome validate(String key) throws IOException {
    Optional<PostImageUpload> known =
        PostImageKeys.parseUploadKey(uploadPrefix, key)
            .flatMap(parsed -> uploads.find(parsed.userId(), parsed.uploadId()))
            .filter(upload -> upload.key().equals(key));
    return switch (UploadTriage.triage(key, known, objects, clock.instant(), uploads::fail)) {
      case UploadTriage.Next.Settled<PostImageUpload> settled -> settled.outcome();
      case UploadTriage.Next.Inspect<PostImageUpload>(var upload, var head) ->
          inspect(key, upload, head);
    };
  }

  private ValidationOutcome inspect(String key, PostImageUpload upload, UploadObjects.Head head)
      throws IOException {
    UploadObjects.CountingSource source = objects.bytes(key, head, PostImageRules.MAX_BYTES);
    boolean avatar = upload.use() == PostImageKeys.Use.AVATAR;
    ResizedCopies copies =
        avatar
            ? ResizedCopies.square(PostImageRules.AVATAR_SIZE)
            : ResizedCopies.atWidths(PostImageRules.WIDTHS);
    Verdict verdict =
        inspector.inspect(
            avatar ? AVATAR : POST, upload.contentType(), head.size(), source, copies);
    ValidationOutcome outcome =
        switch (verdict) {
          case Verdict.Rejected rejected -> {
            List<UploadReason> reasons = UploadTriage.reasons(rejected);
            yield uploads.reject(upload, reasons, clock.instant())
                ? new ValidationOutcome.Rejected(upload.uploadId(), reasons, source.bytesRead())
                : new ValidationOutcome.AlreadyDecided(upload.uploadId(), source.bytesRead());
          }
          case Verdict.Accepted accepted -> accept(upload, copies, source.bytesRead());
        };
    objects.delete(key);
    return outcome;
  }

  private ValidationOutcome accept(PostImageUpload upload, ResizedCopies copies, long bytesRead) {
    List<ResizedCopies.Copy> written = copies.copies();
    ResizedCopies.Copy widest = written.getLast();
    String extension = copies.format() == ImageFormat.JPEG ? "jpg" : "png";
    String contentType = copies.format().contentType();
    String widestKey = null;
    for (ResizedCopies.Copy copy : written) {
      String copyKey =
          PostImageKeys.copyKey(
              upload.userId(),
              upload.uploadId(),
              widest.width(),
              widest.height(),
              copy.width(),
              extension);
      objects.put(copyKey, copy.bytes(), contentType);
      widestKey = copyKey;
    }
    PostImageUpload.StoredImage image =
        new PostImageUpload.StoredImage(
            widestKey, widest.width(), widest.height(), extension, widest.bytes().length);
    // A losing duplicate leaves the same immutable copies the winner wrote: same keys, same bytes.
    return uploads.accept(upload, image, clock.instant())
        ? new ValidationOutcome.Accepted(upload.uploadId(), widestKey, true, bytesRead)
        : new ValidationOutcome.AlreadyDecided(upload.uploadId(), bytesRead);
  }
}
