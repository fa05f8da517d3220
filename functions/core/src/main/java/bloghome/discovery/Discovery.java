package bloghome.discovery;

import bloghome.auth.Caller;
import bloghome.errors.Problem;
import bloghome.json.JsonObject;
import bloghome.json.JsonValue;
import bloghome.paging.CursorCodec;
import bloghome.posts.PostRules;
import bloghome.profiles.UserIds;
import bloghome.table.DiscoveryItems.Blogs;
import bloghome.table.DiscoveryItems.CategoryList;
import bloghome.table.DiscoveryItems.Entry;
import bloghome.table.DiscoveryItems.Kind;
import bloghome.table.DiscoveryItems.Listed;
import bloghome.table.DiscoveryItems.Order;
import bloghome.table.DiscoveryItems.Page;
import bloghome.table.DiscoveryItems.Total;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A blog's categories, tags and monthly archive: their pages (newest first, exact totals, one Query
 * a page), the sidebar's lists with counts, and the author's ordered category list
 * (docs/discovery.md).
 */
public final class Discovery {
  /** How many categories an author's own list may hold. */
  public static final int CATEGORY_LIST_MAX = 50;

  /** How many tags the sidebar shows (the most used). */
  public static final int SIDEBAR_TAGS = 30;

  /** How many related posts a post's page shows. */
  public static final int RELATED_MAX = 5;

  private static final Pattern MONTH = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

  private final DiscoveryStore store;
  private final CursorCodec cursors;

  public Discovery(DiscoveryStore store, CursorCodec cursors) {
    this.store = store;
    this.cursors = cursors;
  }

  /** For the author's writes, which page nothing. */
  public Discovery(DiscoveryStore store) {
    this(store, null);
  }

  /** What {@code GET} and {@code PUT /users/{u}/categories} answer. */
  public record CategoriesView(List<Total> categories, boolean feedFullText) implements JsonValue {
    @Override
    public Object toJson() {
      List<Object> list = new ArrayList<>();
      for (Total t : categories) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("posts", t.count());
        list.add(m);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("categories", list);
      m.put("feedFullText", feedFullText);
      return m;
    }
  }

  public CategoriesView categoriesView(String userId) {
    UserIds.requireValid(userId);
    return new CategoriesView(categories(userId), feedFullText(userId));
  }

  /**
   * A page of a category, tag or month in its order: its posts, exact total, and the next page's
   * cursor.
   */
  public record IndexPage(
      Kind kind,
      String userId,
      String name,
      Order order,
      List<Listed> posts,
      long total,
      Optional<String> nextCursor) {}

  public IndexPage page(Kind kind, String userId, String name, int limit, Optional<String> cursor) {
    return page(kind, userId, name, Order.NEWEST, limit, cursor);
  }

  /**
   * A page in {@code order}; a cursor is signed for its list and order, so one order's cursor is
   * refused by the other.
   */
  public IndexPage page(
      Kind kind, String userId, String name, Order order, int limit, Optional<String> cursor) {
    UserIds.requireValid(userId);
    requireName(kind, name);
    String scope =
        "idx:" + kind.key() + ":" + userId + ":" + name + (order == Order.VIEWS ? ":views" : "");
    Optional<Map<String, String>> after = Optional.empty();
    long carried = 0;
    if (cursor.isPresent()) {
      Map<String, String> position = new HashMap<>(cursors.decode(scope, cursor.get()));
      carried = parseTotal(position.remove("n"));
      if (!position.containsKey("id") || !position.containsKey("k")) {
        throw invalidCursor();
      }
      after = Optional.of(position);
    }
    Page page = store.page(kind, userId, name, order, limit, after);
    long total = page.total().orElse(carried);
    Optional<String> next =
        page.next()
            .map(
                position -> {
                  Map<String, String> withTotal = new LinkedHashMap<>(position);
                  withTotal.put("n", Long.toString(total));
                  return cursors.encode(scope, withTotal);
                });
    return new IndexPage(kind, userId, name, order, page.posts(), total, next);
  }

  /**
   * Up to {@link #RELATED_MAX} other listed posts of the author sharing the post's first category
   * or its first tag, newest first: at most two Queries (one a list, {@code RELATED_MAX + 1}
   * entries each, so the post itself can be left out), merged without duplicates.
   */
  public List<Listed> related(
      String userId, String postId, List<String> categories, List<String> tags) {
    Map<String, Listed> found = new LinkedHashMap<>();
    List<Entry> lists = new ArrayList<>();
    categories.stream().findFirst().ifPresent(c -> lists.add(new Entry(Kind.CATEGORY, c)));
    tags.stream().findFirst().ifPresent(t -> lists.add(new Entry(Kind.TAG, t)));
    for (Entry list : lists) {
      for (Listed l :
          store
              .page(
                  list.kind(), userId, list.name(), Order.NEWEST, RELATED_MAX + 1, Optional.empty())
              .posts()) {
        if (!l.postId().equals(postId)) {
          found.putIfAbsent(l.postId(), l);
        }
      }
    }
    return found.values().stream()
        .sorted(Comparator.comparing(Listed::publishedAt).thenComparing(Listed::postId).reversed())
        .limit(RELATED_MAX)
        .toList();
  }

  /**
   * The sidebar's lists: categories in the author's order (then any used category the list lacks,
   * by name), months newest first, the most used tags.
   */
  public record Sidebar(List<Total> categories, List<Total> months, List<Total> tags) {}

  public Sidebar sidebar(String userId) {
    UserIds.requireValid(userId);
    List<Total> months = new ArrayList<>();
    List<Total> tags = new ArrayList<>();
    List<Total> categories = new ArrayList<>();
    for (Total t : store.totals(userId)) {
      switch (t.kind()) {
        case MONTH -> months.add(t);
        case TAG -> tags.add(t);
        case CATEGORY -> categories.add(t);
      }
    }
    months.sort(Comparator.comparing(Total::name).reversed());
    tags.sort(Comparator.comparingLong(Total::count).reversed().thenComparing(Total::name));
    return new Sidebar(
        ordered(userId, categories),
        List.copyOf(months),
        List.copyOf(tags.subList(0, Math.min(SIDEBAR_TAGS, tags.size()))));
  }

  /**
   * The blog's categories with their counts: the author's list in its order (a listed category
   * without posts shows with 0), then the categories posts use that the list lacks, by name.
   */
  public List<Total> categories(String userId) {
    return ordered(userId, store.totals(userId, Kind.CATEGORY));
  }

  private List<Total> ordered(String userId, List<Total> usedTotals) {
    Map<String, Total> used = new LinkedHashMap<>();
    for (Total t : usedTotals) {
      used.put(t.name(), t);
    }
    List<Total> ordered = new ArrayList<>();
    for (String name : store.categoryList(userId).names()) {
      Total t = used.remove(name);
      ordered.add(t == null ? new Total(Kind.CATEGORY, name, 0) : t);
    }
    List<Total> rest = new ArrayList<>(used.values());
    rest.sort(Comparator.comparing(Total::name));
    ordered.addAll(rest);
    return List.copyOf(ordered);
  }

  /** Every category, tag or month of the blog with at least one listed post, in key order. */
  public List<Total> sidebarTotals(String userId, Kind kind) {
    UserIds.requireValid(userId);
    return store.totals(userId, kind);
  }

  /** A page of the blogs that have posts (the sitemap index), by user id. */
  public Blogs blogs(int limit, Optional<String> afterUserId) {
    return store.blogs(limit, afterUserId);
  }

  /** Whether the blog's feeds carry whole posts (else their summaries). */
  public boolean feedFullText(String userId) {
    return store.categoryList(userId).feedFullText();
  }

  /** {@code PUT /users/{u}/categories}: the author's order and feed choice. */
  public CategoriesView saveCategories(Caller caller, String userId, JsonObject body) {
    UserIds.requireValid(userId);
    caller.requireOwner(userId);
    body.allowOnly(Set.of("categories", "feedFullText"));
    List<String> names =
        body.optStringList("categories")
            .orElseThrow(
                () ->
                    Problem.invalid("INVALID_CATEGORIES", "categories", "categories is required."));
    if (names.size() > CATEGORY_LIST_MAX) {
      throw Problem.invalid(
          "INVALID_CATEGORIES",
          "categories",
          "At most " + CATEGORY_LIST_MAX + " categories; there are " + names.size() + ".");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String name : names) {
      if (!validName(name)) {
        throw Problem.invalid(
            "INVALID_CATEGORIES",
            "categories",
            "Each category must be 1-" + PostRules.TAG_MAX + " characters on one line.");
      }
      if (!seen.add(name)) {
        throw Problem.invalid(
            "INVALID_CATEGORIES", "categories", "categories repeats \"" + name + "\".");
      }
    }
    boolean full =
        body.optBoolean("feedFullText").orElseGet(() -> store.categoryList(userId).feedFullText());
    store.saveCategoryList(userId, new CategoryList(List.copyOf(seen), full));
    return categoriesView(userId);
  }

  private static boolean validName(String name) {
    int length = name.codePointCount(0, name.length());
    return length >= 1
        && length <= PostRules.TAG_MAX
        && name.strip().equals(name)
        && name.codePoints().noneMatch(Character::isISOControl);
  }

  /** A 404 for a name no post can carry (a month not {@code yyyy-MM}, an over-long tag). */
  static void requireName(Kind kind, String name) {
    boolean ok = kind == Kind.MONTH ? MONTH.matcher(name).matches() : validName(name);
    if (!ok) {
      throw Problem.notFound("PAGE_NOT_FOUND", "No such page.");
    }
  }

  private static long parseTotal(String raw) {
    try {
      return raw == null ? 0 : Math.max(0, Long.parseLong(raw));
    } catch (NumberFormatException e) {
      throw invalidCursor();
    }
  }

  private static Problem invalidCursor() {
    return Problem.invalid("INVALID_CURSOR", "cursor", "The cursor is not valid.");
  }
}
