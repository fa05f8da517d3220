package bloghome.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
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
    return AwsSettings.endpointOverride("S3")
        .map(
            uri ->
                S3Presigner.builder()
                    .region(AwsSettings.region())
                    .credentialsProvider(AwsSettings.credentials())
                    .endpointOverride(uri)
                    .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                    .build())
        .orElseGet(() -> presigner(AwsSettings.region(), AwsSettings.credentials()));
  }

  /**
   * A presigner whose URLs point at the bucket's regional virtual-hosted origin, {@code
   * https://<bucket>.s3.<region>.<dns suffix>}, in every region: the origin the template gives the
   * pages as {@code UPLOAD_ORIGIN} (their CSP's {@code connect-src}). Left to itself, the SDK signs
   * for the global {@code <bucket>.s3.amazonaws.com} in us-east-1, which that CSP would block.
   */
  public static S3Presigner presigner(Region region, AwsCredentialsProvider credentials) {
    return S3Presigner.builder()
        .region(region)
        .credentialsProvider(credentials)
        .endpointOverride(regionalEndpoint(region))
        .build();
  }

  /** S3's regional endpoint, e.g. {@code https://s3.us-east-1.amazonaws.com}. */
  static URI regionalEndpoint(Region region) {
    return URI.create("https://s3." + region.id() + "." + PartitionMetadata.of(region).dnsSuffix());
  }
}
