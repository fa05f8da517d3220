package bloghome.stats;

import bloghome.errors.Problem;
import bloghome.ids.Ids;
import bloghome.log.Metrics;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Counts a post view at most once per visitor, post and UTC day; bots and the author's own views
 * are not counted.
 *
 * <p>The order keeps the cheap refusals cheap: a bot costs nothing; then the post's author is read
 * (one eventually consistent GetItem, which also answers 404 for a post deleted since); then the
 * optional token is checked (only if the request has one); only a view that may count computes the
 * visitor key and writes its marker. The counters follow from the markers, applied in batches by
 * the aggregator ({@link ViewCounting}).
 */
public final class Views {
  /** Who is viewing, as far as counting is concerned. Never carries a raw IP or User-Agent. */
  public interface Visitor {
    /** False for bots and requests without a User-Agent. */
    boolean countable();

    /** A keyed hash that identifies this visitor on {@code day} only. */
    String key(LocalDate day);
  }

  private final PostDirectory posts;
  private final ViewStore store;
  private final Clock clock;

  public Views(PostDirectory posts, ViewStore store, Clock clock) {
    this.posts = posts;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Returns whether the view was counted.
   *
   * @param viewerId the signed-in viewer, if the request carried a valid token
   */
  public boolean record(String postId, Visitor visitor, Supplier<Optional<String>> viewerId) {
    if (!Ids.isKeySafe(postId)) {
      throw postNotFound();
    }
    if (!visitor.countable()) {
      Metrics.count("ViewSkipped", "Reason", "bot");
      return false;
    }
    String authorId = posts.currentAuthorOf(postId).orElseThrow(Views::postNotFound);
    if (viewerId.get().filter(authorId::equals).isPresent()) {
      Metrics.count("ViewSkipped", "Reason", "author");
      return false;
    }
    LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return switch (store.record(postId, authorId, day, visitor.key(day))) {
      case COUNTED -> {
        Metrics.count("ViewCounted");
        yield true;
      }
      case ALREADY_COUNTED -> {
        Metrics.count("ViewSkipped", "Reason", "repeat");
        yield false;
      }
      case POST_GONE -> {
        posts.forget(postId);
        throw postNotFound();
      }
    };
  }

  static Problem postNotFound() {
    return Problem.notFound("POST_NOT_FOUND", "No such post.");
  }
}
