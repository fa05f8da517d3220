package bloghome.posts;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Publishes a scheduled post when its schedule fires. Idempotent and safe against stale schedules:
 * it publishes only a post that is still {@code scheduled} for exactly the time the schedule was
 * made for. A schedule firing twice finds the post published; one made for a time the author has
 * changed since (rescheduled, unscheduled, published by hand, deleted) finds another state or time
 * and does nothing.
 */
public final class ScheduledPublishing {
  private static final int ATTEMPTS = 5;

  private final PostStore store;
  private final Clock clock;

  public ScheduledPublishing(PostStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** What a firing did. */
  public enum Outcome {
    PUBLISHED,
    /** The post is gone, no longer scheduled, or scheduled for another time. */
    NOTHING_TO_DO
  }

  public Outcome publish(String postId, Instant publishAt) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Post> found = store.find(postId, true);
      if (found.isEmpty()) {
        return Outcome.NOTHING_TO_DO;
      }
      Post post = found.get();
      PostSummary s = post.summary();
      if (s.status() != PostStatus.SCHEDULED || !s.publishAt().equals(Optional.of(publishAt))) {
        return Outcome.NOTHING_TO_DO;
      }
      PostSummary published =
          new PostSummary(
              s.postId(),
              s.authorId(),
              s.type(),
              s.title(),
              s.summary(),
              publishAt,
              clock.instant(),
              s.counters(),
              s.sourceId(),
              PostStatus.PUBLISHED,
              s.visibility(),
              Optional.empty(),
              s.version() + 1);
      Post after =
          new Post(
              published,
              post.content(),
              post.sourceUrl(),
              post.tags(),
              post.categories(),
              post.summaryDerived());
      if (store.replace(s, after) == PostStore.Write.DONE) {
        return Outcome.PUBLISHED;
      }
    }
    throw Publishing.busy();
  }
}
