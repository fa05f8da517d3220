package bloghome.bench;

import bloghome.stats.StatsRetry;
import bloghome.stats.ViewStore;
import bloghome.table.PostSummaryItems;
import bloghome.table.ProfileItems;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import bloghome.table.TransactionRunner;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * THE OLD DESIGN, kept only so that {@code bin/bench} can run it beside the new one (issue 13); no
 * function uses it, so it lives in the bench module. See {@code bloghome.stats.DynamoDbViewStore}
 * for what the StatsFunction does now.
 *
 * <p>A view is one TransactWriteItems: the visitor's marker for the day (only if absent), the post
 * summary's {@code views} and {@code viewRank} (only if the post exists), and the author's profile
 * {@code views}. All three change together or not at all, so a retry after any failure either finds
 * the marker (nothing added) or starts from scratch (see docs/stats.md for why a chain of single
 * conditional writes cannot be made exact). The counters change through their items' owners, as the
 * functions change them.
 */
public final class TransactionalViewStore implements ViewStore {
  private static final int MARKER = 0;
  private static final int SUMMARY = 1;

  private final TableAccess table;
  private final PostSummaryItems summaries;
  private final ProfileItems profiles;
  private final TransactionRunner transactions;

  public TransactionalViewStore(DynamoDbClient dynamoDb, String table) {
    this.table = new TableAccess(dynamoDb, table);
    this.summaries = new PostSummaryItems(this.table);
    this.profiles = new ProfileItems(this.table);
    this.transactions = new TransactionRunner(dynamoDb, StatsRetry.POLICY);
  }

  @Override
  public Outcome record(String postId, String authorId, LocalDate day, String visitorKey) {
    Map<String, AttributeValue> marker =
        TableKeys.key(TableKeys.viewMarker(postId, day, visitorKey), TableKeys.VIEW_MARKER_SK);
    marker.put(
        TableKeys.EXPIRES_AT,
        AttributeValue.fromN(Long.toString(TableKeys.viewMarkerExpiresAt(day))));
    List<TransactWriteItem> items =
        List.of(
            table.putIfAbsent(marker),
            summaries.add(postId, PostSummaryItems.Counter.VIEWS, 1),
            profiles.add(authorId, ProfileItems.Counter.VIEWS, 1));
    TransactionRunner.Result result = transactions.write(items);
    if (result.applied()) {
      return Outcome.COUNTED;
    }
    if (result.failed(SUMMARY)) {
      return Outcome.POST_GONE;
    }
    if (result.failed(MARKER)) {
      return Outcome.ALREADY_COUNTED;
    }
    throw new IllegalStateException("view transaction cancelled for an unknown reason");
  }
}
