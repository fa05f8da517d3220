package bloghome.bench;

import bloghome.local.LocalTables;
import bloghome.local.MotoServer;
import bloghome.local.SamTemplate;
import bloghome.local.StreamEventSource;
import bloghome.posts.PostType;
import bloghome.stats.DynamoDbPostDirectory;
import bloghome.stats.DynamoDbViewStore;
import bloghome.stats.ViewStore;
import bloghome.stats.Views;
import bloghome.stats.aggregator.ViewsAggregatorHandler;
import bloghome.table.PostSummaryItems;
import bloghome.table.ProfileItems;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Issue 13's hot post: one post viewed by many distinct visitors as fast as this machine can, on a
 * local DynamoDB of its own that throttles writes to one item beyond a per-item limit (as DynamoDB
 * throttles a partition, scaled down), OLD design against NEW in the same run.
 *
 * <p>OLD: one transaction per view (marker + summary + profile; {@link TransactionalViewStore},
 * kept for this comparison only). NEW: the marker only ({@link DynamoDbViewStore}), the counters
 * applied from the stream by the real {@link ViewsAggregatorHandler} behind the local event source
 * mapping with the template's settings. Both run the same use case ({@link Views}) with the SDK's
 * default retries, as the function does; a view whose writes stay throttled after them fails.
 */
final class HotPostViews {
  private static final LocalDate DAY = LocalDate.now(Clock.systemUTC());

  private final Bench bench;

  HotPostViews(Bench bench) {
    this.bench = bench;
  }

  /** Counts request attempts (with the SDK's retries) and the throttled ones. */
  static final class Attempts implements ExecutionInterceptor {
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();

    @Override
    public void afterTransmission(
        Context.AfterTransmission context, ExecutionAttributes attributes) {
      attempts.incrementAndGet();
    }

    /** Reads the body of a 400 answer (the error type is there), and hands it on unchanged. */
    @Override
    public Optional<InputStream> modifyHttpResponseContent(
        Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      Optional<InputStream> body = context.responseBody();
      if (context.httpResponse().statusCode() != 400 || body.isEmpty()) {
        return body;
      }
      try {
        byte[] bytes = body.get().readAllBytes();
        if (new String(bytes, StandardCharsets.UTF_8).contains("ProvisionedThroughputExceeded")) {
          throttled.incrementAndGet();
        }
        return Optional.of(new ByteArrayInputStream(bytes));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  void run() throws Exception {
    int limit = bench.options.hotItemLimit();
    MotoServer moto =
        MotoServer.start(0, Map.of("BLOGHOME_DYNAMODB_ITEM_WRITE_LIMIT", Integer.toString(limit)));
    Attempts attempts = new Attempts();
    var credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench-secret"));
    try (DynamoDbClient dynamo =
            DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .endpointOverride(moto.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(attempts))
                .build();
        DynamoDbStreamsClient streams =
            DynamoDbStreamsClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .endpointOverride(moto.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
      SamTemplate template = bench.stack.template();
      // One table per design, so that the old design's writes are not in the new one's stream.
      String oldTable = "hot-views-old";
      String table = "hot-views-new";
      LocalTables.create(dynamo, template, "BlogTable", oldTable);
      LocalTables.create(dynamo, template, "BlogTable", table);
      String streamArn = dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
      seed(dynamo, oldTable, "p_old", "olga");
      seed(dynamo, table, "p_new", "nina");

      HotViewsTable.Run old =
          hammer(
              "old: one transaction per view",
              dynamo,
              oldTable,
              "p_old",
              new TransactionalViewStore(dynamo, oldTable),
              attempts,
              null);

      SamTemplate.StreamTrigger trigger =
          template.functions().stream()
              .flatMap(f -> f.streamTriggers().stream())
              .findFirst()
              .orElseThrow();
      try (StreamEventSource aggregator =
          StreamEventSource.start(
              streams,
              streamArn,
              "ViewsAggregatorFunction",
              trigger,
              new ViewsAggregatorHandler(dynamo, streams, table))) {
        HotViewsTable.Run fresh =
            hammer(
                "new: marker only, counters from the stream",
                dynamo,
                table,
                "p_new",
                new DynamoDbViewStore(dynamo, table),
                attempts,
                aggregator);
        new HotViewsTable(bench).write(limit, trigger, List.of(old, fresh));
      }
    } finally {
      moto.close();
    }
  }

  private HotViewsTable.Run hammer(
      String design,
      DynamoDbClient dynamo,
      String table,
      String postId,
      ViewStore store,
      Attempts attempts,
      StreamEventSource aggregator)
      throws Exception {
    System.out.println("bench: hot post, " + design);
    Views views = new Views(new DynamoDbPostDirectory(dynamo, table), store, Clock.systemUTC());
    int total = bench.options.hotViews();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger counted = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    int throttledBefore = attempts.throttled.get();
    long started = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(bench.options.hotClients())) {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < bench.options.hotClients(); c++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    String visitor = "visitor-" + i;
                    try {
                      boolean ok =
                          views.record(
                              postId,
                              new Views.Visitor() {
                                @Override
                                public boolean countable() {
                                  return true;
                                }

                                @Override
                                public String key(LocalDate day) {
                                  return visitor;
                                }
                              },
                              Optional::empty);
                      if (ok) {
                        counted.incrementAndGet();
                      }
                    } catch (RuntimeException e) {
                      failed.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    long lastView = System.nanoTime();
    double seconds = (lastView - started) / 1e9;
    int throttled = attempts.throttled.get() - throttledBefore;
    long markers = markers(dynamo, table, postId);
    long stored = views(dynamo, table, postId);
    Duration settle = Duration.ZERO;
    if (aggregator != null) {
      long deadline = lastView + Duration.ofSeconds(120).toNanos();
      while (stored != markers && System.nanoTime() < deadline) {
        Thread.sleep(20);
        stored = views(dynamo, table, postId);
      }
      settle = Duration.ofNanos(System.nanoTime() - lastView);
    }
    return new HotViewsTable.Run(
        design, total, counted.get(), failed.get(), seconds, throttled, stored, markers, settle);
  }

  /** The hot post and its author, as their owners write them (every counter at zero). */
  private static void seed(DynamoDbClient dynamo, String table, String postId, String authorId) {
    Map<String, AttributeValue> post =
        PostSummaryItems.item(
            PostSummaryItems.Summary.fresh(
                postId,
                authorId,
                PostType.ORIGINAL.wireName(),
                "A hot post",
                "Read by everyone at once.",
                Instant.parse("2026-11-01T08:00:00Z")));
    dynamo.putItem(r -> r.tableName(table).item(post));
    Map<String, AttributeValue> profile =
        ProfileItems.item(
            new ProfileItems.Stored(
                authorId, Optional.of(authorId), "", Map.of(ProfileItems.Counter.VIEWS, 0L)));
    dynamo.putItem(r -> r.tableName(table).item(profile));
  }

  private static long views(DynamoDbClient dynamo, String table, String postId) {
    return new PostSummaryItems(new TableAccess(dynamo, table))
        .counter(postId, PostSummaryItems.Counter.VIEWS);
  }

  /** The markers of the post (a scan: fine for a benchmark table, never on a request path). */
  private static long markers(DynamoDbClient dynamo, String table, String postId) {
    return dynamo
        .scanPaginator(
            r ->
                r.tableName(table)
                    .filterExpression("begins_with(" + TableKeys.PK + ", :p)")
                    .expressionAttributeValues(
                        Map.of(":p", AttributeValue.fromS(TableKeys.viewMarkersOf(postId))))
                    .select("COUNT"))
        .stream()
        .mapToLong(p -> p.count())
        .sum();
  }
}
