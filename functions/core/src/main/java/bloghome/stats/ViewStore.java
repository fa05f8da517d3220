package bloghome.stats;

import java.time.LocalDate;

/** Records a post view once per visitor and UTC day. */
public interface ViewStore {
  enum Outcome {
    COUNTED,
    ALREADY_COUNTED,
    /** Only a store that writes the counters itself can find out (the old design). */
    POST_GONE
  }

  Outcome record(String postId, String authorId, LocalDate day, String visitorKey);
}
