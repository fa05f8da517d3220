package bloghome.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.time.Instant;
import java.util.UUID;

/**
 * The JSON of the local stack's S3 failure queue: the S3 event as S3 writes it, inside the record
 * Lambda sends to an SQS on-failure destination once an asynchronous invocation's retries are
 * exhausted.
 */
final class S3EventJson {
  private S3EventJson() {}

  /** The JSON Lambda sends to an SQS on-failure destination after the retries are exhausted. */
  static String failureRecord(
      String region,
      S3Notifications.Subscription s,
      S3Event event,
      int attempts,
      RuntimeException error) {
    String arn =
        "arn:aws:lambda:" + region + ":000000000000:function:" + s.functionName() + ":live";
    return "{\"version\":\"1.0\",\"timestamp\":"
        + quote(Instant.now().toString())
        + ",\"requestContext\":{\"requestId\":"
        + quote(UUID.randomUUID().toString())
        + ",\"functionArn\":"
        + quote(arn)
        + ",\"condition\":\"RetriesExhausted\",\"approximateInvokeCount\":"
        + attempts
        + "},\"requestPayload\":"
        + eventJson(event)
        + ",\"responseContext\":{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"}"
        + ",\"responsePayload\":{\"errorType\":"
        + quote(error == null ? "" : error.getClass().getName())
        + ",\"errorMessage\":"
        + quote(error == null ? "" : String.valueOf(error.getMessage()))
        + "}}";
  }

  /** The S3 event as S3 writes it (the fields our events carry). */
  static String eventJson(S3Event event) {
    StringBuilder sb = new StringBuilder("{\"Records\":[");
    boolean first = true;
    for (var r : event.getRecords()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      var o = r.getS3().getObject();
      var b = r.getS3().getBucket();
      sb.append("{\"eventVersion\":")
          .append(quote(r.getEventVersion()))
          .append(",\"eventSource\":")
          .append(quote(r.getEventSource()))
          .append(",\"awsRegion\":")
          .append(quote(r.getAwsRegion()))
          .append(",\"eventTime\":")
          .append(quote(r.getEventTime().toString()))
          .append(",\"eventName\":")
          .append(quote(r.getEventName()))
          .append(",\"s3\":{\"s3SchemaVersion\":")
          .append(quote(r.getS3().getS3SchemaVersion()))
          .append(",\"configurationId\":")
          .append(quote(r.getS3().getConfigurationId()))
          .append(",\"bucket\":{\"name\":")
          .append(quote(b.getName()))
          .append(",\"arn\":")
          .append(quote(b.getArn()))
          .append("},\"object\":{\"key\":")
          .append(quote(o.getKey()))
          .append(",\"size\":")
          .append(o.getSizeAsLong())
          .append(",\"eTag\":")
          .append(quote(o.geteTag()))
          .append(",\"sequencer\":")
          .append(quote(o.getSequencer()))
          .append("}}}");
    }
    return sb.append("]}").toString();
  }

  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
