package bloghome.images;

import bloghome.skins.UploadReason;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Post image uploads and the per-day counter, in the owner's partition. */
public interface PostImageStore {

  /**
   * Counts one more upload on {@code day}; false (nothing counted) when {@code limit} is reached.
   */
  boolean countUpload(String userId, LocalDate day, int limit);

  void create(PostImageUpload upload);

  Optional<PostImageUpload> find(String userId, String uploadId);

  /** PENDING -> ACCEPTED while still in time; false when already decided. */
  boolean accept(PostImageUpload upload, PostImageUpload.StoredImage image, Instant now);

  /** PENDING -> REJECTED while still in time; false when already decided. */
  boolean reject(PostImageUpload upload, List<UploadReason> reasons, Instant now);

  /** PENDING -> FAILED; false when already decided. */
  boolean fail(PostImageUpload upload, List<UploadReason> reasons, Instant now);
}
