package bloghome.pages;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What each template renders: plain data, every string already chosen, nothing left to look up. */
public final class PageModels {
  private PageModels() {}

  /**
   * The frame every page shares.
   *
   * @param path the current path and query, for "sign in" links that come back here
   * @param langHref the same page in the other language
   * @param style CSS for one {@code <style>} element (the skin), allowed by its CSP hash; empty for
   *     none
   * @param scripts module scripts, by asset name
   * @param data {@code data-*} attributes of {@code <body>} that scripts read
   * @param seo what search engines and share cards read; {@link Seo#NONE} on error and session
   *     pages
   */
  public record Layout(
      Messages m,
      Assets assets,
      String title,
      String description,
      String path,
      String langHref,
      String signInHref,
      Optional<String> style,
      List<String> scripts,
      Map<String, String> data,
      Seo seo) {
    public String lang() {
      return m.lang().tag();
    }

    public String t(String key) {
      return m.t(key);
    }

    public String t(String key, Object... args) {
      return m.t(key, args);
    }

    public String asset(String name) {
      return assets.path(name);
    }
  }

  /**
   * The head's data for crawlers and share cards (docs/discovery.md): absolute canonical URL, the
   * page in each language ({@code hreflang}), Open Graph type, feeds, and JSON-LD blocks already
   * serialised (with {@code <} escaped, so they cannot end their element).
   */
  public record Seo(
      Optional<String> canonical,
      List<Alternate> alternates,
      String ogType,
      String siteName,
      List<Alternate> feeds,
      List<String> jsonLd,
      boolean noindex) {
    public static final Seo NONE =
        new Seo(Optional.empty(), List.of(), "website", "", List.of(), List.of(), true);
  }

  /** A {@code <link rel="alternate">}: a language ({@code hreflang}) or a feed (its title). */
  public record Alternate(String label, String href) {}

  /** A link of the sidebar, a tag or a category, with its number of posts (or views). */
  public record SideLink(String label, String href, long count) {}

  /** The sidebar of the home, post and list pages. */
  public record Sidebar(
      List<SideLink> categories,
      List<SideLink> months,
      List<SideLink> tags,
      List<SideLink> hot,
      List<RecentComment> comments,
      String feedHref) {}

  /** The users a blogger follows (the 关注 tab), newest first. */
  public record FollowingPage(
      Layout layout,
      ProfileView profile,
      List<Tab> sections,
      List<SideLink> users,
      Optional<String> nextHref,
      Sidebar sidebar) {}

  /** A recent comment in the sidebar: who said what on which post. */
  public record RecentComment(
      String href, String author, String excerpt, String postTitle, String created) {}

  /** A post in a category, tag or archive page. */
  public record IndexRow(
      String href,
      String typeLabel,
      String typeClass,
      String title,
      String summary,
      String published) {}

  /** A category, tag or archive page. */
  public record IndexPage(
      Layout layout,
      ProfileView profile,
      String heading,
      String kindClass,
      List<Tab> sorts,
      List<IndexRow> posts,
      long total,
      int pageNumber,
      Optional<String> previousHref,
      Optional<String> nextHref,
      Sidebar sidebar,
      Optional<String> feedHref) {}

  /** A link in a row of tabs; {@code current} marks the page being shown. */
  public record Tab(String label, String href, boolean current) {}

  public record PostRow(
      String href,
      String typeLabel,
      String typeClass,
      String title,
      String summary,
      String published,
      long views,
      long comments) {}

  public record ProfileView(
      String userId,
      String displayName,
      String bio,
      String homeHref,
      long posts,
      long views,
      long likes,
      long favorites,
      long followers,
      long following,
      Optional<String> avatar) {}

  public record HomePage(
      Layout layout,
      ProfileView profile,
      List<Tab> sections,
      List<Tab> sorts,
      List<Tab> types,
      List<PostRow> posts,
      long total,
      int pageNumber,
      Optional<String> previousHref,
      Optional<String> nextHref,
      boolean hasHeader,
      Sidebar sidebar) {}

  public record CommentRow(
      String commentId,
      String authorId,
      String authorName,
      String body,
      String created,
      boolean deleted) {}

  public record ThreadRow(CommentRow top, List<CommentRow> replies, long replyCount) {
    public long hiddenReplies() {
      return Math.max(0, replyCount - replies.size());
    }
  }

  public record PostView(
      String postId,
      String typeLabel,
      String typeClass,
      String title,
      String contentHtml,
      Optional<String> sourceUrl,
      List<SideLink> tags,
      List<SideLink> categories,
      String published,
      long views,
      long likes,
      long favorites,
      long comments,
      Reading reading,
      Optional<SideLink> previous,
      Optional<SideLink> next,
      List<SideLink> related) {}

  /**
   * What helps a reader through a post: the table of contents (empty when the post has fewer than
   * {@link #TOC_MIN_HEADINGS} headings), the reading time, and whether it has code.
   */
  public record Reading(List<Markdown.TocEntry> toc, int topLevel, int minutes, boolean hasCode) {
    public static final int TOC_MIN_HEADINGS = 3;

    public static Reading of(Markdown.Rendered rendered) {
      List<Markdown.TocEntry> toc =
          rendered.headings().size() >= TOC_MIN_HEADINGS ? rendered.headings() : List.of();
      int top = toc.stream().mapToInt(Markdown.TocEntry::level).min().orElse(1);
      return new Reading(toc, top, rendered.readingMinutes(), rendered.hasCode());
    }

    /** An entry's indent: its level below the shallowest heading of the table, at most 3. */
    public int depth(Markdown.TocEntry entry) {
      return Math.min(3, entry.level() - topLevel);
    }
  }

  public record PostPage(
      Layout layout,
      PostView post,
      ProfileView author,
      List<ThreadRow> threads,
      boolean moreThreads,
      Sidebar sidebar) {}

  /** A sentence for one upload rejection code, for the editor's script. */
  public record Sentence(String code, String text) {}

  public record SkinEditorPage(
      Layout layout,
      ProfileView owner,
      Map<String, String> colors,
      Map<String, String> images,
      List<Sentence> sentences) {}

  /**
   * A studio page (editor, manager, profile): a static shell whose script fills it from the API
   * with the owner's token, so it holds no data of its own; {@code strings} are the sentences the
   * script shows.
   */
  public record StudioPage(Layout layout, List<Sentence> strings, StudioLimits limits) {}

  /** The limits the editor states before they are hit (the API enforces them). */
  public record StudioLimits(
      int titleMax,
      int summaryMax,
      int contentMaxBytes,
      int tagsMax,
      int categoriesMax,
      int scheduleMaxDays,
      int displayNameMax,
      int bioMax) {
    public int contentMaxKb() {
      return contentMaxBytes / 1024;
    }
  }

  public record ErrorPage(Layout layout, int status, String heading, String message) {}

  /** The sign-in and callback pages: what their script needs to finish signing in. */
  public record AuthPage(Layout layout, String heading, String message) {}

  /** A run of a search result's text; {@code hit} runs are marked (the template escapes both). */
  public record Mark(String text, boolean hit) {}

  /** One search result: its link, title and snippet with the matched runs, and its date. */
  public record SearchRow(String href, List<Mark> title, List<Mark> snippet, String date) {}

  /**
   * The search page of a blog (rendered by SearchFunction with this module's layout).
   *
   * @param count what was found, in words ("找到 3 篇"); empty before a query
   * @param previousHref the previous page, or null
   * @param nextHref the next page, or null
   */
  public record SearchPage(
      Layout layout,
      String action,
      String homeHref,
      String heading,
      String query,
      String count,
      List<SearchRow> rows,
      String previousHref,
      String nextHref) {}
}
