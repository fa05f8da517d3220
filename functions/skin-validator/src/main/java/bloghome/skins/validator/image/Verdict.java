package bloghome.skins.validator.image;

import java.util.List;
import java.util.Objects;

/** The outcome of inspecting one uploaded skin image. */
public sealed interface Verdict {

  /**
   * The image is fit for its slot.
   *
   * @param width displayed width, after any EXIF orientation
   * @param height displayed height, after any EXIF orientation
   * @param cleanCopy the image re-encoded without metadata, already upright
   * @param cleanContentType content type of {@code cleanCopy}
   */
  record Accepted(
      ImageFormat format, int width, int height, byte[] cleanCopy, String cleanContentType)
      implements Verdict {

    public Accepted {
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(cleanCopy, "cleanCopy");
      Objects.requireNonNull(cleanContentType, "cleanContentType");
    }
  }

  /** The image is refused, for every reason found at the stage that refused it. */
  record Rejected(List<Reason> reasons) implements Verdict {

    public Rejected {
      reasons = List.copyOf(reasons);
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one reason");
      }
    }

    /** Whether any reason carries {@code code}. */
    public boolean has(RejectionCode code) {
      return reasons.stream().anyMatch(reason -> reason.code() == code);
    }
  }
}
