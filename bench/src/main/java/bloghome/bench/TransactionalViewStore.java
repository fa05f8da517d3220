package bloghome.bench;

import static bloghome.table.Attributes.n;
import static bloghome.table.TableKeys.key;

import bloghome.stats.StatsRetry;
import bloghome.stats.ViewStore;
import bloghome.table.TableKeys;
import bloghome.table.TransactionRunner;
import bloghome.table.ViewRank;
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
 * conditional writes cannot be made exact).
 */
public final class TransactionalViewStore implements ViewStore {
  private static final int MARKER = 0;
  private static final int SUMMARY = 1;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final TransactionRunner transactions;

  public TransactionalViewStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.transactions = new TransactionRunner(dynamoDb, StatsRetry.POLICY);
  }

  @Override
  public Outcome record(String postId, String authorId, LocalDate day, String visitorKey) {
    Map<String, AttributeValue> marker =
        key(TableKeys.viewMarker(postId, day, visitorKey), TableKeys.VIEW_MARKER_SK);
    marker.put(TableKeys.EXPIRES_AT, n(TableKeys.viewMarkerExpiresAt(day)));
    List<TransactWriteItem> items =
        List.of(
            TransactWriteItem.builder()
                .put(
                    p ->
                        p.tableName(table)
                            .item(marker)
                            .conditionExpression("attribute_not_exists(pk)"))
                .build(),
            TransactWriteItem.builder()
                .update(
                    u ->
                        u.tableName(table)
                            .key(key(TableKeys.postPk(postId), TableKeys.SUMMARY))
                            .updateExpression("ADD #views :one, #rank :step")
                            .conditionExpression("attribute_exists(pk)")
                            .expressionAttributeNames(
                                Map.of("#views", "views", "#rank", "viewRank"))
                            .expressionAttributeValues(
                                Map.of(":one", n(1), ":step", n(ViewRank.ONE_VIEW.toString()))))
                .build(),
            TransactWriteItem.builder()
                .update(
                    u ->
                        u.tableName(table)
                            .key(key(TableKeys.userPk(authorId), TableKeys.PROFILE))
                            .updateExpression("ADD #views :one")
                            .expressionAttributeNames(Map.of("#views", "views"))
                            .expressionAttributeValues(Map.of(":one", n(1))))
                .build());
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
