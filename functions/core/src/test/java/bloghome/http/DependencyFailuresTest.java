package bloghome.http;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.errors.RetryLater;
import bloghome.json.Json;
import bloghome.log.Log;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class DependencyFailuresTest {
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

  @BeforeEach
  void captureLogs() {
    Log.redirect(new PrintStream(logged, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreLogs() {
    Log.redirect(System.out);
  }

  private static AwsServiceException service(int status, String code) {
    return AwsServiceException.builder()
        .statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).serviceName("S3").build())
        .build();
  }

  private static String code(RuntimeException e) {
    return DependencyFailures.classify(e).map(RetryLater::code).orElse("BUG");
  }

  @Test
  void throttling_ofEitherService_isServiceBusy() {
    assertThat(
            code(
                ProvisionedThroughputExceededException.builder()
                    .statusCode(400)
                    .awsErrorDetails(
                        AwsErrorDetails.builder()
                            .errorCode("ProvisionedThroughputExceededException")
                            .build())
                    .build()))
        .isEqualTo("SERVICE_BUSY");
    assertThat(code(service(400, "ThrottlingException"))).isEqualTo("SERVICE_BUSY");
    assertThat(code(service(400, "RequestLimitExceeded"))).isEqualTo("SERVICE_BUSY");
    assertThat(code(service(503, "SlowDown"))).isEqualTo("SERVICE_BUSY");
  }

  @Test
  void transactionCancelledOnlyByConflicts_isServiceBusy_butAFailedConditionIsNot() {
    TransactionCanceledException conflicts =
        TransactionCanceledException.builder()
            .statusCode(400)
            .cancellationReasons(
                CancellationReason.builder().code("None").build(),
                CancellationReason.builder().code("TransactionConflict").build())
            .build();
    TransactionCanceledException condition =
        TransactionCanceledException.builder()
            .statusCode(400)
            .cancellationReasons(
                CancellationReason.builder().code("ConditionalCheckFailed").build())
            .build();

    assertThat(code(conflicts)).isEqualTo("SERVICE_BUSY");
    assertThat(code(condition)).isEqualTo("BUG");
  }

  @Test
  void serverErrors_ioFailuresAndTimeouts_areDependencyUnavailable() {
    assertThat(
            code(
                DynamoDbException.builder()
                    .statusCode(500)
                    .awsErrorDetails(
                        AwsErrorDetails.builder().errorCode("InternalServerError").build())
                    .build()))
        .isEqualTo("DEPENDENCY_UNAVAILABLE");
    assertThat(code(service(500, "InternalError"))).isEqualTo("DEPENDENCY_UNAVAILABLE");
    assertThat(
            code(
                SdkClientException.builder()
                    .message("Unable to execute HTTP request")
                    .cause(new IOException("Connection reset"))
                    .build()))
        .isEqualTo("DEPENDENCY_UNAVAILABLE");
    assertThat(code(ApiCallTimeoutException.create(5000))).isEqualTo("DEPENDENCY_UNAVAILABLE");
    assertThat(
            code(
                new IllegalStateException(
                    "wrapped", new UncheckedIOException(new IOException("eof")))))
        .isEqualTo("DEPENDENCY_UNAVAILABLE");
  }

  @Test
  void bugsStayBugs() {
    assertThat(code(new IllegalStateException("ours"))).isEqualTo("BUG");
    assertThat(code(ConditionalCheckFailedException.builder().statusCode(400).build()))
        .isEqualTo("BUG");
    assertThat(code(service(400, "ValidationException"))).isEqualTo("BUG");
    assertThat(code(SdkClientException.create("Unable to marshall request"))).isEqualTo("BUG");
  }

  /** A handler whose one route fails as {@code failure} says. */
  private static APIGatewayV2HTTPResponse call(Supplier<RuntimeException> failure) {
    ApiHandler handler =
        new ApiHandler() {
          {
            route(
                "GET /x",
                r -> {
                  throw failure.get();
                });
          }
        };
    return handler.handleRequest(
        APIGatewayV2HTTPEvent.builder()
            .withRouteKey("GET /x")
            .withRequestContext(
                APIGatewayV2HTTPEvent.RequestContext.builder()
                    .withHttp(
                        APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                            .withSourceIp("198.51.100.7")
                            .build())
                    .build())
            .build(),
        null);
  }

  @Test
  void handler_answers503WithRetryAfterAndTheErrorShape_whenADependencyIsThrottled() {
    APIGatewayV2HTTPResponse response = call(() -> service(400, "ThrottlingException"));

    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(response.getHeaders()).containsEntry("retry-after", "1");
    @SuppressWarnings("unchecked")
    Map<String, Object> error =
        (Map<String, Object>) ((Map<String, Object>) Json.parse(response.getBody())).get("error");
    assertThat(error).containsEntry("code", "SERVICE_BUSY").containsKey("message");
    assertThat(logged.toString(StandardCharsets.UTF_8))
        .contains("dependency failure")
        .doesNotContain("unhandled");
  }

  @Test
  void handler_answers503DependencyUnavailable_whenTheServiceKeepsFailing() {
    APIGatewayV2HTTPResponse response = call(() -> service(500, "InternalError"));

    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(response.getHeaders()).containsEntry("retry-after", "2");
    assertThat(response.getBody()).contains("DEPENDENCY_UNAVAILABLE");
  }

  @Test
  void handler_stillAnswers500_forItsOwnBugs() {
    APIGatewayV2HTTPResponse response = call(() -> new IllegalStateException("ours"));

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(response.getHeaders()).doesNotContainKey("retry-after");
    assertThat(logged.toString(StandardCharsets.UTF_8)).contains("unhandled");
  }
}
