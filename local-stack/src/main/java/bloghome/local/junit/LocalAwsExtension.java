package bloghome.local.junit;

import bloghome.local.AwsTarget;
import bloghome.local.EmbeddedTarget;
import bloghome.local.LocalStackContainerTarget;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests a {@link LocalAws}: started once per test run (the first test
 * class that asks starts it, the end of the run stops it).
 *
 * <p>{@code -Daws.env=embedded} (default) runs moto and S3Proxy here; {@code -Daws.env=localstack}
 * runs LocalStack in Docker through Testcontainers instead.
 */
public final class LocalAwsExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalAwsExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalAws.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("local-aws", key -> new Resource(startTarget()), Resource.class)
        .aws;
  }

  private static AwsTarget startTarget() {
    String env = System.getProperty("aws.env", "embedded");
    return switch (env) {
      case "embedded", "" -> EmbeddedTarget.start();
      case "localstack" -> LocalStackContainerTarget.start();
      default ->
          throw new IllegalArgumentException("aws.env must be embedded or localstack, not " + env);
    };
  }

  /** Closed by JUnit when the root context closes, i.e. at the end of the run. */
  private static final class Resource implements AutoCloseable {
    final LocalAws aws;

    Resource(AwsTarget target) {
      this.aws = new LocalAws(target);
    }

    @Override
    public void close() {
      aws.target().close();
    }
  }
}
