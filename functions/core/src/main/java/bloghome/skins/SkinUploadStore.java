package bloghome.skins;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage of uploads and their verdicts. Every verdict is a conditional change from PENDING made
 * before the upload's deadline, so a repeated event never records a second verdict and a late one
 * never overturns the FAILED a client was already shown.
 */
public interface SkinUploadStore {

  /** What happened to an attempt to record a verdict. */
  enum Decision {
    /** This call recorded the verdict. */
    RECORDED,
    /** The upload already had a verdict, or its deadline had passed. */
    ALREADY_DECIDED,
    /** (accept only) the slot's image changed since it was read: read it again and retry. */
    SLOT_CHANGED
  }

  /** Records a new PENDING upload; its id must be new. */
  void create(SkinUpload upload);

  Optional<SkinUpload> find(String userId, String uploadId);

  /** PENDING -> REJECTED with every reason. */
  Decision reject(SkinUpload upload, List<UploadReason> reasons, Instant now);

  /** PENDING -> FAILED, for an upload whose deadline passed without a verdict. */
  Decision fail(SkinUpload upload, List<UploadReason> reasons, Instant now);

  /**
   * PENDING -> ACCEPTED and, in the same transaction, makes {@code image} the slot's image, on
   * condition that the slot still holds {@code replacing} (or nothing, when empty).
   */
  Decision acceptAsActive(
      SkinUpload upload, SkinImage image, Optional<SkinImage> replacing, Instant now);

  /**
   * PENDING -> ACCEPTED without touching the slot: a newer upload's image is already there, and an
   * older upload must never replace it.
   */
  Decision acceptSuperseded(SkinUpload upload, SkinImage image, Instant now);
}
