package bloghome.migration.handler;

import bloghome.aws.DynamoDbClients;
import bloghome.config.Env;
import bloghome.json.Json;
import bloghome.json.JsonObject;
import bloghome.log.Log;
import bloghome.migration.DynamoDbMigrationStore;
import bloghome.migration.MigrationState;
import bloghome.migration.PostBackfill;
import bloghome.posts.DynamoDbPostStore;
import bloghome.table.TableKeys;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MigrationFunction (docs/operations.md, "Data migrations"). Three kinds of event:
 *
 * <ul>
 *   <li>the deploy's CloudFormation custom resource ({@code RequestType} Create or Update): starts
 *       the migration its {@code Migration} property names (or nudges a running one) and answers
 *       CloudFormation at once, so a deploy never waits for the data;
 *   <li>the table's stream, filtered to the migrations' state items: every start, nudge and page
 *       writes that item, so the next run follows the last one; each run works for the time it has
 *       (its remaining time less a margin) and saves its cursor after every page. A failing run is
 *       retried from its saved cursor and, after the retries, lands in the failure queue (alarm);
 *   <li>{@code {"resume": name}} by hand (the runbook): a nudge, as a deploy would.
 * </ul>
 */
public final class MigrationHandler implements RequestStreamHandler {
  /**
   * Time kept back from a run for the page under way and the cursor's save (a quarter of a shorter
   * timeout).
   */
  private static final Duration MARGIN = Duration.ofSeconds(60);

  private static final int DEFAULT_PAGE_SIZE = 100;

  private final PostBackfill backfill;
  private final HttpClient http;
  private final Clock clock;

  /** Lambda's constructor: clients built once per execution environment. */
  public MigrationHandler() {
    this(backfillFromEnvironment(), HttpClient.newHttpClient(), Clock.systemUTC());
  }

  public MigrationHandler(PostBackfill backfill, HttpClient http, Clock clock) {
    this.backfill = backfill;
    this.http = http;
    this.clock = clock;
  }

  private static PostBackfill backfillFromEnvironment() {
    String table = Env.require("TABLE_NAME");
    var dynamo = DynamoDbClients.fromEnvironment();
    int pageSize = Env.get("MIGRATION_PAGE_SIZE").map(Integer::parseInt).orElse(DEFAULT_PAGE_SIZE);
    return new PostBackfill(
        new DynamoDbPostStore(dynamo, table, Clock.systemUTC()),
        new DynamoDbMigrationStore(dynamo, table),
        Clock.systemUTC(),
        pageSize);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    JsonObject event =
        JsonObject.parseBody(new String(input.readAllBytes(), StandardCharsets.UTF_8));
    Map<String, Object> answer;
    if (event.has("RequestType")) {
      answer = customResource(event);
    } else if (event.has("Records")) {
      long remaining = context.getRemainingTimeInMillis();
      Instant deadline =
          clock.instant().plusMillis(remaining - Math.min(MARGIN.toMillis(), remaining / 4));
      answer = new LinkedHashMap<>();
      for (String name : migrationsIn(event)) {
        PostBackfill.Outcome outcome = backfill.run(name, deadline);
        answer.put(name, outcome.name());
        Optional<MigrationState> state = backfill.state(name);
        Log.info(
            "migration.run",
            Map.of(
                "migration", name,
                "outcome", outcome.name(),
                "processed", state.map(MigrationState::processed).orElse(0L)));
      }
    } else {
      String name = event.string("resume");
      answer = stateJson(backfill.start(name));
    }
    output.write(Json.write(answer).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Starts or nudges the migration and answers CloudFormation: SUCCESS once its state is written
   * (the work goes on from the stream); FAILED only when even that failed, which fails the deploy.
   * A Delete has nothing to undo: migrated data stays.
   */
  private Map<String, Object> customResource(JsonObject event) {
    String type = event.string("RequestType");
    JsonObject properties =
        event.optObject("ResourceProperties").orElse(JsonObject.of(Map.of(), "properties"));
    String name = properties.optString("Migration").orElse(PostBackfill.NAME);
    String physicalId = "migration-" + name;
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("Status", "SUCCESS");
    response.put("PhysicalResourceId", physicalId);
    response.put("StackId", event.string("StackId"));
    response.put("RequestId", event.string("RequestId"));
    response.put("LogicalResourceId", event.string("LogicalResourceId"));
    if (!type.equals("Delete")) {
      try {
        MigrationState state = backfill.start(name);
        response.put("Data", Map.of("Migration", name, "Done", String.valueOf(state.done())));
        Log.info("migration.started", stateJson(state));
      } catch (RuntimeException e) {
        Log.error("migration.start_failed", Map.of("migration", name, "error", e.toString()));
        response.put("Status", "FAILED");
        response.put("Reason", "The migration " + name + " could not start: " + e.getMessage());
      }
    }
    send(event.string("ResponseURL"), Json.write(response));
    return response;
  }

  /** PUTs the answer to the presigned URL CloudFormation gave (no content type, as it expects). */
  private void send(String url, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "CloudFormation's response URL answered " + response.statusCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("CloudFormation's response URL failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while answering CloudFormation", e);
    }
  }

  /** The migrations whose state items the stream records name, each once. */
  private static Set<String> migrationsIn(JsonObject event) {
    Set<String> names = new LinkedHashSet<>();
    List<Object> records = event.optArray("Records").orElse(List.of());
    for (int i = 0; i < records.size(); i++) {
      JsonObject record = JsonObject.of(records.get(i), "Records[" + i + "]");
      String pk =
          record
              .optObject("dynamodb")
              .flatMap(d -> d.optObject("Keys"))
              .flatMap(k -> k.optObject("pk"))
              .flatMap(pkValue -> pkValue.optString("S"))
              .orElse("");
      if (pk.startsWith(TableKeys.MIGRATION_PREFIX)) {
        names.add(pk.substring(TableKeys.MIGRATION_PREFIX.length()));
      }
    }
    return names;
  }

  private static Map<String, Object> stateJson(MigrationState state) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("migration", state.name());
    json.put("done", state.done());
    json.put("step", state.step());
    json.put("processed", state.processed());
    return json;
  }
}
