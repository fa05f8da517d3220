package bloghome.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Lambda's event source mapping for a DynamoDB stream, on the local stack: polls the table's stream
 * in moto (DescribeStream, GetShardIterator, GetRecords), drops records the filter criteria do not
 * match (as Lambda does, before batching), collects up to {@code BatchSize} records or until {@code
 * MaximumBatchingWindowInSeconds} has passed since the first, and invokes the handler in this JVM
 * with a real {@link DynamodbEvent}, one batch at a time per shard.
 *
 * <p>A failed batch is retried; with {@code BisectBatchOnFunctionError} it is split in two and each
 * half retried, down to single records; a batch that still fails after {@code MaximumRetryAttempts}
 * goes to the on-failure destination (here {@link #failures()}, the record Lambda would send to the
 * SQS queue) and the shard moves on past it.
 *
 * <p>This class is the poller and the delivery (batching, retries, bisection); {@link StreamFilter}
 * applies the filter criteria and {@link StreamRecords} builds the event's records.
 */
public final class StreamEventSource implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(StreamEventSource.class.getName());

  /** Pause between polls that found nothing; after a poll that found records there is none. */
  private static final Duration IDLE_PAUSE = Duration.ofMillis(50);

  /**
   * How often the shard list is read again (a new shard appears at most every few hours in AWS).
   */
  private static final Duration SHARD_REFRESH = Duration.ofSeconds(2);

  /** What Lambda sends to the on-failure destination for a batch it gave up on. */
  public record FailedBatch(
      String functionName,
      String shardId,
      String startSequenceNumber,
      String endSequenceNumber,
      int batchSize,
      String error) {}

  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final String functionName;
  private final SamTemplate.StreamTrigger settings;
  private final RequestHandler<DynamodbEvent, ?> handler;
  private final StreamFilter filter;
  private final List<FailedBatch> failures = new CopyOnWriteArrayList<>();
  private final AtomicLong idleSince = new AtomicLong(-1);
  private final AtomicLong invocations = new AtomicLong();
  private final Thread poller;
  private volatile boolean running = true;

  private StreamEventSource(
      DynamoDbStreamsClient streams,
      String streamArn,
      String functionName,
      SamTemplate.StreamTrigger settings,
      RequestHandler<DynamodbEvent, ?> handler) {
    this.streams = streams;
    this.streamArn = streamArn;
    this.functionName = functionName;
    this.settings = settings;
    this.handler = handler;
    this.filter = new StreamFilter(settings.filterPatterns());
    this.poller = Thread.ofVirtual().name("stream-" + functionName).unstarted(this::run);
  }

  /** Starts polling the stream {@code streamArn} for {@code functionName}'s handler. */
  public static StreamEventSource start(
      DynamoDbStreamsClient streams,
      String streamArn,
      String functionName,
      SamTemplate.StreamTrigger settings,
      RequestHandler<DynamodbEvent, ?> handler) {
    StreamEventSource source =
        new StreamEventSource(streams, streamArn, functionName, settings, handler);
    source.poller.start();
    return source;
  }

  /** Batches given up on, in the order they were given up. */
  public List<FailedBatch> failures() {
    return List.copyOf(failures);
  }

  /** How many times the handler was invoked (retries and halves included). */
  public long invocations() {
    return invocations.get();
  }

  /**
   * Waits until every record written to the table before this call has been delivered (or given up
   * on): the poller has since found the stream empty with nothing left to deliver.
   */
  public void awaitSettled(Duration timeout) {
    long asked = System.nanoTime();
    long deadline = asked + timeout.toNanos();
    while (idleSince.get() < asked || idleSince.get() == -1) {
      if (!running) {
        throw new LocalStackException(
            "the stream event source of " + functionName + " has stopped");
      }
      if (System.nanoTime() > deadline) {
        throw new LocalStackException(
            "the stream of " + functionName + " did not settle within " + timeout);
      }
      sleep(Duration.ofMillis(10));
    }
  }

  private List<Shard> shards = List.of();
  private long shardsReadAt;
  private final Map<String, String> iterators = new LinkedHashMap<>();

  private void run() {
    Map<String, String> positions = new LinkedHashMap<>();
    List<Pending> buffer = new ArrayList<>();
    Instant firstBuffered = null;
    while (running) {
      long pollStarted = System.nanoTime();
      int fetched = 0;
      try {
        for (Shard shard : shards()) {
          List<Record> records = read(shard.shardId(), positions);
          fetched += records.size();
          for (Record r : records) {
            positions.put(shard.shardId(), r.dynamodb().sequenceNumber());
            if (filter.matches(r)) {
              if (buffer.isEmpty()) {
                firstBuffered = Instant.now();
              }
              buffer.add(new Pending(shard.shardId(), r));
            }
          }
        }
        boolean windowOver =
            firstBuffered != null
                && Duration.between(firstBuffered, Instant.now()).toSeconds()
                    >= settings.maximumBatchingWindowSeconds();
        while (buffer.size() >= settings.batchSize() || (!buffer.isEmpty() && windowOver)) {
          List<Pending> batch =
              new ArrayList<>(buffer.subList(0, Math.min(settings.batchSize(), buffer.size())));
          buffer.subList(0, batch.size()).clear();
          deliver(batch, settings.maximumRetryAttempts());
          firstBuffered = buffer.isEmpty() ? null : Instant.now();
        }
        if (fetched == 0 && buffer.isEmpty()) {
          idleSince.set(pollStarted);
        }
      } catch (RuntimeException e) {
        if (running) {
          LOG.log(
              Level.WARNING, "polling the stream for " + functionName + " failed; trying again", e);
        }
      }
      if (fetched == 0) {
        sleep(IDLE_PAUSE);
      }
    }
  }

  private record Pending(String shardId, Record record) {}

  private List<Shard> shards() {
    if (shards.isEmpty() || System.nanoTime() - shardsReadAt > SHARD_REFRESH.toNanos()) {
      shards = streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards();
      shardsReadAt = System.nanoTime();
    }
    return shards;
  }

  /** The shard's next records, with the iterator the last read returned (one request a poll). */
  private List<Record> read(String shardId, Map<String, String> positions) {
    String iterator = iterators.get(shardId);
    if (iterator == null) {
      iterator = newIterator(shardId, positions.get(shardId));
    }
    GetRecordsResponse response;
    try {
      String current = iterator;
      response = streams.getRecords(r -> r.shardIterator(current).limit(1000));
    } catch (RuntimeException expiredOrUnknown) {
      iterators.remove(shardId);
      throw expiredOrUnknown;
    }
    iterators.put(shardId, response.nextShardIterator());
    return response.records();
  }

  private String newIterator(String shardId, String after) {
    return streams
        .getShardIterator(
            r -> {
              r.streamArn(streamArn).shardId(shardId);
              if (after == null) {
                r.shardIteratorType(
                    "LATEST".equals(settings.startingPosition())
                        ? ShardIteratorType.TRIM_HORIZON
                        : ShardIteratorType.valueOf(settings.startingPosition()));
              } else {
                r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
              }
            })
        .shardIterator();
  }

  /**
   * Invokes the handler with {@code batch}; on failure retries it, or bisects it, as Lambda does.
   * Returns when the batch is done: handled, or given up on and recorded as a failure.
   */
  private void deliver(List<Pending> batch, int retriesLeft) {
    while (running) {
      RuntimeException error;
      try {
        invocations.incrementAndGet();
        handler.handleRequest(event(batch), new LocalContext(functionName));
        return;
      } catch (RuntimeException e) {
        error = e;
        LOG.log(Level.FINE, functionName + " failed a batch of " + batch.size(), e);
      }
      if (settings.bisectBatchOnFunctionError() && batch.size() > 1) {
        int half = batch.size() / 2;
        deliver(new ArrayList<>(batch.subList(0, half)), retriesLeft);
        deliver(new ArrayList<>(batch.subList(half, batch.size())), retriesLeft);
        return;
      }
      if (retriesLeft == 0) {
        failures.add(
            new FailedBatch(
                functionName,
                batch.get(0).shardId(),
                batch.get(0).record().dynamodb().sequenceNumber(),
                batch.get(batch.size() - 1).record().dynamodb().sequenceNumber(),
                batch.size(),
                String.valueOf(error)));
        LOG.warning(functionName + " gave up on a batch of " + batch.size() + " records: " + error);
        return;
      }
      retriesLeft = retriesLeft < 0 ? retriesLeft : retriesLeft - 1;
      sleep(Duration.ofMillis(20));
    }
  }

  private DynamodbEvent event(List<Pending> batch) {
    List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
    for (Pending p : batch) {
      records.add(StreamRecords.record(p.record(), streamArn));
    }
    DynamodbEvent event = new DynamodbEvent();
    event.setRecords(records);
    return event;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    poller.interrupt();
    try {
      poller.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
