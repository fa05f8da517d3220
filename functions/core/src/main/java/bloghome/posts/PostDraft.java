package bloghome.posts;

import bloghome.time.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields an author writes, already validated: the body of a create, of an update (which
 * replaces all of them) and of one imported post.
 *
 * @param summary the given summary, or the one derived from the content when none was given
 * @param summaryDerived whether {@code summary} was derived
 * @param publishAt the publication time of a scheduled post (in the future); empty otherwise
 * @param expectedVersion the version an edit started from ({@code PUT} only); empty: unconditional
 */
public record PostDraft(
    PostType type,
    String title,
    String summary,
    String content,
    Optional<String> sourceUrl,
    List<String> tags,
    List<String> categories,
    boolean summaryDerived,
    PostStatus status,
    Visibility visibility,
    Optional<Instant> publishAt,
    Optional<Long> expectedVersion) {

  public PostDraft {
    tags = List.copyOf(tags);
    categories = List.copyOf(categories);
  }

  /** A stable rendering of every field, for comparing a replayed request with the first one. */
  public Map<String, Object> canonical() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", type.wireName());
    m.put("title", title);
    m.put("summary", summary);
    m.put("content", content);
    m.put("sourceUrl", sourceUrl.orElse(null));
    m.put("tags", tags);
    // Fields added with drafts: only when they differ from what older requests meant, so that a
    // replay of a request hashed before them still matches.
    if (!categories.isEmpty()) {
      m.put("categories", categories);
    }
    if (status != PostStatus.PUBLISHED) {
      m.put("status", status.wireName());
    }
    if (visibility != Visibility.PUBLIC) {
      m.put("visibility", visibility.wireName());
    }
    publishAt.ifPresent(at -> m.put("publishAt", Timestamps.format(at)));
    return m;
  }
}
