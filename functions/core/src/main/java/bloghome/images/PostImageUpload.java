package bloghome.images;

import bloghome.skins.UploadReason;
import bloghome.skins.UploadRecord;
import bloghome.skins.UploadStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One post image (or avatar) upload: what the owner declared, and the verdict once there is one.
 *
 * @param key the raw upload's key, {@code uploads/{userId}/post/{uploadId}}
 * @param failAfter after this a still PENDING upload reads FAILED and is never accepted
 * @param image the widest clean copy, when ACCEPTED
 */
public record PostImageUpload(
    String uploadId,
    String userId,
    PostImageKeys.Use use,
    String key,
    String contentType,
    long contentLength,
    String fileName,
    UploadStatus status,
    List<UploadReason> reasons,
    Instant createdAt,
    Instant urlExpiresAt,
    Instant failAfter,
    Optional<Instant> decidedAt,
    Optional<StoredImage> image)
    implements UploadRecord {

  /** Time allowed after the URL expires for the upload to arrive and be validated. */
  public static final Duration VALIDATION_GRACE = Duration.ofMinutes(5);

  /** The widest clean copy (the one a post names). */
  public record StoredImage(String key, int width, int height, String format, long bytes) {}

  public PostImageUpload {
    Objects.requireNonNull(uploadId, "uploadId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(status, "status");
    reasons = List.copyOf(reasons);
  }

  public static PostImageUpload pending(
      String uploadId,
      String userId,
      PostImageKeys.Use use,
      String key,
      String contentType,
      long contentLength,
      String fileName,
      Instant createdAt,
      Instant urlExpiresAt) {
    return new PostImageUpload(
        uploadId,
        userId,
        use,
        key,
        contentType,
        contentLength,
        fileName,
        UploadStatus.PENDING,
        List.of(),
        createdAt,
        urlExpiresAt,
        urlExpiresAt.plus(VALIDATION_GRACE),
        Optional.empty(),
        Optional.empty());
  }

  /** As a client should see it at {@code now}: PENDING past its deadline is FAILED. */
  public PostImageUpload asSeenAt(Instant now) {
    if (status != UploadStatus.PENDING || !isOverdue(now)) {
      return this;
    }
    return new PostImageUpload(
        uploadId,
        userId,
        use,
        key,
        contentType,
        contentLength,
        fileName,
        UploadStatus.FAILED,
        List.of(UploadReason.timedOut()),
        createdAt,
        urlExpiresAt,
        failAfter,
        Optional.of(failAfter),
        Optional.empty());
  }
}
