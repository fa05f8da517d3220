package bloghome.local;

import bloghome.local.FaultProxy.Service;
import bloghome.local.HttpRelay.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The errors the fault proxy makes up, in each service's own wire shape, so that the SDK classifies
 * them as it would AWS's: DynamoDB's JSON {@code __type} errors and S3's XML {@code <Error>}.
 */
final class InjectedErrors {
  private InjectedErrors() {}

  /** An error the SDK treats as throttling and retries with its throttling back-off. */
  static Answer throttled(Service service) {
    return service == Service.DYNAMODB
        ? dynamoError(
            400,
            "ProvisionedThroughputExceededException",
            "The level of configured provisioned throughput for the table was exceeded (injected).")
        : s3Error(503, "SlowDown", "Please reduce your request rate (injected).");
  }

  static Answer internalError(Service service) {
    return service == Service.DYNAMODB
        ? dynamoError(500, "InternalServerError", "Internal server error (injected).")
        : s3Error(
            500, "InternalError", "We encountered an internal error. Please try again (injected).");
  }

  static Answer dynamoError(int status, String type, String message) {
    byte[] body =
        ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                + type
                + "\",\"message\":\""
                + message
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {"Content-Type", "application/x-amz-json-1.0"});
    headers.add(new String[] {"x-amzn-RequestId", "FAULT" + System.nanoTime()});
    return new Answer(status, headers, body);
  }

  private static Answer s3Error(int status, String code, String message) {
    byte[] body =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message><RequestId>FAULT"
                + System.nanoTime()
                + "</RequestId></Error>")
            .getBytes(StandardCharsets.UTF_8);
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {"Content-Type", "application/xml"});
    return new Answer(status, headers, body);
  }
}
