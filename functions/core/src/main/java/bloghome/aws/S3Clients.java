package bloghome.aws;

import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds the S3 client and presigner; path-style addressing when pointed at the local stack. The
 * client (the validator's, which reads and writes images in a 30 s function) gets 3 attempts, 10 s
 * per attempt and 25 s per call.
 */
public final class S3Clients {
  static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(25);

  private S3Clients() {}

  public static S3Client fromEnvironment() {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(AwsSettings.region())
            .credentialsProvider(AwsSettings.credentials())
            .httpClient(AwsSettings.httpClient())
            .overrideConfiguration(AwsSettings.overrides(ATTEMPT_TIMEOUT, CALL_TIMEOUT));
    AwsSettings.endpointOverride("S3")
        .ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true));
    return builder.build();
  }

  public static S3Presigner presignerFromEnvironment() {
    S3Presigner.Builder builder =
        S3Presigner.builder()
            .region(AwsSettings.region())
            .credentialsProvider(AwsSettings.credentials());
    AwsSettings.endpointOverride("S3")
        .ifPresent(
            uri ->
                builder
                    .endpointOverride(uri)
                    .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build()));
    return builder.build();
  }
}
