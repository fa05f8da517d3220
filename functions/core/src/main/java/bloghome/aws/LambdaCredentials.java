package bloghome.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;

/**
 * The credentials Lambda gives a function, read the way it gives them, and nothing else probed.
 *
 * <ul>
 *   <li>With SnapStart, Lambda sets no access-key variables: the runtime gives {@code
 *       AWS_CONTAINER_CREDENTIALS_FULL_URI} and {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}, and the
 *       SDK's {@link ContainerCredentialsProvider} fetches session credentials from that endpoint
 *       (and again before they expire).
 *   <li>Without SnapStart, Lambda sets {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and
 *       {@code AWS_SESSION_TOKEN}: {@link EnvironmentVariableCredentialsProvider}, which reads the
 *       variables at each call and costs nothing at cold start.
 * </ul>
 *
 * <p>The choice is made on the container variable, which the SDK itself reads (system property
 * {@code aws.containerCredentialsFullUri}, then the environment), so one lookup instead of the
 * default chain's profile files, web identity and instance metadata.
 *
 * <p>Credentials fetched before a SnapStart snapshot (by priming) would otherwise be restored with
 * it, possibly hours later and expired, and with them the identity of another execution
 * environment: after a restore the container provider is dropped, so the first call after it
 * fetches fresh ones.
 */
final class LambdaCredentials implements AwsCredentialsProvider {
  static final LambdaCredentials INSTANCE = new LambdaCredentials();

  private volatile AwsCredentialsProvider delegate;

  private LambdaCredentials() {
    try {
      Priming.onRestore("credentials", this::forget);
    } catch (NoClassDefFoundError e) {
      // A function without org.crac (no SnapStart): Priming itself cannot link, and there is no
      // snapshot to refresh after.
    }
  }

  @Override
  public AwsCredentials resolveCredentials() {
    AwsCredentialsProvider current = delegate;
    if (current == null) {
      current =
          SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI.getStringValue().isPresent()
              ? ContainerCredentialsProvider.create()
              : EnvironmentVariableCredentialsProvider.create();
      delegate = current;
    }
    return current.resolveCredentials();
  }

  /** Drops the provider and the credentials it holds; the next call builds a fresh one. */
  void forget() {
    AwsCredentialsProvider old = delegate;
    delegate = null;
    if (old instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Only its refresh thread and cache: nothing the next provider depends on.
      }
    }
  }

  @Override
  public String toString() {
    return "LambdaCredentials";
  }
}
