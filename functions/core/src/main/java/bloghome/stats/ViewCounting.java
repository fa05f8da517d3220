package bloghome.stats;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The views counters as a projection of the view markers: given the markers one stream shard
 * delivered (in stream order), adds each exactly once to the post's {@code views} and {@code
 * viewRank} and to the author's profile, however often or in whatever slices the batch is delivered
 * again.
 *
 * <p>How: the shard's checkpoint (the last sequence number applied) is read first and markers at or
 * below it are dropped, since they were applied before; the rest is cut into chunks small enough
 * for one transaction (checkpoint + posts + authors within DynamoDB's 100 items), and each chunk is
 * written with the checkpoint moved to its last marker, on condition that the checkpoint is still
 * below its first. A crash between two chunks, or after the last one and before Lambda took the
 * answer, leaves a checkpoint that tells the next delivery exactly where to go on.
 *
 * <p>Views of a post deleted since are dropped: neither its summary (which an update would
 * recreate) nor its author's profile gets them, as with a view of a deleted post before.
 */
public final class ViewCounting {
  /** What one call did, for the log and tests. */
  public record Report(
      int markers, int alreadyApplied, int droppedForDeletedPosts, int transactions) {}

  private final ViewCounterStore store;

  public ViewCounting(ViewCounterStore store) {
    this.store = store;
  }

  public Report apply(String shardKey, List<ViewMarker> markers) {
    String checkpoint = store.checkpoint(shardKey).orElse("");
    List<ViewMarker> pending = after(checkpoint, markers);
    int alreadyApplied = markers.size() - pending.size();
    int dropped = 0;
    int transactions = 0;
    Set<String> gone = new HashSet<>();
    for (List<ViewMarker> chunk : chunks(pending, store.maxItemsPerApply())) {
      while (!chunk.isEmpty()) {
        List<ViewMarker> live = chunk.stream().filter(m -> !gone.contains(m.postId())).toList();
        String first = SequenceNumbers.padded(chunk.get(0).sequenceNumber());
        String last = SequenceNumbers.padded(chunk.get(chunk.size() - 1).sequenceNumber());
        ViewCounterStore.Outcome outcome =
            store.apply(
                shardKey,
                first,
                last,
                sum(live, ViewMarker::postId),
                sum(live, ViewMarker::authorId));
        transactions++;
        switch (outcome) {
          case ViewCounterStore.Outcome.Applied a -> {
            dropped += chunk.size() - live.size();
            chunk = List.of();
          }
          case ViewCounterStore.Outcome.PostsGone g -> gone.addAll(g.postIds());
          case ViewCounterStore.Outcome.CheckpointMoved m -> {
            // Another delivery of this shard got here first (Lambda runs one at a time per
            // shard, so only after a timeout): go on from where it left off.
            String now = store.checkpoint(shardKey).orElse("");
            List<ViewMarker> rest = after(now, chunk);
            alreadyApplied += chunk.size() - rest.size();
            chunk = rest;
          }
        }
      }
    }
    return new Report(markers.size(), alreadyApplied, dropped, transactions);
  }

  private static List<ViewMarker> after(String paddedCheckpoint, List<ViewMarker> markers) {
    return markers.stream()
        .filter(m -> SequenceNumbers.padded(m.sequenceNumber()).compareTo(paddedCheckpoint) > 0)
        .toList();
  }

  /**
   * Consecutive runs of markers whose distinct posts and authors, plus the checkpoint, fit in
   * {@code maxItems}. Stream order is kept: the checkpoint can only move forward.
   */
  static List<List<ViewMarker>> chunks(List<ViewMarker> markers, int maxItems) {
    List<List<ViewMarker>> out = new ArrayList<>();
    List<ViewMarker> current = new ArrayList<>();
    Set<String> posts = new LinkedHashSet<>();
    Set<String> authors = new LinkedHashSet<>();
    for (ViewMarker m : markers) {
      int extra = (posts.contains(m.postId()) ? 0 : 1) + (authors.contains(m.authorId()) ? 0 : 1);
      if (1 + posts.size() + authors.size() + extra > maxItems) {
        out.add(current);
        current = new ArrayList<>();
        posts.clear();
        authors.clear();
      }
      current.add(m);
      posts.add(m.postId());
      authors.add(m.authorId());
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  private static Map<String, Long> sum(List<ViewMarker> markers, Function<ViewMarker, String> by) {
    Map<String, Long> out = new LinkedHashMap<>();
    markers.forEach(m -> out.merge(by.apply(m), 1L, Long::sum));
    return out;
  }
}
