package bloghome.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * One SigV4-signed call to an AWS JSON-protocol API (for example SSM's GetParameter), made with the
 * signer and HTTP client the function already carries for DynamoDB: no service SDK module, so
 * nothing more to load at cold start for a call made once per execution environment.
 */
public final class AwsJsonCall {
  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final Region region;
  private final URI endpoint;
  private final String signingName;

  public AwsJsonCall(
      SdkHttpClient http,
      AwsCredentialsProvider credentials,
      Region region,
      URI endpoint,
      String signingName) {
    this.http = http;
    this.credentials = credentials;
    this.region = region;
    this.endpoint = endpoint;
    this.signingName = signingName;
  }

  /**
   * SSM in the function's region, or the local stack's endpoint when AWS_ENDPOINT_URL_SSM is set.
   */
  public static AwsJsonCall ssm() {
    Region region = AwsSettings.region();
    URI endpoint =
        AwsSettings.endpointOverride("SSM")
            .orElse(URI.create("https://ssm." + region.id() + ".amazonaws.com/"));
    return new AwsJsonCall(
        AwsSettings.httpClient(), AwsSettings.credentials(), region, endpoint, "ssm");
  }

  /**
   * Posts {@code body} with {@code X-Amz-Target: target}; the response body, or an exception naming
   * the status.
   */
  public String call(String target, String body) {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint)
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", target)
            .build();
    AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(identity)
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
    try {
      HttpExecuteResponse response =
          http.prepareRequest(
                  HttpExecuteRequest.builder()
                      .request(signed.request())
                      .contentStreamProvider(signed.payload().orElse(null))
                      .build())
              .call();
      String text;
      try (InputStream in =
          response
              .responseBody()
              .map(InputStream.class::cast)
              .orElse(InputStream.nullInputStream())) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      int status = response.httpResponse().statusCode();
      if (status / 100 != 2) {
        // The error body names the error type (for example ParameterNotFound,
        // AccessDeniedException).
        throw new IllegalStateException(target + " answered " + status + ": " + text);
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(target + " failed: " + e.getMessage(), e);
    }
  }
}
