package bloghome.discovery;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the category, tag and archive entries of listed posts in the by-views order
 * (docs/discovery.md): for each listed post's summary change the table stream delivers, the post's
 * entries get the summary's {@code viewRank} where theirs is lower.
 *
 * <p>Why setting the summary's value is right: DynamoDB Streams delivers the records of one item in
 * the order of its changes (per shard), and the event source mapping hands a shard's batches over
 * one at a time, so the last record of a post in a batch carries its newest rank. The store raises
 * only (a replayed or late record never lowers a rank, and never recreates an entry that a delete
 * or an unlisting removed); ranks that go down are written by the post's own transaction.
 */
public final class EntryRanks {
  /** What one batch did. */
  public record Report(int records, int posts, int entriesChanged) {}

  private final DiscoveryStore store;

  public EntryRanks(DiscoveryStore store) {
    this.store = store;
  }

  public Report apply(List<DynamodbEvent.DynamodbStreamRecord> records) {
    Map<String, SummaryRankRecords.Rank> newest = new LinkedHashMap<>();
    for (DynamodbEvent.DynamodbStreamRecord record : records) {
      SummaryRankRecords.rank(record).ifPresent(r -> newest.put(r.postId(), r));
    }
    int changed = 0;
    for (SummaryRankRecords.Rank rank : newest.values()) {
      changed += store.raiseRanks(rank.postId(), rank.publishedAt(), rank.viewRank());
    }
    return new Report(records.size(), newest.size(), changed);
  }
}
