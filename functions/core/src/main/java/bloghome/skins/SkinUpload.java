package bloghome.skins;

import bloghome.time.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One image upload: what the owner declared when asking for the URL, and the verdict once there is
 * one.
 *
 * @param key the raw upload's object key, {@code uploads/{userId}/{slot}/{uploadId}}
 * @param urlExpiresAt when the presigned URL stops working
 * @param failAfter after this, a still PENDING upload reads as FAILED and is never accepted
 * @param accepted the accepted image's details, when ACCEPTED
 * @param active for an ACCEPTED upload, whether it became its slot's image (false when a newer
 *     upload for the slot had already been accepted)
 */
public record SkinUpload(
    String uploadId,
    String userId,
    SkinSlot slot,
    String key,
    String contentType,
    long contentLength,
    UploadStatus status,
    List<UploadReason> reasons,
    Instant createdAt,
    Instant urlExpiresAt,
    Instant failAfter,
    Optional<Instant> decidedAt,
    Optional<SkinImage> accepted,
    boolean active)
    implements UploadRecord {

  /** Time allowed after the URL expires for the upload to arrive and be validated. */
  public static final Duration VALIDATION_GRACE = Duration.ofMinutes(5);

  public SkinUpload {
    Objects.requireNonNull(uploadId, "uploadId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(status, "status");
    reasons = List.copyOf(reasons);
  }

  /** A new upload whose URL was just signed. */
  public static SkinUpload pending(
      String uploadId,
      String userId,
      SkinSlot slot,
      String key,
      String contentType,
      long contentLength,
      Instant createdAt,
      Instant urlExpiresAt) {
    return new SkinUpload(
        uploadId,
        userId,
        slot,
        key,
        contentType,
        contentLength,
        UploadStatus.PENDING,
        List.of(),
        createdAt,
        urlExpiresAt,
        urlExpiresAt.plus(VALIDATION_GRACE),
        Optional.empty(),
        Optional.empty(),
        false);
  }

  /**
   * The upload as a client should see it at {@code now}: one still PENDING past its deadline is
   * FAILED, so that nobody polls forever for a validation that will not come.
   */
  public SkinUpload asSeenAt(Instant now) {
    if (status != UploadStatus.PENDING || !isOverdue(now)) {
      return this;
    }
    return new SkinUpload(
        uploadId,
        userId,
        slot,
        key,
        contentType,
        contentLength,
        UploadStatus.FAILED,
        List.of(UploadReason.timedOut()),
        createdAt,
        urlExpiresAt,
        failAfter,
        Optional.of(failAfter),
        Optional.empty(),
        false);
  }

  /** Orders uploads of a slot by creation: the later one wins the slot. */
  public String order() {
    return Timestamps.format(createdAt) + "#" + uploadId;
  }
}
