package bloghome.http;

import bloghome.errors.RetryLater;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Which failures of DynamoDB or S3 that are left after the SDK's own retries mean "try again
 * shortly" rather than a bug: a client is told 503 with {@code Retry-After}, never 500.
 *
 * <ul>
 *   <li>throttling ({@code ProvisionedThroughputExceededException}, {@code ThrottlingException},
 *       {@code RequestLimitExceeded}, S3 {@code SlowDown}, a transaction cancelled by conflicts):
 *       503 {@code SERVICE_BUSY}, {@code Retry-After: 1}. Not 429: the caller did nothing wrong and
 *       429 is kept for the caller's own rate (comments' limits);
 *   <li>a 5xx from the service, an I/O failure or a timeout: 503 {@code DEPENDENCY_UNAVAILABLE},
 *       {@code Retry-After: 2}.
 * </ul>
 *
 * Anything else (a validation error of ours, a failed condition nobody handled) stays a 500: it is
 * a bug and must show as one.
 */
public final class DependencyFailures {
  private static final Set<String> THROTTLING =
      Set.of(
          "ProvisionedThroughputExceededException",
          "ThrottlingException",
          "Throttling",
          "RequestLimitExceeded",
          "SlowDown",
          "TransactionConflictException",
          "TransactionInProgressException");

  private DependencyFailures() {}

  /** The answer for {@code failure}, or empty when it is not a dependency's transient failure. */
  public static Optional<RetryLater> classify(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 10; t = t.getCause(), depth++) {
      Optional<RetryLater> answer = classifyOne(t);
      if (answer.isPresent()) {
        return answer;
      }
    }
    return Optional.empty();
  }

  private static Optional<RetryLater> classifyOne(Throwable t) {
    if (t instanceof TransactionCanceledException cancelled) {
      boolean onlyConflicts =
          cancelled.hasCancellationReasons()
              && cancelled.cancellationReasons().stream()
                  .allMatch(
                      r ->
                          r.code() == null
                              || "None".equals(r.code())
                              || "TransactionConflict".equals(r.code())
                              || "ThrottlingError".equals(r.code())
                              || "ProvisionedThroughputExceeded".equals(r.code()));
      return onlyConflicts ? Optional.of(busy()) : Optional.empty();
    }
    if (t instanceof AwsServiceException service) {
      String code =
          service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      if (service.isThrottlingException() || (code != null && THROTTLING.contains(code))) {
        return Optional.of(busy());
      }
      if (service.statusCode() >= 500) {
        return Optional.of(unavailable());
      }
      return Optional.empty();
    }
    if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
      return Optional.of(unavailable());
    }
    if (t instanceof SdkClientException client && (client.retryable() || hasIoCause(client))) {
      return Optional.of(unavailable());
    }
    if (t instanceof UncheckedIOException) {
      return Optional.of(unavailable());
    }
    return Optional.empty();
  }

  private static boolean hasIoCause(Throwable t) {
    for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  static RetryLater busy() {
    return RetryLater.unavailable(
        "SERVICE_BUSY", "The service is busy right now; try again shortly.", 1);
  }

  static RetryLater unavailable() {
    return RetryLater.unavailable(
        "DEPENDENCY_UNAVAILABLE", "A service we depend on did not answer; try again shortly.", 2);
  }
}
