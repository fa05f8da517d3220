package bloghome.pages;

import bloghome.pages.PageModels.HomePage;
import bloghome.pages.PageModels.PostRow;
import bloghome.pages.PageModels.Tab;
import bloghome.posts.PostSummary;
import bloghome.posts.PostType;
import bloghome.skins.SkinSlot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A home page's template model from its data: the section, sort and type tabs, the rows, and the
 * links to the previous and next pages (each carrying the trail of earlier cursors).
 */
final class HomePageModel {
  private HomePageModel() {}

  static HomePage of(
      Pages.Home home, PageModels.Layout layout, Messages m, PageModels.Sidebar sidebar) {
    Pages.HomePageParts parts = home.parts();
    String base = home.profile().homeHref();
    String typeParam = parts.type().orElse(null);
    String sortParam = parts.sort().equals("latest") ? null : parts.sort();
    List<Tab> sections = sections(home.profile(), m, 0);
    List<Tab> sorts =
        List.of(
            new Tab(
                m.t("home.sort.latest"),
                query(base, null, typeParam, null, List.of()),
                sortParam == null),
            new Tab(
                m.t("home.sort.views"),
                query(base, "views", typeParam, null, List.of()),
                "views".equals(sortParam)));
    List<Tab> types = new ArrayList<>();
    types.add(
        new Tab(
            m.t("home.type.all"),
            query(base, sortParam, null, null, List.of()),
            typeParam == null));
    for (PostType t : PostType.values()) {
      types.add(
          new Tab(
              m.t("type." + t.wireName()),
              query(base, sortParam, t.wireName(), null, List.of()),
              t.wireName().equals(typeParam)));
    }
    List<PostRow> rows = new ArrayList<>();
    for (PostSummary s : parts.page().items()) {
      rows.add(
          new PostRow(
              Links.post(s.postId()),
              m.t("type." + s.type().wireName()),
              s.type().wireName(),
              s.title(),
              s.summary(),
              Times.show(s.publishedAt()),
              s.counters().views(),
              s.counters().comments()));
    }
    Optional<String> previous = Optional.empty();
    if (parts.cursor().isPresent()) {
      List<String> trail = parts.trail();
      if (trail.isEmpty()) {
        previous = Optional.of(query(base, sortParam, typeParam, null, List.of()));
      } else {
        previous =
            Optional.of(
                query(
                    base,
                    sortParam,
                    typeParam,
                    trail.getLast(),
                    trail.subList(0, trail.size() - 1)));
      }
    }
    Optional<String> next =
        parts
            .page()
            .nextCursor()
            .map(
                c -> {
                  List<String> trail = new ArrayList<>(parts.trail());
                  parts.cursor().ifPresent(trail::add);
                  while (trail.size() > Pages.MAX_TRAIL) {
                    trail.removeFirst();
                  }
                  return query(base, sortParam, typeParam, c, trail);
                });
    int pageNumber = parts.cursor().isPresent() ? parts.trail().size() + 2 : 1;
    return new HomePage(
        layout,
        home.profile(),
        sections,
        sorts,
        types,
        rows,
        parts.page().total(),
        pageNumber,
        previous,
        next,
        home.skin().image(SkinSlot.HEADER).isPresent(),
        sidebar);
  }

  /**
   * The 博客 / 收藏 / 关注 tabs, {@code current} marking one (0, 1, 2). Favorites are the owner's alone
   * (the stats API refuses anyone else), so that tab is a count, not a link.
   */
  static List<Tab> sections(PageModels.ProfileView profile, Messages m, int current) {
    String base = profile.homeHref();
    return List.of(
        new Tab(m.t("home.tab.posts", profile.posts()), base, current == 0),
        new Tab(m.t("home.tab.favorites", profile.favorites()), null, current == 1),
        new Tab(m.t("home.tab.following", profile.following()), base + "/following", current == 2));
  }

  private static String query(
      String base, String sort, String type, String cursor, List<String> trail) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("sort", sort);
    params.put("type", type);
    params.put("cursor", cursor);
    params.put("trail", trail.isEmpty() ? null : String.join("~", trail));
    return Links.withQuery(base, params);
  }
}
