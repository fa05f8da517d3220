package bloghome.skins.validator;

import bloghome.skins.UploadReason;
import bloghome.skins.UploadRecord;
import bloghome.skins.UploadStatus;
import bloghome.skins.validator.image.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What every uploaded object goes through before its pixels are looked at, whatever the upload is
 * for (skin slot, post image, avatar): an object nobody asked for, a repeated event, an upload past
 * its deadline and an object already gone are settled here, the same way for every kind.
 */
public final class UploadTriage {
  private UploadTriage() {}

  /** What the validator does next. */
  public sealed interface Next<U extends UploadRecord> {
    /** Nothing to inspect: this is the outcome. */
    record Settled<U extends UploadRecord>(ValidationOutcome outcome) implements Next<U> {}

    /** A pending upload in time whose object is there: inspect it. */
    record Inspect<U extends UploadRecord>(U upload, UploadObjects.Head head) implements Next<U> {}
  }

  /** Records FAILED on an upload (the store's own verdict write). */
  @FunctionalInterface
  public interface Failure<U> {
    void record(U upload, List<UploadReason> reasons, Instant now);
  }

  /**
   * @param known the upload the key names, when there is one and it names this very key
   */
  public static <U extends UploadRecord> Next<U> triage(
      String key, Optional<U> known, UploadObjects objects, Instant now, Failure<U> fail) {
    if (known.isEmpty()) {
      objects.delete(key);
      return new Next.Settled<>(new ValidationOutcome.UnknownKey(key));
    }
    U upload = known.get();
    if (upload.status() != UploadStatus.PENDING) {
      // A repeated event, or the same URL used again: the verdict stands, the object goes.
      objects.delete(key);
      return new Next.Settled<>(new ValidationOutcome.AlreadyDecided(upload.uploadId(), 0));
    }
    if (upload.isOverdue(now)) {
      fail.record(upload, List.of(UploadReason.timedOut()), now);
      objects.delete(key);
      return new Next.Settled<>(new ValidationOutcome.TooLate(upload.uploadId()));
    }
    Optional<UploadObjects.Head> head = objects.head(key);
    if (head.isEmpty()) {
      return new Next.Settled<>(new ValidationOutcome.ObjectMissing(upload.uploadId()));
    }
    return new Next.Inspect<>(upload, head.get());
  }

  /** A rejection's reasons as the upload records them. */
  public static List<UploadReason> reasons(Verdict.Rejected rejected) {
    return rejected.reasons().stream()
        .map(reason -> new UploadReason(reason.code().name(), reason.message()))
        .toList();
  }
}
