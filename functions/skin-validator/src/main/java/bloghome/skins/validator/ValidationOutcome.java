package bloghome.skins.validator;

import bloghome.skins.UploadReason;
import java.util.List;

/** What the validator did with one object, for the log line and for tests. */
public sealed interface ValidationOutcome {

  /** How many body bytes were fetched from S3 to decide. */
  long bytesRead();

  /** The key belongs to no known upload: the object was deleted. */
  record UnknownKey(String key) implements ValidationOutcome {
    public long bytesRead() {
      return 0;
    }
  }

  /** The upload already had a verdict (a repeated event, or a second PUT): nothing changed. */
  record AlreadyDecided(String uploadId, long bytesRead) implements ValidationOutcome {}

  /** The event came after the upload's deadline: recorded FAILED, object deleted. */
  record TooLate(String uploadId) implements ValidationOutcome {
    public long bytesRead() {
      return 0;
    }
  }

  /** The object was gone by the time the event was handled; no verdict recorded. */
  record ObjectMissing(String uploadId) implements ValidationOutcome {
    public long bytesRead() {
      return 0;
    }
  }

  /** Accepted; {@code active} is false when a newer upload for the slot was already accepted. */
  record Accepted(String uploadId, String acceptedKey, boolean active, long bytesRead)
      implements ValidationOutcome {}

  record Rejected(String uploadId, List<UploadReason> reasons, long bytesRead)
      implements ValidationOutcome {}
}
