package bloghome.search.index;

import java.util.List;

/** Names of the index's fields and the weight of each text field in the ranking. */
public final class SearchFields {
  public static final String POST_ID = "postId";
  public static final String TITLE = "title";
  public static final String SUMMARY = "summary";
  public static final String CONTENT = "content";
  public static final String TAGS = "tags";
  public static final String PUBLISHED_AT = "publishedAt";

  /** Searched text fields, each indexed with both analyses of {@link SearchAnalyzers}. */
  public static final List<String> TEXT_FIELDS = List.of(TITLE, TAGS, SUMMARY, CONTENT);

  private SearchFields() {}

  static float boost(String field) {
    return switch (field) {
      case TITLE -> 4f;
      case TAGS -> 3f;
      case SUMMARY -> 1.5f;
      default -> 1f;
    };
  }
}
