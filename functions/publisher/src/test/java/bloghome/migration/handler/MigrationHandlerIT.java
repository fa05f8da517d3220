package bloghome.migration.handler;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.json.Json;
import bloghome.local.LocalContext;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.migration.DynamoDbMigrationStore;
import bloghome.migration.PostBackfill;
import bloghome.posts.DynamoDbPostStore;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MigrationFunction's answers to CloudFormation, against the local stack's DynamoDB and a local
 * stand-in for CloudFormation's response URL: a Create or Update is answered SUCCESS as soon as the
 * migration's state is written (the work goes on from the stream), a Delete at once, and a start
 * that cannot be written is answered FAILED with the reason, so the deploy says so instead of
 * waiting for its timeout.
 */
@ExtendWith(LocalAwsExtension.class)
class MigrationHandlerIT {
  private final List<String> answers = new ArrayList<>();
  private HttpServer cloudFormation;
  private LocalAws aws;

  @BeforeEach
  void setUp(LocalAws aws) throws IOException {
    this.aws = aws;
    cloudFormation = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    cloudFormation.createContext(
        "/",
        exchange -> {
          synchronized (answers) {
            answers.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    cloudFormation.start();
  }

  @AfterEach
  void tearDown() {
    cloudFormation.stop(0);
  }

  private MigrationHandler handler(String table) {
    return new MigrationHandler(
        new PostBackfill(
            new DynamoDbPostStore(aws.dynamoDbClient(), table, Clock.systemUTC()),
            new DynamoDbMigrationStore(aws.dynamoDbClient(), table),
            Clock.systemUTC(),
            25),
        HttpClient.newHttpClient(),
        Clock.systemUTC());
  }

  private String event(String type) {
    return Json.write(
        Map.of(
            "RequestType",
            type,
            "ResponseURL",
            "http://127.0.0.1:" + cloudFormation.getAddress().getPort() + "/response?sig=x",
            "StackId",
            "arn:aws:cloudformation:us-east-1:000000000000:stack/s/1",
            "RequestId",
            "r-1",
            "LogicalResourceId",
            "PostBackfillMigration",
            "ResourceProperties",
            Map.of("ServiceToken", "arn:x", "Migration", "m-test")));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> invoke(MigrationHandler handler, String event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
        out,
        new LocalContext("MigrationFunction"));
    return (Map<String, Object>) Json.parse(out.toString(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> lastAnswer() {
    synchronized (answers) {
      return (Map<String, Object>) Json.parse(answers.getLast());
    }
  }

  @Test
  void createAndUpdate_areAnsweredAtOnce_afterTheStartIsWritten_deleteLeavesTheData()
      throws IOException {
    String table = aws.freshTable("BlogTable");
    MigrationHandler handler = handler(table);

    invoke(handler, event("Create"));
    assertThat(lastAnswer())
        .containsEntry("Status", "SUCCESS")
        .containsEntry("PhysicalResourceId", "migration-m-test")
        .containsEntry("RequestId", "r-1")
        .containsEntry("LogicalResourceId", "PostBackfillMigration");
    DynamoDbMigrationStore states = new DynamoDbMigrationStore(aws.dynamoDbClient(), table);
    assertThat(states.read("m-test").orElseThrow().done()).isFalse();

    // the stream's record of the state item: the run finishes the (empty) table
    Map<String, Object> run =
        invoke(
            handler,
            Json.write(
                Map.of(
                    "Records",
                    List.of(
                        Map.of(
                            "eventName",
                            "MODIFY",
                            "dynamodb",
                            Map.of(
                                "Keys",
                                Map.of(
                                    "pk", Map.of("S", "MIGRATION#m-test"),
                                    "sk", Map.of("S", "STATE"))))))));
    assertThat(run).containsEntry("m-test", "DONE");

    invoke(handler, event("Update"));
    assertThat(lastAnswer()).containsEntry("Status", "SUCCESS");
    assertThat(states.read("m-test").orElseThrow().done()).isTrue();

    invoke(handler, event("Delete"));
    assertThat(lastAnswer()).containsEntry("Status", "SUCCESS");
    assertThat(states.read("m-test")).isPresent();
    assertThat(answers).hasSize(3);
  }

  @Test
  void aStartThatCannotBeWritten_isAnsweredFailedWithTheReason() throws IOException {
    MigrationHandler handler = handler("no-such-table");

    invoke(handler, event("Create"));

    assertThat(lastAnswer()).containsEntry("Status", "FAILED");
    assertThat((String) lastAnswer().get("Reason")).contains("m-test could not start");
  }
}
