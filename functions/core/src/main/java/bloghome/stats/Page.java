package bloghome.stats;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of a listing and where the next one starts (the store's last evaluated key, as
 * strings, to be signed into a cursor), or empty on the last page.
 */
public record Page<T>(List<T> items, Optional<Map<String, String>> next) {
  public Page {
    items = List.copyOf(items);
    next = next.map(Map::copyOf);
  }
}
