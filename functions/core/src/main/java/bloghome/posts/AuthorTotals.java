package bloghome.posts;

import bloghome.table.PostSummaryItems;
import bloghome.table.ProfileItems;
import bloghome.table.TableAccess;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * What a post write moves on its author's totals: the counters on the author's profile (the sum of
 * the author's posts' views, likes and favorites, and the number of posts) and the listing totals
 * per type, which {@link PostWrites} adds to every create, replace and delete so that they stay
 * exact (docs/posts.md). The items themselves come from their owners.
 */
final class AuthorTotals {
  /** The post counters that the author's profile sums, and the profile counter of each. */
  static final Map<PostSummaryItems.Counter, ProfileItems.Counter> ON_PROFILE = onProfile();

  private final ProfileItems profiles;
  private final PostSummaryItems summaries;

  AuthorTotals(TableAccess table) {
    this.profiles = new ProfileItems(table);
    this.summaries = new PostSummaryItems(table);
  }

  /** Whether going from {@code before} to {@code after} changes a counter the profile sums. */
  boolean movesProfile(Counters before, Counters after) {
    Map<PostSummaryItems.Counter, Long> b = PostItems.counters(before);
    Map<PostSummaryItems.Counter, Long> a = PostItems.counters(after);
    return ON_PROFILE.keySet().stream().anyMatch(c -> !a.get(c).equals(b.get(c)));
  }

  /**
   * Adds {@code posts} and the difference between the post's counters {@code before} and {@code
   * after} to the author's profile (creating it when absent, invisible); no counter goes below 0.
   */
  TransactWriteItem profileDelta(String userId, long posts, Counters before, Counters after) {
    Map<PostSummaryItems.Counter, Long> b = PostItems.counters(before);
    Map<PostSummaryItems.Counter, Long> a = PostItems.counters(after);
    Map<ProfileItems.Counter, Long> deltas = new EnumMap<>(ProfileItems.Counter.class);
    deltas.put(ProfileItems.Counter.POSTS, posts);
    ON_PROFILE.forEach((post, profile) -> deltas.put(profile, a.get(post) - b.get(post)));
    return profiles.add(userId, deltas);
  }

  /** The listing total of all posts ({@code type == null}) or of one type. */
  TransactWriteItem countDelta(String userId, PostType type, long delta) {
    return summaries.addToTotal(userId, type == null ? null : type.wireName(), delta);
  }

  private static Map<PostSummaryItems.Counter, ProfileItems.Counter> onProfile() {
    Map<PostSummaryItems.Counter, ProfileItems.Counter> map = new LinkedHashMap<>();
    map.put(PostSummaryItems.Counter.VIEWS, ProfileItems.Counter.VIEWS);
    map.put(PostSummaryItems.Counter.LIKES, ProfileItems.Counter.LIKES);
    map.put(PostSummaryItems.Counter.FAVORITES, ProfileItems.Counter.FAVORITES);
    return map;
  }
}
