package bloghome.posts;

import bloghome.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One page of a listing: the posts, how many match in all, and where the next page starts. */
public record ListingPage(List<PostSummary> items, long total, Optional<String> nextCursor)
    implements JsonValue {

  public ListingPage {
    items = List.copyOf(items);
  }

  @Override
  public Object toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("items", items);
    m.put("total", total);
    m.put("nextCursor", nextCursor.orElse(null));
    return m;
  }
}
