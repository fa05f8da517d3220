package bloghome.aws;

import bloghome.config.Env;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Region, credentials and HTTP client for SDK clients, taken explicitly from the Lambda
 * environment: the SDK's default provider chains probe files, system properties and instance
 * metadata, which costs cold-start time for nothing on Lambda.
 *
 * <p>{@code AWS_ENDPOINT_URL_<SERVICE>} points a client at the local stack; only then are fixed
 * local credentials used.
 */
public final class AwsSettings {
  private AwsSettings() {}

  public static Region region() {
    return Region.of(Env.get("AWS_REGION").orElse("us-east-1"));
  }

  public static Optional<URI> endpointOverride(String service) {
    return Env.get("AWS_ENDPOINT_URL_" + service).map(URI::create);
  }

  public static AwsCredentialsProvider credentials(String service) {
    if (endpointOverride(service).isPresent()
        && Env.get("AWS_ACCESS_KEY_ID").isEmpty()) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local-secret"));
    }
    return EnvironmentVariableCredentialsProvider.create();
  }

  /** The JDK-based client: no Apache or Netty classes to load. */
  public static SdkHttpClient httpClient() {
    return UrlConnectionHttpClient.builder().build();
  }
}
