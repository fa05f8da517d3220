package bloghome.stats;

import java.time.LocalDate;

/** Records a post view once per visitor and UTC day, together with its counters. */
public interface ViewStore {
  enum Outcome {
    COUNTED,
    ALREADY_COUNTED,
    POST_GONE
  }

  Outcome record(String postId, String authorId, LocalDate day, String visitorKey);
}
