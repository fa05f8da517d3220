package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.SamTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/replay-failed-validations} in its AWS mode, against a stand-in {@code aws} command
 * that answers as the AWS CLI does and records what it was asked (no AWS account here): each queued
 * record's requestPayload goes to the validator's live alias as an Event invocation, and only
 * accepted invocations delete their message; a dry run changes nothing.
 */
class ReplayScriptAwsIT {
  private static final String RECORD =
      "{\\\"version\\\":\\\"1.0\\\",\\\"requestContext\\\":{\\\"condition\\\":"
          + "\\\"RetriesExhausted\\\",\\\"approximateInvokeCount\\\":3},\\\"requestPayload\\\":{\\\"Records\\\":[{\\\"s3\\\":"
          + "{\\\"object\\\":{\\\"key\\\":\\\"uploads/alice/column/KEY\\\"}}}]},\\\"responsePayload\\\":{\\\"errorType\\\":\\\"E\\\"}}";

  /** A stand-in for the AWS CLI: canned answers, every call appended to calls.log. */
  private static Path fakeAws(Path dir) throws IOException {
    String messages =
        "{\"Messages\":["
            + "{\"MessageId\":\"m1\",\"ReceiptHandle\":\"rh-1\",\"Body\":\""
            + RECORD.replace("KEY", "up_one")
            + "\"},"
            + "{\"MessageId\":\"m2\",\"ReceiptHandle\":\"rh-2\",\"Body\":\""
            + RECORD.replace("KEY", "up_two")
            + "\"}]}";
    String script =
        """
        #!/usr/bin/env bash
        dir="$(dirname "$0")"
        echo "$*" >> "$dir/calls.log"
        case "$*" in
          *describe-stacks*) echo "https://sqs.eu-west-1.amazonaws.com/1/failures" ;;
          *describe-stack-resource*) echo "blog-SkinValidatorFunction-AbC" ;;
          *receive-message*)
            n=$(cat "$dir/receives" 2>/dev/null || echo 0); echo $((n + 1)) > "$dir/receives"
            if [ "$n" = 0 ]; then cat "$dir/messages.json"; else echo '{}'; fi ;;
          *"lambda invoke"*)
            for a in "$@"; do case "$a" in fileb://*) cat "${a#fileb://}" >> "$dir/payloads.log"; echo >> "$dir/payloads.log";; esac; done
            echo 202 ;;
          *delete-message*) ;;
          *) echo "unexpected: $*" >&2; exit 1 ;;
        esac
        """;
    Files.writeString(dir.resolve("messages.json"), messages);
    Path aws = dir.resolve("aws");
    Files.writeString(aws, script);
    Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
    return dir;
  }

  private static String run(Path fake, String... args) throws Exception {
    Path root = SamTemplate.locate().toAbsolutePath().getParent();
    List<String> command = new ArrayList<>(List.of("bin/replay-failed-validations"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
    builder.environment().put("PATH", fake + ":" + System.getenv("PATH"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void replay_invokesTheLiveAliasWithEachPayload_andDeletesOnlyWhatItReplayed(@TempDir Path dir)
      throws Exception {
    Path fake = fakeAws(dir);

    String output = run(fake, "--stack", "blog", "--region", "eu-west-1");

    List<String> calls = Files.readAllLines(dir.resolve("calls.log"));
    assertThat(calls)
        .filteredOn(c -> c.contains("lambda invoke"))
        .hasSize(2)
        .allSatisfy(
            c ->
                assertThat(c)
                    .contains(
                        "--function-name blog-SkinValidatorFunction-AbC",
                        "--qualifier live",
                        "--invocation-type Event",
                        "--region eu-west-1"));
    assertThat(calls)
        .filteredOn(c -> c.contains("delete-message"))
        .hasSize(2)
        .anySatisfy(c -> assertThat(c).contains("--receipt-handle rh-1"))
        .anySatisfy(c -> assertThat(c).contains("--receipt-handle rh-2"));
    List<String> payloads = Files.readAllLines(dir.resolve("payloads.log"));
    assertThat(payloads).hasSize(2);
    assertThat(payloads.get(0))
        .startsWith("{\"Records\"")
        .contains("uploads/alice/column/up_one")
        .doesNotContain("requestContext");
    assertThat(output).contains("replayed 2, not replayed 0");
  }

  @Test
  void dryRun_listsTheKeys_withoutInvokingOrDeleting(@TempDir Path dir) throws Exception {
    Path fake = fakeAws(dir);

    String output = run(fake, "--stack", "blog", "--dry-run");

    assertThat(output)
        .contains("uploads/alice/column/up_one", "uploads/alice/column/up_two", "dry run");
    assertThat(Files.readAllLines(dir.resolve("calls.log")))
        .noneMatch(c -> c.contains("lambda invoke") || c.contains("delete-message"));
  }
}
