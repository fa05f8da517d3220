package bloghome.posts;

import bloghome.errors.Problem;
import bloghome.text.WireNames;

/** The orders a listing offers. */
public enum ListingSort {
  /** Newest first; ties by postId. */
  LATEST("latest"),
  /** Most viewed first; ties by the newer post, then postId. */
  VIEWS("views");

  private final String wireName;

  ListingSort(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static ListingSort parse(String value) {
    return WireNames.find(values(), ListingSort::wireName, value)
        .orElseThrow(
            () -> Problem.invalid("INVALID_SORT", "sort", "sort must be latest or views."));
  }
}
