package bloghome.stats.dynamodb;

import static bloghome.stats.dynamodb.Attrs.key;
import static bloghome.stats.dynamodb.Attrs.n;
import static bloghome.stats.dynamodb.Attrs.s;

import bloghome.stats.StatsKeys;
import bloghome.stats.ViewStore;
import java.time.LocalDate;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A view is one conditional PutItem of the visitor's marker for the day, and nothing else: the
 * marker is the log of counted views, and the counters are a projection of it that {@code
 * ViewsAggregatorFunction} applies in batches from the table's stream (docs/stats.md). The marker
 * carries the post and its author, so the aggregator needs no read to know what to add where.
 *
 * <p>The put is its own dedup decision: a retry of the same request finds the marker and answers
 * "already counted"; a put whose response was lost and is retried by the SDK likewise.
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
    Map<String, AttributeValue> marker =
        key(StatsKeys.viewMarker(postId, day, visitorKey), StatsKeys.VIEW_MARKER_SK);
    marker.put(StatsKeys.MARKER_POST_ID, s(postId));
    marker.put(StatsKeys.MARKER_AUTHOR_ID, s(authorId));
    marker.put(StatsKeys.EXPIRES_AT, n(StatsKeys.expiresAt(day)));
    try {
      dynamoDb.putItem(
          r -> r.tableName(table).item(marker).conditionExpression("attribute_not_exists(pk)"));
      return Outcome.COUNTED;
    } catch (ConditionalCheckFailedException alreadyThere) {
      return Outcome.ALREADY_COUNTED;
    }
  }
}
