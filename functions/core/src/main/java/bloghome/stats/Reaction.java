package bloghome.stats;

import bloghome.table.PostSummaryItems;
import bloghome.table.ProfileItems;
import bloghome.table.TableKeys;

/** A user's mark on a post that the post and its author count: a like or a favorite. */
public enum Reaction {
  LIKE(
      TableKeys.LIKE_MARKER,
      PostSummaryItems.Counter.LIKES,
      ProfileItems.Counter.LIKES,
      "likes",
      "liked"),
  FAVORITE(
      TableKeys.FAVORITE_MARKER,
      PostSummaryItems.Counter.FAVORITES,
      ProfileItems.Counter.FAVORITES,
      "favorites",
      "favorited");

  private final String markerPrefix;
  private final PostSummaryItems.Counter postCounter;
  private final ProfileItems.Counter profileCounter;
  private final String counter;
  private final String stateName;

  Reaction(
      String markerPrefix,
      PostSummaryItems.Counter postCounter,
      ProfileItems.Counter profileCounter,
      String counter,
      String stateName) {
    this.markerPrefix = markerPrefix;
    this.postCounter = postCounter;
    this.profileCounter = profileCounter;
    this.counter = counter;
    this.stateName = stateName;
  }

  /** The counter on the post's summary. */
  PostSummaryItems.Counter postCounter() {
    return postCounter;
  }

  /** The counter on the author's profile. */
  ProfileItems.Counter profileCounter() {
    return profileCounter;
  }

  String markerPrefix() {
    return markerPrefix;
  }

  /** The response field of the count: {@code likes} or {@code favorites}. */
  public String counter() {
    return counter;
  }

  /** The response field: {@code liked} or {@code favorited}. */
  public String stateName() {
    return stateName;
  }
}
