package bloghome.skins;

import bloghome.auth.Caller;
import bloghome.errors.Problem;
import bloghome.ids.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Handing out upload URLs and telling the owner how their upload fared.
 *
 * <p>Everything that can be known before the upload is checked here, so that a request the
 * validator would surely refuse is refused at once: the slot, the content type and the size. The
 * URL then pins that type and size, so S3 refuses anything else.
 */
public final class SkinUploads {
  /** How long a presigned URL works. */
  public static final Duration URL_VALIDITY = Duration.ofMinutes(5);

  /** A recorded upload and the URL to PUT it to. */
  public record NewUpload(SkinUpload upload, UploadUrlSigner.SignedPut put) {}

  private final SkinUploadStore store;
  private final UploadUrlSigner signer;
  private final String uploadPrefix;
  private final Clock clock;

  public SkinUploads(
      SkinUploadStore store, UploadUrlSigner signer, String uploadPrefix, Clock clock) {
    this.store = store;
    this.signer = signer;
    this.uploadPrefix = uploadPrefix;
    this.clock = clock;
  }

  /**
   * Records a PENDING upload and signs its URL.
   *
   * @throws Problem 403 unless the caller is the owner and a VIP; 400 naming the field for an
   *     unknown slot, a type other than PNG or JPEG, or a length of 0 or over the slot's limit
   */
  public NewUpload create(
      Caller caller, String userId, String slotName, String contentType, long contentLength) {
    caller.requireOwner(userId);
    caller.requireVip();
    SkinSlot slot =
        SkinSlot.fromWire(slotName)
            .orElseThrow(
                () ->
                    Problem.invalid("slot", "slot must be one of header, background and column."));
    String type = contentType.strip().toLowerCase(Locale.ROOT);
    if (!SkinSlot.ALLOWED_CONTENT_TYPES.contains(type)) {
      throw Problem.invalid("contentType", "contentType must be image/png or image/jpeg.");
    }
    if (contentLength <= 0) {
      throw Problem.invalid("contentLength", "contentLength must be at least 1 byte.");
    }
    if (contentLength > slot.maxBytes()) {
      throw Problem.invalid(
          "CONTENT_LENGTH_TOO_LARGE",
          "contentLength",
          slot.wireName() + " images may be at most " + slot.maxBytes() + " bytes.");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String uploadId = UploadKeys.newUploadId();
    String key = UploadKeys.uploadKey(uploadPrefix, userId, slot, uploadId);
    UploadUrlSigner.SignedPut put = signer.signPut(key, type, contentLength, URL_VALIDITY);
    SkinUpload upload =
        SkinUpload.pending(
            uploadId, userId, slot, key, type, contentLength, now, now.plus(URL_VALIDITY));
    store.create(upload);
    return new NewUpload(upload, put);
  }

  /**
   * The upload as its owner should see it now: still PENDING past its deadline reads FAILED.
   *
   * @throws Problem 403 for anyone but the owner; 404 when there is no such upload
   */
  public SkinUpload status(Caller caller, String userId, String uploadId) {
    caller.requireOwner(userId);
    if (!Ids.looksValid(uploadId, UploadKeys.UPLOAD_ID_PREFIX)) {
      throw notFound();
    }
    return store
        .find(userId, uploadId)
        .orElseThrow(SkinUploads::notFound)
        .asSeenAt(clock.instant());
  }

  private static Problem notFound() {
    return Problem.notFound("UPLOAD_NOT_FOUND", "There is no such upload.");
  }
}
