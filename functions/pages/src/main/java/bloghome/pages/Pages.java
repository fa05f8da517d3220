package bloghome.pages;

import bloghome.comments.Comment;
import bloghome.comments.CommentService;
import bloghome.comments.CommentViews;
import bloghome.comments.RecentComments;
import bloghome.discovery.Discovery;
import bloghome.errors.Problem;
import bloghome.pages.PageModels.CommentRow;
import bloghome.pages.PageModels.HomePage;
import bloghome.pages.PageModels.PostPage;
import bloghome.pages.PageModels.PostView;
import bloghome.pages.PageModels.ProfileView;
import bloghome.pages.PageModels.Sentence;
import bloghome.pages.PageModels.SkinEditorPage;
import bloghome.pages.PageModels.ThreadRow;
import bloghome.posts.ListingPage;
import bloghome.posts.ListingQuery;
import bloghome.posts.Post;
import bloghome.posts.PostListing;
import bloghome.posts.PostStore;
import bloghome.posts.PostSummary;
import bloghome.posts.PostType;
import bloghome.profiles.Profile;
import bloghome.profiles.ProfileStore;
import bloghome.profiles.Profiles;
import bloghome.skins.ColorField;
import bloghome.skins.MediaUrls;
import bloghome.skins.Skin;
import bloghome.skins.SkinSlot;
import bloghome.skins.SkinStore;
import bloghome.stats.FollowEntry;
import bloghome.stats.Follows;
import bloghome.table.DiscoveryItems.Kind;
import bloghome.table.DiscoveryItems.Listed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds each page's data and model from the stores every other function reads through; the home
 * page's model (tabs, rows, page links) is {@link HomePageModel}.
 */
public final class Pages {
  public static final int PAGE_SIZE = 40;
  public static final int COMMENT_THREADS = 50;

  /** How many earlier pages the "previous" links remember; beyond that they go back to page 1. */
  static final int MAX_TRAIL = 20;

  private static final Pattern CURSOR_CHARS = Pattern.compile("[A-Za-z0-9_.\\-]{1,2048}");

  /**
   * Codes an upload can be refused with: the validator's, the status API's timeout, codes a newer
   * validator may add, and the editor's own checks before uploading.
   */
  public static final List<String> REJECTION_CODES =
      List.of(
          "TOO_LARGE",
          "UNSUPPORTED_FORMAT",
          "TYPE_MISMATCH",
          "DIMENSIONS",
          "PIXEL_LIMIT",
          "CORRUPT",
          "TRAILING_DATA",
          "ANIMATED",
          "EMPTY",
          "METADATA_TOO_LARGE",
          "DECODED_TOO_LARGE",
          "VALIDATION_TIMEOUT",
          "UNKNOWN",
          "CLIENT_TYPE",
          "CLIENT_SIZE",
          "CLIENT_DIMENSIONS",
          "CLIENT_UNREADABLE",
          "UPLOAD_FAILED");

  private final PostListing listing;
  private final Profiles profiles;
  private final ProfileStore profileStore;
  private final SkinStore skins;
  private final CommentService comments;
  private final MediaUrls media;
  private final Markdown markdown = new Markdown();
  private final DiscoveryPages discovery;
  private final FeedPages feeds;
  private final Discovery blogs;
  private final Follows follows;

  public Pages(
      PostListing listing,
      ProfileStore profileStore,
      SkinStore skins,
      CommentService comments,
      MediaUrls media,
      Discovery discovery,
      RecentComments recentComments,
      Follows follows) {
    this.follows = follows;
    this.listing = listing;
    this.discovery = new DiscoveryPages(discovery, listing, recentComments);
    this.blogs = discovery;
    this.profiles = new Profiles(profileStore);
    this.profileStore = profileStore;
    this.skins = skins;
    this.comments = comments;
    this.media = media;
    this.feeds = new FeedPages(listing, discovery, profiles);
  }

  /** Feeds, sitemaps and robots.txt. */
  public FeedPages feeds() {
    return feeds;
  }

  /** The blogs with posts, for the sitemap index. */
  public FeedPages.DiscoveryIndexSource blogs() {
    return blogs::blogs;
  }

  /** What a home page asks for, straight from its query string. */
  public record HomeRequest(
      String userId,
      Optional<String> sort,
      Optional<String> type,
      Optional<String> cursor,
      Optional<String> trail) {}

  /** The home page's data; the layout is added by the caller, who knows the request. */
  public record Home(
      ProfileView profile,
      Skin skin,
      String skinCss,
      HomePageParts parts,
      DiscoveryPages.SidebarData sidebar) {}

  /** The parts of a home page that do not depend on the language, built once. */
  public record HomePageParts(
      ListingPage page,
      String sort,
      Optional<String> type,
      List<String> trail,
      Optional<String> cursor) {}

  public Home home(HomeRequest request) {
    List<String> trail = parseTrail(request.trail(), request.cursor().isPresent());
    ProfileView profile = profile(profiles.get(request.userId()));
    ListingQuery query =
        ListingQuery.parse(
            request.userId(),
            Optional.of(Integer.toString(PAGE_SIZE)),
            request.sort(),
            request.type(),
            request.cursor());
    ListingPage page = listing.list(query);
    Skin skin = skins.find(request.userId()).orElseGet(() -> Skin.empty(request.userId()));
    return new Home(
        profile,
        skin,
        SkinCss.of(skin, media),
        new HomePageParts(
            page,
            query.sort().wireName(),
            query.type().map(PostType::wireName),
            trail,
            request.cursor()),
        discovery.sidebar(request.userId()));
  }

  public HomePage homePage(Home home, PageModels.Layout layout, Messages m) {
    return HomePageModel.of(
        home, layout, m, discovery.sidebarView(home.sidebar(), home.profile().userId(), m));
  }

  /** A category, tag or archive page's data. */
  public record IndexData(
      DiscoveryPages.IndexRequest request,
      Discovery.IndexPage page,
      ProfileView profile,
      DiscoveryPages.SidebarData sidebar) {}

  public IndexData index(DiscoveryPages.IndexRequest request) {
    ProfileView profile = profile(profiles.get(request.userId()));
    Discovery.IndexPage page = discovery.page(request);
    return new IndexData(request, page, profile, discovery.sidebar(request.userId()));
  }

  public PageModels.IndexPage indexPage(IndexData data, PageModels.Layout layout, Messages m) {
    return discovery.indexPage(
        data.request(),
        data.page(),
        data.profile(),
        discovery.sidebarView(data.sidebar(), data.profile().userId(), m),
        layout,
        m);
  }

  /** The 关注 tab: whom the blogger follows, 40 a page, newest first (one ByOwner Query). */
  public record FollowingData(
      ProfileView profile,
      List<FollowEntry> users,
      Optional<String> nextCursor,
      DiscoveryPages.SidebarData sidebar) {}

  public FollowingData following(String userId, Optional<String> cursor) {
    ProfileView profile = profile(profiles.get(userId));
    var page = follows.list(Follows.Direction.FOLLOWING, userId, PAGE_SIZE, cursor);
    return new FollowingData(
        profile,
        page.items(),
        Optional.ofNullable(follows.cursorFor(Follows.Direction.FOLLOWING, userId, page)),
        discovery.sidebar(userId));
  }

  public PageModels.FollowingPage followingPage(
      FollowingData data, PageModels.Layout layout, Messages m) {
    String base = data.profile().homeHref();
    List<PageModels.SideLink> users =
        data.users().stream()
            .map(u -> new PageModels.SideLink(u.userId(), Links.home(u.userId()), 0))
            .toList();
    return new PageModels.FollowingPage(
        layout,
        data.profile(),
        HomePageModel.sections(data.profile(), m, 2),
        users,
        data.nextCursor().map(c -> Links.withQuery(base + "/following", Map.of("cursor", c))),
        discovery.sidebarView(data.sidebar(), data.profile().userId(), m));
  }

  public record PostData(
      Post post,
      ProfileView author,
      CommentViews.ThreadPageView threads,
      DiscoveryPages.SidebarData sidebar,
      PostStore.Neighbours neighbours,
      List<Listed> related) {}

  public PostData post(String postId) {
    Post post = listing.get(postId);
    String authorId = post.summary().authorId();
    ProfileView author =
        profileStore.find(authorId).map(this::profile).orElseGet(() -> anonymous(authorId));
    CommentViews.ThreadPageView threads =
        comments.listThreads(
            postId, Optional.of(Integer.toString(COMMENT_THREADS)), Optional.empty());
    // Previous/next and related posts only lead from a listed post to listed posts (at most four
    // Queries: two of the listing, two of the discovery lists).
    PostStore.Neighbours neighbours = listing.neighbours(post.summary());
    List<Listed> related =
        post.summary().listed()
            ? blogs.related(authorId, postId, post.categories(), post.tags())
            : List.of();
    return new PostData(post, author, threads, discovery.sidebar(authorId), neighbours, related);
  }

  public PostPage postPage(PostData data, PageModels.Layout layout, Messages m) {
    PostSummary s = data.post().summary();
    Optional<String> source =
        data.post().sourceUrl().filter(u -> Markdown.isAllowed(u) && Markdown.isExternal(u));
    Markdown.Rendered content = markdown.render(data.post().content());
    PostView view =
        new PostView(
            s.postId(),
            m.t("type." + s.type().wireName()),
            s.type().wireName(),
            s.title(),
            content.html(),
            source,
            data.post().tags().stream()
                .map(
                    t ->
                        new PageModels.SideLink(
                            t, DiscoveryPages.indexHref(Kind.TAG, s.authorId(), t), 0))
                .toList(),
            data.post().categories().stream()
                .map(
                    c ->
                        new PageModels.SideLink(
                            c, DiscoveryPages.indexHref(Kind.CATEGORY, s.authorId(), c), 0))
                .toList(),
            Times.show(s.publishedAt()),
            s.counters().views(),
            s.counters().likes(),
            s.counters().favorites(),
            s.counters().comments(),
            PageModels.Reading.of(content),
            data.neighbours().older().map(Pages::postLink),
            data.neighbours().newer().map(Pages::postLink),
            data.related().stream()
                .map(r -> new PageModels.SideLink(r.title(), Links.post(r.postId()), 0))
                .toList());
    List<ThreadRow> threads = new ArrayList<>();
    for (CommentViews.ThreadView t : data.threads().items()) {
      threads.add(
          new ThreadRow(
              comment(t.comment(), m),
              t.replies().stream().map(c -> comment(c, m)).toList(),
              t.replyCount()));
    }
    return new PostPage(
        layout,
        view,
        data.author(),
        threads,
        data.threads().cursor() != null,
        discovery.sidebarView(data.sidebar(), s.authorId(), m));
  }

  public record SkinData(ProfileView owner, Skin skin, String skinCss) {}

  public SkinData skinEditor(String userId) {
    ProfileView owner = profile(profiles.get(userId));
    Skin skin = skins.find(userId).orElseGet(() -> Skin.empty(userId));
    return new SkinData(owner, skin, SkinCss.of(skin, media));
  }

  public SkinEditorPage skinEditorPage(SkinData data, PageModels.Layout layout, Messages m) {
    Map<String, String> colors = new LinkedHashMap<>();
    for (ColorField f : ColorField.values()) {
      colors.put(f.wireName(), data.skin().color(f));
    }
    Map<String, String> images = new LinkedHashMap<>();
    for (SkinSlot slot : SkinSlot.values()) {
      images.put(slot.wireName(), data.skin().image(slot).map(i -> media.url(i.key())).orElse(""));
    }
    List<Sentence> sentences =
        REJECTION_CODES.stream().map(code -> new Sentence(code, m.t("reject." + code))).toList();
    return new SkinEditorPage(layout, data.owner(), colors, images, sentences);
  }

  private static PageModels.SideLink postLink(PostSummary p) {
    return new PageModels.SideLink(p.title(), Links.post(p.postId()), 0);
  }

  private static CommentRow comment(Comment c, Messages m) {
    if (c.deleted()) {
      return new CommentRow(
          c.commentId(),
          "",
          m.t("comment.deletedAuthor"),
          m.t("comment.deleted"),
          Times.show(c.createdAt()),
          true);
    }
    String name =
        c.authorName() == null || c.authorName().isBlank() ? c.authorId() : c.authorName();
    return new CommentRow(
        c.commentId(), c.authorId(), name, c.body(), Times.show(c.createdAt()), false);
  }

  private ProfileView profile(Profile p) {
    return new ProfileView(
        p.userId(),
        p.displayName(),
        p.bio(),
        Links.home(p.userId()),
        p.posts(),
        p.views(),
        p.likes(),
        p.favorites(),
        p.followers(),
        p.following(),
        p.avatar());
  }

  private static ProfileView anonymous(String userId) {
    return new ProfileView(
        userId, userId, "", Links.home(userId), 0, 0, 0, 0, 0, 0, Optional.empty());
  }

  /** The cursors of earlier pages (see {@link #parseTrail}). */
  public static List<String> trail(Optional<String> raw, boolean hasCursor) {
    return parseTrail(raw, hasCursor);
  }

  /** The cursors of earlier pages, oldest first; a 400 naming the cursor for anything malformed. */
  static List<String> parseTrail(Optional<String> raw, boolean hasCursor) {
    if (raw.isEmpty() || raw.get().isEmpty()) {
      return List.of();
    }
    String[] parts = raw.get().split("~", -1);
    if (!hasCursor || parts.length > MAX_TRAIL) {
      throw invalidTrail();
    }
    for (String part : parts) {
      if (!CURSOR_CHARS.matcher(part).matches()) {
        throw invalidTrail();
      }
    }
    return List.of(parts);
  }

  private static Problem invalidTrail() {
    return Problem.invalid("INVALID_CURSOR", "trail", "The page links are not valid.");
  }
}
