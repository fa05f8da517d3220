package bloghome.bench;

import bloghome.bench.probe.Events;
import bloghome.local.LocalContext;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

/**
 * Warm latency per route, in this JVM: the handler against the bare SDK calls it makes. Each
 * measured call records the SDK requests the handler sent (see {@link SdkRecorder}); right after,
 * the same requests are sent again through a plain client and timed. The difference of the medians
 * is what the handler adds: parsing, validation, mapping, logging.
 */
final class WarmLatency {
  /** The routes the issue asks for, in table order. */
  static final List<String> ROUTES =
      List.of(
          "GET /users/{userId}/posts",
          "GET /posts/{postId}",
          "GET /users/{userId}",
          "POST /posts/{postId}/views",
          "PUT /posts/{postId}/like",
          "POST /posts/{postId}/comments",
          "GET /users/{userId}/skin");

  private static final long ONE_MS = 1_000_000;

  private final Bench bench;
  private final ColdStart events;

  WarmLatency(Bench bench, ColdStart events) {
    this.bench = bench;
    this.events = events;
  }

  void run() {
    var table =
        bench.report.table(
            "Warm latency per route",
            """
        In-process, after %d warm-up calls, %d measured calls per route. Each call is followed by
        a replay of the exact SDK requests the handler made in it, through a plain client of the
        same kind (url-connection, same endpoint), timed the same way; "SDK" is that replay.
        Overhead = handler p50 - SDK p50. Writes get a new caller, visitor and idempotency key per
        call, so each call does the first-time work; a replayed conditional write whose condition
        fails (the handler's write already happened) is counted under "replay failures" and still
        timed, since it makes the same round trip. Target: overhead <= 1 ms at p50.
        """
                .formatted(bench.options.warmupCalls(), bench.options.warmCalls()),
            "route",
            "function",
            "handler p50",
            "handler p99",
            "SDK calls per request",
            "SDK p50",
            "SDK p99",
            "overhead p50",
            "handler / SDK",
            "statuses",
            "replay failures",
            "target overhead <= 1 ms");
    for (String route : ROUTES) {
      var fn = bench.functionFor(route);
      if (fn.isEmpty()) {
        bench.report.note("Warm: no function in template.yaml serves " + route + ".");
        continue;
      }
      if (!fn.get().inProcess()) {
        bench.report.note("Warm: " + route + " not measured: " + fn.get().handlerProblem() + ".");
        continue;
      }
      if (bench.events.fileFor(route).isEmpty()) {
        bench.report.note("Warm: " + route + " not measured: no sample event in events/.");
        continue;
      }
      measure(table, route, fn.get());
    }
  }

  private void measure(Report.TableBuilder table, String route, Bench.Fn fn) {
    System.out.println("bench: warm " + route);
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
        Bench.cast(fn.handler());
    Samples handlerTimes = new Samples();
    Samples sdkTimes = new Samples();
    Map<Integer, Integer> statuses = new TreeMap<>();
    Set<String> operations = new LinkedHashSet<>();
    int replayFailures = 0;
    String unreplayable = null;
    boolean write = !route.startsWith("GET ");
    int total = bench.options.warmupCalls() + bench.options.warmCalls();
    DynamoDbClient ddb = bench.stack.dynamoDb();
    S3Client s3 = bench.stack.s3();
    for (int i = 0; i < total; i++) {
      APIGatewayV2HTTPEvent event = Events.http(variant(route, i, write));
      LocalContext context = new LocalContext(fn.id());
      SdkRecorder.Recording recording = SdkRecorder.start();
      long started = System.nanoTime();
      int status;
      try {
        status = handler.handleRequest(event, context).getStatusCode();
      } catch (RuntimeException e) {
        // A handler that throws gives Lambda's 502; keep measuring, and say so in the statuses.
        status = 502;
      } finally {
        SdkRecorder.stop();
      }
      long handlerNanos = System.nanoTime() - started;

      boolean measured = i >= bench.options.warmupCalls();
      if (!measured) {
        // The replay client is the stack's own, warm from seeding: warming the handler is enough.
        continue;
      }
      long replayStarted = System.nanoTime();
      for (SdkRequest request : recording.requests) {
        try {
          replay(ddb, s3, request);
        } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
          replayFailures++;
        } catch (UnsupportedOperationException e) {
          unreplayable = e.getMessage();
        }
      }
      long sdkNanos = System.nanoTime() - replayStarted;
      handlerTimes.add(handlerNanos);
      sdkTimes.add(sdkNanos);
      statuses.merge(status, 1, Integer::sum);
      operations.add(String.join(" + ", recording.operations()));
    }
    double overhead = handlerTimes.median() - sdkTimes.median();
    String verdict =
        unreplayable != null
            ? "not judged: " + unreplayable + " cannot be replayed"
            : overhead <= ONE_MS ? "met" : "missed by " + Report.ms(overhead - ONE_MS) + " ms";
    boolean noSdkCalls = operations.equals(Set.of(""));
    String ratio =
        noSdkCalls ? "n/a (no SDK calls)" : Report.ratio(handlerTimes.median() / sdkTimes.median());
    if (statuses.keySet().stream().anyMatch(s -> s >= 500)) {
      bench.report.note("Warm: " + route + " answered 5xx in some calls: " + statuses + ".");
    }
    table.row(
        "`" + route + "`",
        fn.id(),
        Report.ms(handlerTimes.median()) + " ms",
        Report.ms(handlerTimes.percentile(99)) + " ms",
        noSdkCalls ? "none" : String.join(" / ", operations),
        Report.ms(sdkTimes.median()) + " ms",
        Report.ms(sdkTimes.percentile(99)) + " ms",
        Report.ms(overhead) + " ms",
        ratio,
        statuses.toString(),
        replayFailures,
        verdict);
    int n = handlerTimes.size();
    bench.report.figure(
        new Report.Figure(
            "warm",
            route,
            "handler_p50",
            Report.num(Samples.millis(handlerTimes.median()), 3),
            "ms",
            n,
            "sdk_p50",
            ratio,
            "overhead<=1ms",
            verdict));
    bench.report.figure(
        Report.Figure.plain(
            "warm",
            route,
            "handler_p99",
            Report.num(Samples.millis(handlerTimes.percentile(99)), 3),
            "ms",
            n));
    bench.report.figure(
        Report.Figure.plain(
            "warm", route, "sdk_p50", Report.num(Samples.millis(sdkTimes.median()), 3), "ms", n));
    bench.report.figure(
        Report.Figure.plain(
            "warm",
            route,
            "sdk_p99",
            Report.num(Samples.millis(sdkTimes.percentile(99)), 3),
            "ms",
            n));
    bench.report.figure(
        new Report.Figure(
            "warm",
            route,
            "overhead_p50",
            Report.num(Samples.millis(overhead), 3),
            "ms",
            n,
            "",
            "",
            "<=1ms",
            verdict));
  }

  /** The route's event; for writes, a new caller, visitor and idempotency key each call. */
  private Map<String, Object> variant(String route, int i, boolean write) {
    Map<String, Object> event = events.httpEvent(route);
    if (write) {
      String id = "bench-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
      if (EventCatalog.hasCaller(event)) {
        EventCatalog.caller(event, id);
      }
      EventCatalog.visitor(event, ViewsThroughput.visitorIp(i), ViewsThroughput.browser(i));
      if (EventCatalog.hasHeader(event, "idempotency-key")) {
        EventCatalog.header(event, "idempotency-key", UUID.randomUUID().toString());
      }
    }
    return event;
  }

  private static void replay(DynamoDbClient ddb, S3Client s3, SdkRequest request) {
    switch (request) {
      case GetItemRequest r -> ddb.getItem(r);
      case QueryRequest r -> ddb.query(r);
      case PutItemRequest r -> ddb.putItem(r);
      case UpdateItemRequest r -> ddb.updateItem(r);
      case DeleteItemRequest r -> ddb.deleteItem(r);
      case TransactWriteItemsRequest r -> ddb.transactWriteItems(r);
      case TransactGetItemsRequest r -> ddb.transactGetItems(r);
      case BatchGetItemRequest r -> ddb.batchGetItem(r);
      case BatchWriteItemRequest r -> ddb.batchWriteItem(r);
      case ScanRequest r -> ddb.scan(r);
      case HeadObjectRequest r -> s3.headObject(r);
      case GetObjectRequest r -> s3.getObjectAsBytes(r);
      default -> throw new UnsupportedOperationException(request.getClass().getSimpleName());
    }
  }
}
