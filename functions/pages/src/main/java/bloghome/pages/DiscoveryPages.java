package bloghome.pages;

import bloghome.comments.RecentComments;
import bloghome.discovery.Discovery;
import bloghome.errors.Problem;
import bloghome.pages.PageModels.IndexPage;
import bloghome.pages.PageModels.IndexRow;
import bloghome.pages.PageModels.ProfileView;
import bloghome.pages.PageModels.SideLink;
import bloghome.pages.PageModels.Sidebar;
import bloghome.posts.ListingPage;
import bloghome.posts.ListingQuery;
import bloghome.posts.ListingSort;
import bloghome.posts.PostListing;
import bloghome.posts.PostSummary;
import bloghome.posts.PostType;
import bloghome.table.DiscoveryItems.Kind;
import bloghome.table.DiscoveryItems.Listed;
import bloghome.table.DiscoveryItems.Order;
import bloghome.table.DiscoveryItems.Total;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The category, tag and archive pages and the sidebar of the home, post and index pages
 * (docs/discovery.md): one Query a list page, plus the sidebar's few small reads.
 */
public final class DiscoveryPages {
  /** Posts a category, tag or archive page shows, as the home page. */
  public static final int PAGE_SIZE = Pages.PAGE_SIZE;

  /** Hot posts in the sidebar. */
  public static final int HOT_POSTS = 5;

  /** Newest comments in the sidebar. */
  public static final int RECENT_COMMENTS = 5;

  private final Discovery discovery;
  private final PostListing listing;
  private final RecentComments comments;

  public DiscoveryPages(Discovery discovery, PostListing listing, RecentComments comments) {
    this.discovery = discovery;
    this.listing = listing;
    this.comments = comments;
  }

  /**
   * What a category, tag or archive page asks for: newest first, or most viewed first ({@code
   * ?sort=views}, as the home page).
   */
  public record IndexRequest(
      Kind kind,
      String userId,
      String name,
      Order order,
      Optional<String> cursor,
      List<String> trail) {}

  /** The page's order from its {@code sort} parameter (latest or views; else a 400). */
  public static Order order(Optional<String> sort) {
    return sort.map(ListingSort::parse).orElse(ListingSort.LATEST) == ListingSort.VIEWS
        ? Order.VIEWS
        : Order.NEWEST;
  }

  /** The sidebar's data: built once, rendered in the reader's language. */
  public record SidebarData(
      Discovery.Sidebar lists, List<PostSummary> hot, List<RecentComments.Recent> comments) {}

  public SidebarData sidebar(String userId) {
    ListingPage hot =
        listing.list(
            ListingQuery.parse(
                userId,
                Optional.of(Integer.toString(HOT_POSTS)),
                Optional.of("views"),
                Optional.empty(),
                Optional.empty()));
    return new SidebarData(
        discovery.sidebar(userId), hot.items(), comments.newest(userId, RECENT_COMMENTS));
  }

  public Discovery.IndexPage page(IndexRequest request) {
    return discovery.page(
        request.kind(),
        request.userId(),
        request.name(),
        request.order(),
        PAGE_SIZE,
        request.cursor());
  }

  public Sidebar sidebarView(SidebarData data, String userId, Messages m) {
    String home = Links.home(userId);
    List<SideLink> categories = new ArrayList<>();
    for (Total t : data.lists().categories()) {
      categories.add(new SideLink(t.name(), indexHref(Kind.CATEGORY, userId, t.name()), t.count()));
    }
    List<SideLink> months = new ArrayList<>();
    for (Total t : data.lists().months()) {
      months.add(
          new SideLink(
              monthLabel(t.name(), m), indexHref(Kind.MONTH, userId, t.name()), t.count()));
    }
    List<SideLink> tags = new ArrayList<>();
    for (Total t : data.lists().tags()) {
      tags.add(new SideLink(t.name(), indexHref(Kind.TAG, userId, t.name()), t.count()));
    }
    List<SideLink> hot = new ArrayList<>();
    for (PostSummary s : data.hot()) {
      hot.add(new SideLink(s.title(), Links.post(s.postId()), s.counters().views()));
    }
    List<PageModels.RecentComment> recent = new ArrayList<>();
    for (RecentComments.Recent c : data.comments()) {
      String name =
          c.authorName() == null || c.authorName().isBlank() ? c.authorId() : c.authorName();
      recent.add(
          new PageModels.RecentComment(
              Links.post(c.postId()) + "#comments",
              name,
              c.excerpt(),
              c.postTitle(),
              Times.show(c.createdAt())));
    }
    return new Sidebar(categories, months, tags, hot, recent, home + "/feed.xml");
  }

  public IndexPage indexPage(
      IndexRequest request,
      Discovery.IndexPage page,
      ProfileView profile,
      Sidebar sidebar,
      PageModels.Layout layout,
      Messages m) {
    List<IndexRow> rows = new ArrayList<>();
    for (Listed p : page.posts()) {
      String type = PostType.parse(p.type(), "type").wireName();
      rows.add(
          new IndexRow(
              Links.post(p.postId()),
              m.t("type." + type),
              type,
              p.title(),
              p.summary(),
              Times.show(p.publishedAt())));
    }
    String list = indexHref(request.kind(), request.userId(), request.name());
    boolean byViews = request.order() == Order.VIEWS;
    String sort = byViews ? "views" : null;
    List<PageModels.Tab> sorts =
        List.of(
            new PageModels.Tab(m.t("home.sort.latest"), list, !byViews),
            new PageModels.Tab(
                m.t("home.sort.views"), withCursor(list, "views", null, List.of()), byViews));
    Optional<String> previous = Optional.empty();
    if (request.cursor().isPresent()) {
      List<String> trail = request.trail();
      previous =
          Optional.of(
              trail.isEmpty()
                  ? withCursor(list, sort, null, List.of())
                  : withCursor(list, sort, trail.getLast(), trail.subList(0, trail.size() - 1)));
    }
    Optional<String> next =
        page.nextCursor()
            .map(
                c -> {
                  List<String> trail = new ArrayList<>(request.trail());
                  request.cursor().ifPresent(trail::add);
                  while (trail.size() > Pages.MAX_TRAIL) {
                    trail.removeFirst();
                  }
                  return withCursor(list, sort, c, trail);
                });
    int pageNumber = request.cursor().isPresent() ? request.trail().size() + 2 : 1;
    Optional<String> feed =
        request.kind() == Kind.MONTH ? Optional.empty() : Optional.of(list + "/feed.xml");
    return new IndexPage(
        layout,
        profile,
        heading(request.kind(), request.name(), m),
        request.kind().name().toLowerCase(Locale.ROOT),
        sorts,
        rows,
        page.total(),
        pageNumber,
        previous,
        next,
        sidebar,
        feed);
  }

  /** The page's heading: 分类 X, 标签 X, or the month. */
  public static String heading(Kind kind, String name, Messages m) {
    return switch (kind) {
      case CATEGORY -> m.t("index.category", name);
      case TAG -> m.t("index.tag", name);
      case MONTH -> m.t("index.month", monthLabel(name, m));
    };
  }

  static String monthLabel(String yyyyMm, Messages m) {
    String month = yyyyMm.substring(5);
    return m.t(
        "index.monthLabel",
        yyyyMm.substring(0, 4),
        Integer.toString(Integer.parseInt(month)),
        month);
  }

  /** {@code /u/{u}/category/{c}}, {@code /u/{u}/tag/{t}}, {@code /u/{u}/archive/{yyyy-mm}}. */
  public static String indexHref(Kind kind, String userId, String name) {
    String segment =
        switch (kind) {
          case CATEGORY -> "category";
          case TAG -> "tag";
          case MONTH -> "archive";
        };
    return Links.home(userId) + "/" + segment + "/" + Links.segment(name);
  }

  /** The kind a path segment names, or a 404. */
  public static Kind kindOf(String segment) {
    return switch (segment) {
      case "category" -> Kind.CATEGORY;
      case "tag" -> Kind.TAG;
      case "archive" -> Kind.MONTH;
      default -> throw Problem.notFound("PAGE_NOT_FOUND", "No such page.");
    };
  }

  private static String withCursor(String base, String sort, String cursor, List<String> trail) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("sort", sort);
    params.put("cursor", cursor);
    params.put("trail", trail.isEmpty() ? null : String.join("~", trail));
    return Links.withQuery(base, params);
  }
}
