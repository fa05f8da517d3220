package bloghome.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The template's non-HTTP events on the local stack: S3 events become bucket notification
 * subscriptions with the function's retry setting, and {@code DynamoDB} events become running
 * {@link StreamEventSource}s on the table's stream.
 */
final class EventSources implements AutoCloseable {
  private final SamTemplate template;
  private final StackResources resources;
  private final S3Notifications notifications;
  private final DynamoDbClient dynamoDb;
  private final DynamoDbStreamsClient streams;
  private final List<StreamEventSource> streamSources = new CopyOnWriteArrayList<>();

  EventSources(
      SamTemplate template,
      StackResources resources,
      S3Notifications notifications,
      DynamoDbClient dynamoDb,
      DynamoDbStreamsClient streams) {
    this.template = template;
    this.resources = resources;
    this.notifications = notifications;
    this.dynamoDb = dynamoDb;
    this.streams = streams;
  }

  void subscribeS3(Map<String, Supplier<RequestHandler<S3Event, ?>>> handlers) {
    for (SamTemplate.FunctionDef f : template.functions()) {
      var handler = handlers.get(f.logicalId());
      if (handler == null) {
        continue;
      }
      for (SamTemplate.S3Trigger trigger : f.s3Triggers()) {
        notifications.subscribe(
            new S3Notifications.Subscription(
                resources.physicalName(trigger.bucketLogicalId()),
                trigger.prefix(),
                f.logicalId(),
                handler,
                maximumRetryAttempts(f.logicalId())));
      }
    }
  }

  /**
   * The function's {@code EventInvokeConfig.MaximumRetryAttempts}; Lambda's default 2 without one.
   */
  private int maximumRetryAttempts(String functionLogicalId) {
    Object config = template.properties(functionLogicalId).get("EventInvokeConfig");
    Object retries = config instanceof Map<?, ?> m ? m.get("MaximumRetryAttempts") : null;
    return retries == null ? 2 : Integer.parseInt(retries.toString());
  }

  void subscribeStreams(Map<String, RequestHandler<DynamodbEvent, ?>> handlers) {
    for (SamTemplate.FunctionDef f : template.functions()) {
      var handler = handlers.get(f.logicalId());
      if (handler == null) {
        continue;
      }
      for (SamTemplate.StreamTrigger trigger : f.streamTriggers()) {
        String arn = streamArn(resources.physicalName(trigger.tableLogicalId()));
        streamSources.add(StreamEventSource.start(streams, arn, f.logicalId(), trigger, handler));
      }
    }
  }

  /** The stream ARN of a local table (the table must declare a StreamSpecification). */
  String streamArn(String tableName) {
    String arn = dynamoDb.describeTable(r -> r.tableName(tableName)).table().latestStreamArn();
    if (arn == null) {
      throw new LocalStackException(
          "table " + tableName + " has no stream: give it a StreamSpecification");
    }
    return arn;
  }

  List<StreamEventSource> streamSources() {
    return List.copyOf(streamSources);
  }

  void awaitStreamsSettled(Duration timeout) {
    streamSources.forEach(s -> s.awaitSettled(timeout));
  }

  @Override
  public void close() {
    streamSources.forEach(StreamEventSource::close);
  }
}
