package bloghome.posts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields an author writes, already validated: the body of a create, of an update (which
 * replaces all of them) and of one imported post.
 *
 * @param summary the given summary, or the one derived from the content when none was given
 */
public record PostDraft(
    PostType type,
    String title,
    String summary,
    String content,
    Optional<String> sourceUrl,
    List<String> tags,
    List<String> categories) {

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
    m.put("categories", categories);
    return m;
  }
}
