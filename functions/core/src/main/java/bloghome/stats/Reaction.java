package bloghome.stats;

import bloghome.table.TableKeys;

/** A user's mark on a post that the post and its author count: a like or a favorite. */
public enum Reaction {
  LIKE(TableKeys.LIKE_MARKER, "likes", "liked"),
  FAVORITE(TableKeys.FAVORITE_MARKER, "favorites", "favorited");

  private final String markerPrefix;
  private final String counter;
  private final String stateName;

  Reaction(String markerPrefix, String counter, String stateName) {
    this.markerPrefix = markerPrefix;
    this.counter = counter;
    this.stateName = stateName;
  }

  String markerPrefix() {
    return markerPrefix;
  }

  /** The counter attribute on the post summary and on the author's profile. */
  public String counter() {
    return counter;
  }

  /** The response field: {@code liked} or {@code favorited}. */
  public String stateName() {
    return stateName;
  }
}
