package bloghome.skins;

import java.util.Objects;

/**
 * Why an upload was refused or failed: a stable code a client can branch on (the validator's
 * rejection codes, or {@link #VALIDATION_TIMEOUT}) and a message for the uploader.
 */
public record UploadReason(String code, String message) {
  public static final String VALIDATION_TIMEOUT = "VALIDATION_TIMEOUT";

  public UploadReason {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static UploadReason timedOut() {
    return new UploadReason(
        VALIDATION_TIMEOUT,
        "the image was not uploaded, or could not be validated, in time; ask for a new upload URL");
  }
}
