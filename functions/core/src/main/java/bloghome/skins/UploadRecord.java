package bloghome.skins;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What every presigned image upload records, whatever it is for (a skin slot, a post image, an
 * avatar): what the owner declared when asking for the URL, and the one verdict it gets. The fields
 * are stored the same way for every kind ({@link UploadItems}), and the S3-triggered validator
 * settles them the same way before it looks at the pixels.
 */
public interface UploadRecord {
  String uploadId();

  String userId();

  /** The raw upload's object key under {@code uploads/}. */
  String key();

  String contentType();

  /** The length the URL was signed for. */
  long contentLength();

  UploadStatus status();

  List<UploadReason> reasons();

  Instant createdAt();

  /** When the presigned URL stops working. */
  Instant urlExpiresAt();

  /** After this, a still PENDING upload reads as FAILED and is never accepted. */
  Instant failAfter();

  Optional<Instant> decidedAt();

  /** Whether it is too late for this upload to get a verdict. */
  default boolean isOverdue(Instant now) {
    return now.isAfter(failAfter());
  }
}
