package bloghome.skins.validator.image;

import java.util.Objects;

/** One reason for refusing an image: a stable code and a message meant for the uploader. */
public record Reason(RejectionCode code, String message) {

  public Reason {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
