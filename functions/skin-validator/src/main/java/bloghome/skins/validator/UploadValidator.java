package bloghome.skins.validator;

import bloghome.log.Log;
import bloghome.skins.SkinImage;
import bloghome.skins.SkinStore;
import bloghome.skins.SkinUpload;
import bloghome.skins.SkinUploadStore;
import bloghome.skins.SkinUploadStore.Decision;
import bloghome.skins.UploadKeys;
import bloghome.skins.UploadReason;
import bloghome.skins.validator.image.ImageInspector;
import bloghome.skins.validator.image.Verdict;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides one uploaded object and records the verdict.
 *
 * <p>Safe under S3's at-least-once, unordered delivery: a verdict is a conditional change from
 * PENDING, so a repeated event records nothing new; and a slot only ever moves to a newer upload,
 * so a late event for an older upload never replaces a newer image.
 */
public final class UploadValidator {
  /** Attempts to move a slot whose image keeps changing under us before giving up (retry). */
  private static final int SLOT_ATTEMPTS = 5;

  private final SkinUploadStore uploads;
  private final SkinStore skins;
  private final UploadObjects objects;
  private final ImageInspector inspector;
  private final String uploadPrefix;
  private final Clock clock;

  public UploadValidator(
      SkinUploadStore uploads,
      SkinStore skins,
      UploadObjects objects,
      ImageInspector inspector,
      String uploadPrefix,
      Clock clock) {
    this.uploads = uploads;
    this.skins = skins;
    this.objects = objects;
    this.inspector = inspector;
    this.uploadPrefix = uploadPrefix;
    this.clock = clock;
  }

  /**
   * Validates the object at {@code key} (already URL-decoded).
   *
   * @throws IOException when S3 cannot be read; the event should be retried
   */
  public ValidationOutcome validate(String key) throws IOException {
    Optional<SkinUpload> known =
        UploadKeys.parseUploadKey(uploadPrefix, key)
            .flatMap(parsed -> uploads.find(parsed.userId(), parsed.uploadId()))
            .filter(upload -> upload.key().equals(key));
    return switch (UploadTriage.triage(key, known, objects, clock.instant(), uploads::fail)) {
      case UploadTriage.Next.Settled<SkinUpload> settled -> settled.outcome();
      case UploadTriage.Next.Inspect<SkinUpload>(var upload, var head) ->
          inspect(key, upload, head);
    };
  }

  private ValidationOutcome inspect(String key, SkinUpload upload, UploadObjects.Head head)
      throws IOException {
    UploadObjects.CountingSource source = objects.bytes(key, head, upload.slot().maxBytes());
    Verdict verdict = inspector.inspect(upload.slot(), upload.contentType(), head.size(), source);
    ValidationOutcome outcome =
        switch (verdict) {
          case Verdict.Rejected rejected -> reject(upload, rejected, source.bytesRead());
          case Verdict.Accepted accepted -> accept(upload, accepted, source.bytesRead());
        };
    objects.delete(key);
    return outcome;
  }

  private ValidationOutcome reject(SkinUpload upload, Verdict.Rejected rejected, long bytesRead) {
    List<UploadReason> reasons = UploadTriage.reasons(rejected);
    if (uploads.reject(upload, reasons, clock.instant()) == Decision.ALREADY_DECIDED) {
      return new ValidationOutcome.AlreadyDecided(upload.uploadId(), bytesRead);
    }
    return new ValidationOutcome.Rejected(upload.uploadId(), reasons, bytesRead);
  }

  private ValidationOutcome accept(SkinUpload upload, Verdict.Accepted accepted, long bytesRead)
      throws IOException {
    String format = accepted.format().name().toLowerCase(Locale.ROOT);
    String cleanKey =
        UploadKeys.acceptedKey(upload.userId(), upload.slot(), upload.uploadId(), format);
    // The clean copy exists before any record points at it, so the skin never names a missing
    // object.
    objects.put(cleanKey, accepted.cleanCopy(), accepted.cleanContentType());
    for (int attempt = 0; attempt < SLOT_ATTEMPTS; attempt++) {
      Instant now = clock.instant();
      SkinImage image =
          new SkinImage(
              upload.slot(),
              upload.uploadId(),
              cleanKey,
              accepted.width(),
              accepted.height(),
              accepted.cleanCopy().length,
              format,
              accepted.cleanContentType(),
              upload.order(),
              now);
      Optional<SkinImage> current =
          skins.find(upload.userId()).flatMap(skin -> skin.image(upload.slot()));
      if (current.isPresent() && !image.isNewerThan(current.get())) {
        // A newer upload already holds the slot: this one is valid but never shown.
        Decision decision = uploads.acceptSuperseded(upload, image, now);
        objects.delete(cleanKey);
        return decision == Decision.RECORDED
            ? new ValidationOutcome.Accepted(upload.uploadId(), cleanKey, false, bytesRead)
            : new ValidationOutcome.AlreadyDecided(upload.uploadId(), bytesRead);
      }
      switch (uploads.acceptAsActive(upload, image, current, now)) {
        case RECORDED -> {
          current
              .filter(previous -> !previous.key().equals(cleanKey))
              .ifPresent(previous -> objects.delete(previous.key()));
          return new ValidationOutcome.Accepted(upload.uploadId(), cleanKey, true, bytesRead);
        }
        case ALREADY_DECIDED -> {
          // Another delivery of this event won. Keep the clean copy only if the slot shows it.
          boolean shown =
              skins
                  .find(upload.userId())
                  .flatMap(skin -> skin.image(upload.slot()))
                  .map(active -> active.key().equals(cleanKey))
                  .orElse(false);
          if (!shown) {
            objects.delete(cleanKey);
          }
          return new ValidationOutcome.AlreadyDecided(upload.uploadId(), bytesRead);
        }
        case SLOT_CHANGED ->
            Log.info(
                "skin-slot-changed", Map.of("uploadId", upload.uploadId(), "attempt", attempt + 1));
      }
    }
    throw new IOException("the slot kept changing; the event will be retried");
  }
}
