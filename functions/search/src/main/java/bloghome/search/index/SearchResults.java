package bloghome.search.index;

import java.util.List;

/** One page of results; {@code total} counts every matching post of the blog. */
public record SearchResults(
    String query, int page, int pageSize, long total, List<SearchHit> hits) {
  public static SearchResults empty(String query, int page, int pageSize) {
    return new SearchResults(query, page, pageSize, 0, List.of());
  }

  public boolean hasNext() {
    return (long) page * pageSize < total;
  }
}
