package bloghome.discovery;

import bloghome.table.DiscoveryItems.Blogs;
import bloghome.table.DiscoveryItems.CategoryList;
import bloghome.table.DiscoveryItems.Kind;
import bloghome.table.DiscoveryItems.Order;
import bloghome.table.DiscoveryItems.Page;
import bloghome.table.DiscoveryItems.Total;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of a blog's categories, tags and archive, and the author's category list. */
public interface DiscoveryStore {
  /** One page of a category, tag or month in an order (the total on the first page). */
  Page page(
      Kind kind,
      String userId,
      String name,
      Order order,
      int limit,
      Optional<Map<String, String>> after);

  /**
   * Gives the post's entries the summary's view rank where theirs is lower; never recreates a
   * removed entry. Answers how many changed.
   */
  int raiseRanks(String postId, Instant publishedAt, BigInteger viewRank);

  /** The blog's categories, tags or months with at least one listed post, in key order. */
  List<Total> totals(String userId, Kind kind);

  /** Every category, tag and month of the blog with at least one listed post, in one read. */
  List<Total> totals(String userId);

  CategoryList categoryList(String userId);

  void saveCategoryList(String userId, CategoryList list);

  /** A page of the blogs that have posts, for the sitemap index. */
  Blogs blogs(int limit, Optional<String> afterUserId);
}
