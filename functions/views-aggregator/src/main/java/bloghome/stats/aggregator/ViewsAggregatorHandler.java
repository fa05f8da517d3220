package bloghome.stats.aggregator;

import bloghome.aws.AwsSettings;
import bloghome.aws.DynamoDbClients;
import bloghome.config.Env;
import bloghome.log.Log;
import bloghome.stats.DynamoDbViewCounterStore;
import bloghome.stats.ViewCounting;
import bloghome.stats.ViewMarker;
import bloghome.stats.ViewMarkerRecords;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * ViewsAggregatorFunction: receives batches of new view markers from the table's stream (the event
 * source mapping's filter lets only marker INSERTs through) and applies their sums with {@link
 * ViewCounting}. A record that is not a well-formed marker fails the batch on purpose: Lambda then
 * bisects the batch until that record alone fails, and sends it to the on-failure queue, while
 * every other marker is applied (docs/stats.md).
 */
public final class ViewsAggregatorHandler implements RequestHandler<DynamodbEvent, Void> {
  private final ViewCounting counting;
  private final BiFunction<String, String, String> shardOf;

  /** Lambda's constructor: clients built once per execution environment. */
  public ViewsAggregatorHandler() {
    this(DynamoDbClients.fromEnvironment(), streamsClient(), Env.require("TABLE_NAME"));
  }

  public ViewsAggregatorHandler(
      DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, String table) {
    this(
        new ViewCounting(new DynamoDbViewCounterStore(dynamoDb, table)),
        new StreamShards(streams)::shardOf);
  }

  /**
   * For tests: the use case and how a batch's shard is found (stream ARN, first sequence number).
   */
  public ViewsAggregatorHandler(ViewCounting counting, BiFunction<String, String, String> shardOf) {
    this.counting = counting;
    this.shardOf = shardOf;
  }

  private static DynamoDbStreamsClient streamsClient() {
    var builder =
        DynamoDbStreamsClient.builder()
            .region(AwsSettings.region())
            .credentialsProvider(AwsSettings.credentials())
            .httpClient(AwsSettings.httpClient());
    AwsSettings.endpointOverride("DYNAMODB_STREAMS").ifPresent(builder::endpointOverride);
    return builder.build();
  }

  @Override
  public Void handleRequest(DynamodbEvent event, Context context) {
    List<DynamodbEvent.DynamodbStreamRecord> records =
        event.getRecords() == null ? List.of() : event.getRecords();
    if (records.isEmpty()) {
      return null;
    }
    List<ViewMarker> markers = records.stream().map(ViewMarkerRecords::marker).toList();
    DynamodbEvent.DynamodbStreamRecord first = records.get(0);
    String shard =
        shardOf.apply(first.getEventSourceARN(), first.getDynamodb().getSequenceNumber());
    ViewCounting.Report report = counting.apply(shard, markers);
    Log.info(
        "views.applied",
        Map.of(
            "shard", shard,
            "markers", report.markers(),
            "alreadyApplied", report.alreadyApplied(),
            "droppedDeletedPosts", report.droppedForDeletedPosts(),
            "transactions", report.transactions()));
    return null;
  }
}
