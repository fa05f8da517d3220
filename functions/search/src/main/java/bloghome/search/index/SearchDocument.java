package bloghome.search.index;

import java.time.Instant;
import java.util.List;

/** What the index holds of one listed post. */
public record SearchDocument(
    String postId,
    String title,
    String summary,
    String content,
    List<String> tags,
    Instant publishedAt) {
  public SearchDocument {
    tags = List.copyOf(tags);
  }
}
