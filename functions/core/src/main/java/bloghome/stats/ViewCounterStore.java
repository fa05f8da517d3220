package bloghome.stats;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the aggregator applies sums of views: each chunk of a shard's markers together with the
 * shard's checkpoint, in one atomic step.
 */
public interface ViewCounterStore {
  /** The padded sequence number of the last marker applied from this shard, if any. */
  Optional<String> checkpoint(String shardKey);

  /** What became of one chunk. */
  sealed interface Outcome {
    /** Sums and checkpoint written together. */
    record Applied() implements Outcome {}

    /** The checkpoint had already moved to or past the chunk's first marker: nothing written. */
    record CheckpointMoved() implements Outcome {}

    /** These posts no longer exist: nothing written; apply again without them. */
    record PostsGone(Set<String> postIds) implements Outcome {}
  }

  /**
   * Adds {@code viewsByPost} to the post summaries (views and viewRank) and {@code viewsByAuthor}
   * to the profiles, and moves the shard's checkpoint to {@code lastSequence}, all only if the
   * checkpoint is still below {@code firstSequence} (both padded) and every post still exists.
   */
  Outcome apply(
      String shardKey,
      String firstSequence,
      String lastSequence,
      Map<String, Long> viewsByPost,
      Map<String, Long> viewsByAuthor);

  /** The most items {@link #apply} may touch: checkpoint, posts and authors together. */
  int maxItemsPerApply();
}
