package bloghome.search.index;

import java.time.Instant;
import java.util.List;

/**
 * One result: the title and a snippet as runs of text, the matched runs flagged, so that whoever
 * renders them escapes the text and marks the hits (no HTML is built here).
 */
public record SearchHit(
    String postId,
    List<Segment> title,
    List<Segment> snippet,
    List<String> tags,
    Instant publishedAt,
    float score) {

  /** A run of text; {@code hit} when it matched the query. */
  public record Segment(String text, boolean hit) {}
}
