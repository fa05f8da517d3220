package bloghome.paging;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a store's Query and where the next one starts (the last evaluated key, as strings, to
 * be signed into a cursor), or empty on the last page. What a use case hands out is the items with
 * that signed cursor, never this position.
 */
public record StorePage<T>(List<T> items, Optional<Map<String, String>> next) {
  public StorePage {
    items = List.copyOf(items);
    next = next.map(Map::copyOf);
  }
}
