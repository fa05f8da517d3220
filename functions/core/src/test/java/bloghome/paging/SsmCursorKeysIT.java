package bloghome.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.aws.AwsJsonCall;
import bloghome.errors.Problem;
import bloghome.json.Json;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.local.junit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The cursor keys read from an SSM SecureString (moto's SSM) through one signed call, and rotated.
 */
@ExtendWith(LocalAwsExtension.class)
class SsmCursorKeysIT {
  private static final String A = "ssm-key-a-".repeat(4);
  private static final String B = "ssm-key-b-".repeat(4);
  private static final String C = "ssm-key-c-".repeat(4);

  @Test
  void rotatingTheParameter_keepsCursorsInFlightValid_andRejectsKeysOlderThanThePrevious(
      LocalAws aws) {
    AwsJsonCall ssm =
        new AwsJsonCall(
            UrlConnectionHttpClient.create(),
            aws.credentials(),
            Region.of(aws.region()),
            aws.target().dynamoDbEndpoint(),
            "ssm");
    String name = "/it/cursor-keys-" + System.nanoTime();
    put(ssm, name, A);
    MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    CursorCodec codec =
        new CursorCodec(SsmCursorKeys.fromParameter(name, ssm, clock), clock, Duration.ofHours(24));
    String signedWithA = codec.encode("s", Map.of("k", "a"));

    put(ssm, name, B + "," + A);
    clock.advance(SsmCursorKeys.REFRESH);
    assertThat(codec.decode("s", signedWithA)).containsEntry("k", "a");
    String signedWithB = codec.encode("s", Map.of("k", "b"));

    put(ssm, name, C + "," + B);
    clock.advance(SsmCursorKeys.REFRESH);
    assertThat(codec.decode("s", signedWithB)).containsEntry("k", "b");
    assertThatThrownBy(() -> codec.decode("s", signedWithA))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind().status()).isEqualTo(400));
  }

  @Test
  void aMissingParameter_failsWithTheErrorSsmGave(LocalAws aws) {
    AwsJsonCall ssm =
        new AwsJsonCall(
            UrlConnectionHttpClient.create(),
            aws.credentials(),
            Region.of(aws.region()),
            aws.target().dynamoDbEndpoint(),
            "ssm");
    SsmCursorKeys keys =
        SsmCursorKeys.fromParameter("/it/no-such-parameter", ssm, Clock.systemUTC());

    assertThatThrownBy(keys::get).hasMessageContaining("ParameterNotFound");
  }

  private static void put(AwsJsonCall ssm, String name, String value) {
    ssm.call(
        "AmazonSSM.PutParameter",
        Json.write(
            Map.of("Name", name, "Value", value, "Type", "SecureString", "Overwrite", true)));
  }
}
