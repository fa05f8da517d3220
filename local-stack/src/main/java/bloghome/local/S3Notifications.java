package bloghome.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * S3 event notifications for the local stack: a write under a subscribed prefix invokes the
 * subscribed Lambda handler asynchronously with a real {@link S3Event}, its key URL-encoded as S3
 * sends it. Like S3, the writer does not wait for the function.
 *
 * <p>As Lambda does for an asynchronous invocation, a handler that throws is invoked again up to
 * the subscription's {@code maximumRetryAttempts} (the template's {@code EventInvokeConfig}) with a
 * growing delay (Lambda waits about 1 and then 2 minutes; locally {@link #retryDelay} and twice
 * that), and then the event goes to the on-failure destination: {@link #failures()}, records in the
 * shape Lambda sends to an SQS destination ({@code requestContext}, {@code requestPayload} = the S3
 * event, {@code responseContext}, {@code responsePayload}). {@link #replayFailures()} invokes them
 * again, as {@code aws lambda invoke --invocation-type Event} does in AWS. The records' JSON is
 * written by {@link S3EventJson}.
 */
public final class S3Notifications implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(S3Notifications.class.getName());

  /** One bucket notification configuration, with the function's retry setting. */
  public record Subscription(
      String bucket,
      String prefix,
      String functionName,
      Supplier<RequestHandler<S3Event, ?>> handler,
      int maximumRetryAttempts) {
    /** Lambda's default for asynchronous invocations: two retries. */
    public Subscription(
        String bucket,
        String prefix,
        String functionName,
        Supplier<RequestHandler<S3Event, ?>> handler) {
      this(bucket, prefix, functionName, handler, 2);
    }
  }

  /** An event whose invocations all failed: what the on-failure destination received. */
  public record Failure(Subscription subscription, S3Event event, String record) {}

  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("s3-notify-", 0).factory());
  private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() << 16);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final String region;
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private volatile Duration retryDelay = Duration.ofMillis(200);

  public S3Notifications(String region) {
    this.region = region;
  }

  public void subscribe(Subscription subscription) {
    subscriptions.add(subscription);
  }

  public void clear() {
    subscriptions.clear();
  }

  /** Called by the blob store after an object was created. */
  void objectCreated(String bucket, String key, long size, String eTag, String eventName) {
    for (Subscription s : subscriptions) {
      if (s.bucket().equals(bucket) && key.startsWith(s.prefix())) {
        invokeAsync(s, event(bucket, key, size, eTag, eventName));
      }
    }
  }

  /** The delay before the first retry of a failed invocation (the second waits twice as long). */
  public void retryDelay(Duration delay) {
    this.retryDelay = delay;
  }

  /** The on-failure destination's content: events whose every invocation failed. */
  public List<Failure> failures() {
    return List.copyOf(failures);
  }

  /**
   * Invokes every failed event again, asynchronously and with the same retries, and removes it from
   * the failures (it comes back if it fails again).
   *
   * @return how many events were sent again
   */
  public int replayFailures() {
    List<Failure> taken = new ArrayList<>();
    for (Failure f : failures) {
      if (failures.remove(f)) {
        taken.add(f);
      }
    }
    taken.forEach(f -> invokeAsync(f.subscription(), f.event()));
    return taken.size();
  }

  private void invokeAsync(Subscription s, S3Event event) {
    inFlight.incrementAndGet();
    executor.execute(
        () -> {
          try {
            RuntimeException last = null;
            int attempts = 0;
            for (int attempt = 0; attempt <= s.maximumRetryAttempts(); attempt++) {
              if (attempt > 0) {
                Thread.sleep(retryDelay.toMillis() << (attempt - 1));
              }
              attempts++;
              try {
                s.handler().get().handleRequest(event, new LocalContext(s.functionName()));
                return;
              } catch (RuntimeException e) {
                last = e;
                LOG.log(
                    Level.INFO,
                    "S3 notification to "
                        + s.functionName()
                        + " failed (attempt "
                        + attempts
                        + "): "
                        + e);
              }
            }
            LOG.log(
                Level.WARNING,
                "S3 notification to "
                    + s.functionName()
                    + " failed "
                    + attempts
                    + " times: sent to the failure queue",
                last);
            failures.add(
                new Failure(s, event, S3EventJson.failureRecord(region, s, event, attempts, last)));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            inFlight.decrementAndGet();
          }
        });
  }

  /** Waits until every notification sent so far has been handled. */
  public void awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (inFlight.get() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "S3 notifications still running after " + timeout + " " + unit);
      }
      Thread.sleep(5);
    }
  }

  S3Event event(String bucket, String key, long size, String eTag, String eventName) {
    var bucketEntity =
        new S3EventNotification.S3BucketEntity(
            bucket, new S3EventNotification.UserIdentityEntity("LOCAL"), "arn:aws:s3:::" + bucket);
    var objectEntity =
        new S3EventNotification.S3ObjectEntity(
            encodeKey(key),
            size,
            eTag == null ? "" : eTag.replace("\"", ""),
            null,
            String.format("%016X", sequencer.incrementAndGet()));
    var s3 =
        new S3EventNotification.S3Entity("local-notification", bucketEntity, objectEntity, "1.0");
    var record =
        new S3EventNotification.S3EventNotificationRecord(
            region,
            eventName,
            "aws:s3",
            Instant.now().toString(),
            "2.1",
            new S3EventNotification.RequestParametersEntity("127.0.0.1"),
            new S3EventNotification.ResponseElementsEntity("local", "local"),
            s3,
            new S3EventNotification.UserIdentityEntity("LOCAL"));
    return new S3Event(new ArrayList<>(List.of(record)));
  }

  /** URL-encodes each path segment as S3 does in event keys: a space becomes {@code +}. */
  public static String encodeKey(String key) {
    String[] segments = key.split("/", -1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        sb.append('/');
      }
      sb.append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  Map<String, Integer> counts() {
    return Map.of("subscriptions", subscriptions.size());
  }
}
