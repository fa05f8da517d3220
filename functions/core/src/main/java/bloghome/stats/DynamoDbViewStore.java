package bloghome.stats;

import bloghome.ids.Ids;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * A view is one conditional PutItem of the visitor's marker for the day, and nothing else: the
 * marker is the log of counted views, and the counters are a projection of it that {@code
 * ViewsAggregatorFunction} applies in batches from the table's stream (docs/stats.md). The marker
 * carries the post and its author, so the aggregator needs no read to know what to add where.
 *
 * <p>The put is its own dedup decision: a repeated view finds the marker and answers "already
 * counted". A put whose answer was lost is retried by the SDK with the same item; its condition
 * then fails on the marker it wrote itself, which the failure returns (free of charge): the same
 * write id means this request counted the view.
 */
public final class DynamoDbViewStore implements ViewStore {
  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbViewStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public Outcome record(String postId, String authorId, LocalDate day, String visitorKey) {
    String writeId = Ids.newId("w");
    Map<String, AttributeValue> marker =
        StatsItems.viewMarker(postId, authorId, day, visitorKey, writeId);
    try {
      dynamoDb.putItem(
          r ->
              r.tableName(table)
                  .item(marker)
                  .conditionExpression(TableAccess.ITEM_ABSENT)
                  .returnValuesOnConditionCheckFailure(
                      ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return Outcome.COUNTED;
    } catch (ConditionalCheckFailedException alreadyThere) {
      AttributeValue existing =
          alreadyThere.hasItem() ? alreadyThere.item().get(TableKeys.MARKER_WRITE_ID) : null;
      return existing != null && writeId.equals(existing.s())
          ? Outcome.COUNTED
          : Outcome.ALREADY_COUNTED;
    }
  }
}
