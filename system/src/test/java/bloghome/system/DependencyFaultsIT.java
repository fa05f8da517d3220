package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.FaultPlan;
import bloghome.local.LocalStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The functions, built with their production clients, against a DynamoDB that keeps failing past
 * the SDK's retries: callers get 503 with Retry-After in the usual error shape, never a 500.
 */
class DependencyFaultsIT {
  private static RunningSystem system;
  private static Http http;
  private static String alice;

  @BeforeAll
  static void start() {
    system =
        RunningSystem.start(
            new LocalStack.Config("deps", 0, 0, 0, List.of(), FaultPlan.proxiesOnly(3)));
    http = new Http(system.apiUrl());
    alice = system.tokens().mint("alice", List.of("vip"), Duration.ofMinutes(30));
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @AfterEach
  void faultsOff() {
    system.stack().faultsOff();
  }

  private static void dynamoDb(String spec) {
    system
        .stack()
        .dynamoDbFaults()
        .orElseThrow()
        .rates(FaultPlan.parse("dynamodb:" + spec).dynamoDb());
  }

  @Test
  void throttledPastTheRetries_readsAndWritesAnswer503ServiceBusy() {
    dynamoDb("throttle=1");

    for (Http.Reply reply :
        List.of(
            http.send("GET", "/users/alice/posts", null, null),
            http.send("PUT", "/users/alice", alice, Map.of("displayName", "Alice")),
            http.send(
                "POST",
                "/users/alice/posts",
                alice,
                Map.of("type", "original", "title", "T", "content", "c"),
                "idempotency-key",
                "busy-1"))) {
      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.raw().headers().firstValue("retry-after")).hasValue("1");
      @SuppressWarnings("unchecked")
      Map<String, Object> error = (Map<String, Object>) reply.json().get("error");
      assertThat(error).containsEntry("code", "SERVICE_BUSY");
    }
  }

  @Test
  void failingWith500sOrLostAnswers_answers503DependencyUnavailable() {
    dynamoDb("error500=1");
    Http.Reply failing = http.send("GET", "/users/alice/posts", null, null);
    dynamoDb("lost=1");
    Http.Reply lost = http.send("GET", "/users/alice", null, null);

    for (Http.Reply reply : List.of(failing, lost)) {
      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.raw().headers().firstValue("retry-after")).hasValue("2");
      assertThat(reply.body()).contains("\"code\":\"DEPENDENCY_UNAVAILABLE\"");
    }
  }

  @Test
  void afterTheFaults_theSameRequestsSucceed() {
    dynamoDb("throttle=1");
    assertThat(http.send("GET", "/users/alice/posts", null, null).status()).isEqualTo(503);
    system.stack().faultsOff();

    assertThat(http.send("GET", "/users/alice/posts", null, null).status()).isEqualTo(200);
  }
}
