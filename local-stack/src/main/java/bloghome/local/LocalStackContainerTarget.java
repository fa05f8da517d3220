package bloghome.local;

import java.net.URI;
import java.util.Optional;
import org.testcontainers.localstack.LocalStackContainer;

/**
 * LocalStack in Docker through Testcontainers, for machines that have a Docker engine.
 *
 * <p>The image is pinned to the last community tag that starts without an auth token; set {@code
 * LOCALSTACK_IMAGE} to use another and {@code LOCALSTACK_AUTH_TOKEN} when it needs one.
 */
public final class LocalStackContainerTarget implements AwsTarget {
  public static final String DEFAULT_IMAGE = "localstack/localstack:4.14.0";

  private final LocalStackContainer container;

  private LocalStackContainerTarget(LocalStackContainer container) {
    this.container = container;
  }

  public static LocalStackContainerTarget start() {
    String image = System.getenv().getOrDefault("LOCALSTACK_IMAGE", DEFAULT_IMAGE);
    LocalStackContainer container = new LocalStackContainer(image).withServices("dynamodb", "s3");
    String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
    if (token != null && !token.isBlank()) {
      container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
    }
    container.start();
    return new LocalStackContainerTarget(container);
  }

  @Override
  public URI dynamoDbEndpoint() {
    return container.getEndpoint();
  }

  @Override
  public URI s3Endpoint() {
    return container.getEndpoint();
  }

  @Override
  public String accessKey() {
    return container.getAccessKey();
  }

  @Override
  public String secretKey() {
    return container.getSecretKey();
  }

  /** LocalStack would deliver S3 events to functions deployed in it, not to this JVM. */
  @Override
  public Optional<S3Notifications> notifications() {
    return Optional.empty();
  }

  @Override
  public void close() {
    container.stop();
  }
}
