package bloghome.posts;

import bloghome.errors.Problem;
import bloghome.ids.Ids;
import bloghome.paging.CursorCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Public reads: an author's listing, page by page, and one whole post. */
public final class PostListing {
  private final PostStore store;
  private final CursorCodec cursors;

  public PostListing(PostStore store, CursorCodec cursors) {
    this.store = store;
    this.cursors = cursors;
  }

  /**
   * One page, in one store Query. The total comes with the first page and then rides in the signed
   * cursor, so later pages need no second read.
   */
  public ListingPage list(ListingQuery query) {
    Optional<Map<String, String>> after = Optional.empty();
    long carriedTotal = 0;
    if (query.cursor().isPresent()) {
      Map<String, String> position = cursors.decode(query.scope(), query.cursor().get());
      carriedTotal = parseTotal(position.remove("n"));
      after = Optional.of(position);
    }
    PostStore.IndexPage page = store.list(query, after);
    long total = page.total().orElse(carriedTotal);
    Optional<String> next =
        page.next()
            .map(
                position -> {
                  Map<String, String> withTotal = new LinkedHashMap<>(position);
                  withTotal.put("n", Long.toString(total));
                  return cursors.encode(query.scope(), withTotal);
                });
    return new ListingPage(page.posts(), total, next);
  }

  /**
   * A post as an anonymous reader may read it: listed posts. Drafts, scheduled and private posts
   * are 404 (their existence is not told), followers-only posts 403 {@code FOLLOWERS_ONLY}.
   */
  public Post get(String postId) {
    return read(postId, Optional.empty());
  }

  /**
   * A post as {@code viewer} (a signed-in user, or empty) may read it: the author reads every
   * state; followers also read followers-only posts; everyone reads listed posts.
   */
  public Post read(String postId, Optional<String> viewer) {
    if (!Ids.looksValid(postId, "p")) {
      throw notFound();
    }
    Post post = store.find(postId, false).orElseThrow(PostListing::notFound);
    PostSummary s = post.summary();
    if (s.listed() || viewer.filter(s.authorId()::equals).isPresent()) {
      return post;
    }
    if (s.followersOnly()) {
      if (viewer.isPresent() && store.follows(viewer.get(), s.authorId())) {
        return post;
      }
      throw Studio.followersOnly();
    }
    throw notFound();
  }

  /**
   * The listed posts just older and newer than a listed post in its author's listing (two Queries);
   * none for a post that is not listed, whose page must not lead into the listing.
   */
  public PostStore.Neighbours neighbours(PostSummary post) {
    if (!post.listed()) {
      return new PostStore.Neighbours(Optional.empty(), Optional.empty());
    }
    return store.neighbours(post);
  }

  static Problem notFound() {
    return Problem.notFound("POST_NOT_FOUND", "No such post.");
  }

  private static long parseTotal(String raw) {
    try {
      return raw == null ? 0 : Math.max(0, Long.parseLong(raw));
    } catch (NumberFormatException e) {
      throw Problem.invalid("INVALID_CURSOR", "cursor", "The cursor is not valid.");
    }
  }
}
