package bloghome.aws;

import bloghome.config.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Region, credentials and HTTP client for SDK clients, taken explicitly from the Lambda
 * environment: the SDK's default provider chains probe profile files, system properties, web
 * identity and instance metadata one after the other, which costs cold-start time for nothing on
 * Lambda.
 *
 * <p>Credentials come the two ways Lambda gives them (see {@link LambdaCredentials}): the
 * access-key variables, or, with SnapStart, only the container credentials endpoint. There is no
 * local shortcut: {@code AWS_ENDPOINT_URL_<SERVICE>} only moves the endpoint, and the local stack
 * issues and checks credentials as AWS does.
 */
public final class AwsSettings {
  private AwsSettings() {}

  public static Region region() {
    return Region.of(Env.get("AWS_REGION").orElse("us-east-1"));
  }

  public static Optional<URI> endpointOverride(String service) {
    return Env.get("AWS_ENDPOINT_URL_" + service).map(URI::create);
  }

  /** The one credentials provider every client of this execution environment shares. */
  public static AwsCredentialsProvider credentials() {
    return LambdaCredentials.INSTANCE;
  }

  /**
   * Retries and time limits of a client. The SDK's standard retry mode: 3 attempts with jittered
   * exponential backoff, longer for throttling errors (the legacy default gives DynamoDB 9 attempts
   * whose throttling backoff alone can outlast a 10 s function). {@code attempt} bounds one HTTP
   * exchange and {@code total} the call with its retries, so a function never hangs past its
   * timeout on a dependency: what is left after the retries becomes a 503 (see {@code
   * bloghome.http.DependencyFailures}).
   */
  public static ClientOverrideConfiguration overrides(Duration attempt, Duration total) {
    return ClientOverrideConfiguration.builder()
        .retryStrategy(RetryMode.STANDARD)
        .apiCallAttemptTimeout(attempt)
        .apiCallTimeout(total)
        .build();
  }

  /** The JDK-based client: no Apache or Netty classes to load. */
  public static SdkHttpClient httpClient() {
    return UrlConnectionHttpClient.builder().build();
  }
}
