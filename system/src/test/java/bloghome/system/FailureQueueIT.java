package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.json.Json;
import bloghome.local.FaultPlan;
import bloghome.local.LocalStack;
import bloghome.local.SamTemplate;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A validation that keeps failing goes, after Lambda's retries, to the failure queue in the shape
 * Lambda's on-failure destination sends; {@code bin/replay-failed-validations --local} re-drives it
 * and the upload settles ACCEPTED.
 */
class FailureQueueIT {
  private static RunningSystem system;
  private static Http http;

  @BeforeAll
  static void start() {
    system =
        RunningSystem.start(
            new LocalStack.Config("failq", 0, 0, 0, List.of(), FaultPlan.proxiesOnly(9)));
    system.stack().notifications().retryDelay(Duration.ofMillis(20));
    http = new Http(system.apiUrl());
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void aValidationFailingEveryRetry_isQueued_andTheReplayScriptSettlesIt() throws Exception {
    String owner = "vipzoe";
    String token = system.tokens().mint(owner, List.of("vip"), Duration.ofMinutes(30));
    BufferedImage image = new BufferedImage(300, 38, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    Http.Reply ticket =
        http.send(
            "POST",
            "/users/" + owner + "/skin/uploads",
            token,
            Map.of("slot", "column", "contentType", "image/png", "contentLength", png.size()));
    String uploadId = (String) ticket.json().get("uploadId");

    // given DynamoDB failing for the validator: its three invocations (1 + MaximumRetryAttempts 2)
    // fail
    system
        .stack()
        .dynamoDbFaults()
        .orElseThrow()
        .rates(FaultPlan.parse("dynamodb:error500=1").dynamoDb());
    assertThat(
            http.send(
                    "PUT",
                    (String) ticket.json().get("url"),
                    null,
                    png.toByteArray(),
                    "content-type",
                    "image/png")
                .status())
        .isEqualTo(200);
    system.stack().notifications().awaitIdle(60, TimeUnit.SECONDS);
    system.stack().faultsOff();

    // then the event is in the failure queue as Lambda would have sent it
    Http.Reply queued = http.send("GET", "/_local/failures", null, null);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> messages = (List<Map<String, Object>>) queued.json().get("messages");
    assertThat(messages).hasSize(1);
    Map<String, Object> record = messages.get(0);
    assertThat(record)
        .containsKeys(
            "version", "timestamp", "requestContext", "requestPayload", "responseContext");
    assertThat(Json.write(record.get("requestContext")))
        .contains("\"condition\":\"RetriesExhausted\"")
        .contains("\"approximateInvokeCount\":3");
    assertThat(Json.write(record.get("requestPayload")))
        .contains(uploadId)
        .contains("\"eventSource\":\"aws:s3\"");
    assertThat(
            http.send("GET", "/users/" + owner + "/skin/uploads/" + uploadId, token, null).json())
        .containsEntry("status", "PENDING");

    // when the operator replays it with the script
    Path root = SamTemplate.locate().toAbsolutePath().getParent();
    Process dryRun =
        new ProcessBuilder(
                "bin/replay-failed-validations", "--local", system.apiUrl().toString(), "--dry-run")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    String listed = new String(dryRun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(dryRun.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(listed).contains("1 failed validation(s)").contains(uploadId);
    assertThat(system.stack().notifications().failures()).hasSize(1);

    Process replay =
        new ProcessBuilder("bin/replay-failed-validations", "--local", system.apiUrl().toString())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    String replayed = new String(replay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(replay.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(replay.exitValue()).as(replayed).isZero();
    assertThat(replayed).contains("\"replayed\":1");
    system.stack().notifications().awaitIdle(60, TimeUnit.SECONDS);

    // then the upload is decided and the queue is empty
    assertThat(
            http.send("GET", "/users/" + owner + "/skin/uploads/" + uploadId, token, null).json())
        .containsEntry("status", "ACCEPTED");
    assertThat(system.stack().notifications().failures()).isEmpty();
  }
}
