package bloghome.migration;

import bloghome.log.Log;
import bloghome.posts.Post;
import bloghome.posts.PostStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Gives every post written before the discovery and studio changes what the current code writes
 * with a post (docs/operations.md, "Data migrations"): its category, tag and month entries and
 * their totals, the studio's keys, and (through the stream, as any save) its search document. Each
 * post is written again through {@link PostStore#backfill}, the same transaction an edit that
 * changes nothing would make, so the entries come from the one function that computes them.
 *
 * <p>Resumable: the table is scanned a page at a time and the cursor saved after each page, on
 * condition nobody else moved it. Idempotent: a post written again gets no entry twice (each is put
 * on condition it is absent, and its total moves only with it), so pages done twice after an
 * interruption, or the whole migration run again, change no count.
 */
public final class PostBackfill {
  /**
   * The migration the template's custom resource names (its {@code Migration} property). The second
   * run ({@code -2}) gives entries and totals written before the views order their ByViews keys
   * (docs/discovery.md).
   */
  public static final String NAME = "post-backfill-2";

  private static final int TRIES_PER_POST = 5;

  /** What one run did. */
  public enum Outcome {
    /** Every post is done (now or before). */
    DONE,
    /** The time budget ran out: the saved cursor is where the next run starts. */
    CONTINUES,
    /** Somebody else moved the migration on (a nudge or another runner): that one continues. */
    STOPPED,
    /** Never started: nothing to do. */
    NOT_STARTED
  }

  private final PostStore posts;
  private final MigrationStore states;
  private final Clock clock;
  private final int pageSize;

  public PostBackfill(PostStore posts, MigrationStore states, Clock clock, int pageSize) {
    this.posts = posts;
    this.states = states;
    this.clock = clock;
    this.pageSize = pageSize;
  }

  /** Starts the migration, or nudges it when it is running; a finished one stays finished. */
  public MigrationState start(String name) {
    return states.start(name, clock.instant());
  }

  public Optional<MigrationState> state(String name) {
    return states.read(name);
  }

  /** Works through pages of posts until the migration is done or {@code deadline} has passed. */
  public Outcome run(String name, Instant deadline) {
    Optional<MigrationState> stored = states.read(name);
    if (stored.isEmpty()) {
      return Outcome.NOT_STARTED;
    }
    MigrationState state = stored.get();
    if (state.done()) {
      return Outcome.DONE;
    }
    while (!state.done()) {
      if (!clock.instant().isBefore(deadline)) {
        return Outcome.CONTINUES;
      }
      PostStore.IdPage page = posts.allPostIds(pageSize, state.cursor());
      for (String postId : page.postIds()) {
        writeAgain(postId, name);
      }
      Optional<MigrationState> moved =
          states.advance(state, page.next(), page.postIds().size(), clock.instant());
      if (moved.isEmpty()) {
        return Outcome.STOPPED;
      }
      state = moved.get();
    }
    Log.info(
        "migration.done",
        Map.of("migration", name, "posts", state.processed(), "steps", state.step()));
    return Outcome.DONE;
  }

  private void writeAgain(String postId, String name) {
    for (int attempt = 0; attempt < TRIES_PER_POST; attempt++) {
      Optional<Post> post = posts.find(postId, true);
      if (post.isEmpty()) {
        return; // deleted since the page was read
      }
      if (posts.backfill(post.get(), name) == PostStore.Write.DONE) {
        return;
      }
    }
    throw new IllegalStateException(
        "post " + postId + " changed " + TRIES_PER_POST + " times during the backfill");
  }
}
