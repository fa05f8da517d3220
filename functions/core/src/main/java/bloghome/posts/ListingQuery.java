package bloghome.posts;

import bloghome.errors.Problem;
import bloghome.paging.PageLimit;
import bloghome.profiles.UserIds;
import java.util.Optional;

/** A validated request for one page of an author's posts. */
public record ListingQuery(
    String userId, ListingSort sort, Optional<PostType> type, int limit, Optional<String> cursor) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  /** From raw query-string values, each of which may be absent. */
  public static ListingQuery parse(
      String userId,
      Optional<String> limit,
      Optional<String> sort,
      Optional<String> type,
      Optional<String> cursor) {
    UserIds.requireValid(userId);
    int size = PageLimit.parse(limit, DEFAULT_LIMIT, MAX_LIMIT);
    ListingSort order = sort.map(ListingSort::parse).orElse(ListingSort.LATEST);
    Optional<PostType> filter = type.map(t -> PostType.parse(t, "type"));
    if (cursor.isPresent() && cursor.get().isEmpty()) {
      throw Problem.invalid("INVALID_CURSOR", "cursor", "The cursor is not valid.");
    }
    return new ListingQuery(userId, order, filter, size, cursor);
  }

  /** What a cursor is bound to: the same user, order and filter (not the page size). */
  public String scope() {
    return "posts|"
        + userId
        + "|"
        + sort.wireName()
        + "|"
        + type.map(PostType::wireName).orElse("all");
  }
}
