package bloghome.bench.probe;

import bloghome.json.Json;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the JSON of an {@code events/} file into the Lambda event objects, the way the Lambda Java
 * runtime hands them to a handler.
 *
 * <p>Only core's {@link Json} and the Lambda event classes are used, because this class runs in the
 * cold-start probe, whose class path is a function's jar and nothing else of the project.
 */
public final class Events {
  private Events() {}

  /** The parsed JSON object of an event file. */
  public static Map<String, Object> read(Path file) throws IOException {
    return object(Json.parse(Files.readString(file, StandardCharsets.UTF_8)), file.toString());
  }

  /** Whether the JSON is an S3 notification rather than an HTTP API request. */
  public static boolean isS3(Map<String, Object> json) {
    return json.containsKey("Records");
  }

  public static APIGatewayV2HTTPEvent http(Map<String, Object> json) {
    Map<String, Object> context = optObject(json.get("requestContext"));
    Map<String, Object> http = optObject(context.get("http"));
    var contextBuilder =
        APIGatewayV2HTTPEvent.RequestContext.builder()
            .withAccountId(text(context.get("accountId")))
            .withApiId(text(context.get("apiId")))
            .withDomainName(text(context.get("domainName")))
            .withDomainPrefix(text(context.get("domainPrefix")))
            .withRequestId(text(context.get("requestId")))
            .withRouteKey(text(context.get("routeKey")))
            .withStage(text(context.get("stage")))
            .withTime(text(context.get("time")))
            .withTimeEpoch(context.get("timeEpoch") instanceof Number n ? n.longValue() : 0L)
            .withHttp(
                APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                    .withMethod(text(http.get("method")))
                    .withPath(text(http.get("path")))
                    .withProtocol(text(http.get("protocol")))
                    .withSourceIp(text(http.get("sourceIp")))
                    .withUserAgent(text(http.get("userAgent")))
                    .build());
    Map<String, Object> jwt = optObject(optObject(context.get("authorizer")).get("jwt"));
    if (!jwt.isEmpty()) {
      contextBuilder.withAuthorizer(
          APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
              .withJwt(
                  APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT
                      .builder()
                      .withClaims(strings(jwt.get("claims")))
                      .withScopes(stringList(jwt.get("scopes")))
                      .build())
              .build());
    }
    return APIGatewayV2HTTPEvent.builder()
        .withVersion(text(json.get("version")))
        .withRouteKey(text(json.get("routeKey")))
        .withRawPath(text(json.get("rawPath")))
        .withRawQueryString(text(json.get("rawQueryString")))
        .withCookies(stringList(json.get("cookies")))
        .withHeaders(strings(json.get("headers")))
        .withQueryStringParameters(strings(json.get("queryStringParameters")))
        .withPathParameters(strings(json.get("pathParameters")))
        .withStageVariables(strings(json.get("stageVariables")))
        .withBody(text(json.get("body")))
        .withIsBase64Encoded(Boolean.TRUE.equals(json.get("isBase64Encoded")))
        .withRequestContext(contextBuilder.build())
        .build();
  }

  public static S3Event s3(Map<String, Object> json) {
    List<S3EventNotification.S3EventNotificationRecord> records = new ArrayList<>();
    for (Object item : list(json.get("Records"))) {
      Map<String, Object> record = optObject(item);
      Map<String, Object> s3 = optObject(record.get("s3"));
      Map<String, Object> bucket = optObject(s3.get("bucket"));
      Map<String, Object> object = optObject(s3.get("object"));
      var bucketEntity =
          new S3EventNotification.S3BucketEntity(
              text(bucket.get("name")),
              new S3EventNotification.UserIdentityEntity(
                  text(optObject(bucket.get("ownerIdentity")).get("principalId"))),
              text(bucket.get("arn")));
      var objectEntity =
          new S3EventNotification.S3ObjectEntity(
              text(object.get("key")),
              object.get("size") instanceof Number n ? n.longValue() : null,
              text(object.get("eTag")),
              text(object.get("versionId")),
              text(object.get("sequencer")));
      records.add(
          new S3EventNotification.S3EventNotificationRecord(
              text(record.get("awsRegion")),
              text(record.get("eventName")),
              text(record.get("eventSource")),
              text(record.get("eventTime")),
              text(record.get("eventVersion")),
              new S3EventNotification.RequestParametersEntity(
                  text(optObject(record.get("requestParameters")).get("sourceIPAddress"))),
              new S3EventNotification.ResponseElementsEntity(
                  text(optObject(record.get("responseElements")).get("x-amz-id-2")),
                  text(optObject(record.get("responseElements")).get("x-amz-request-id"))),
              new S3EventNotification.S3Entity(
                  text(s3.get("configurationId")),
                  bucketEntity,
                  objectEntity,
                  text(s3.get("s3SchemaVersion"))),
              new S3EventNotification.UserIdentityEntity(
                  text(optObject(record.get("userIdentity")).get("principalId")))));
    }
    return new S3Event(records);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value, String what) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalArgumentException(what + " is not a JSON object");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> optObject(Object value) {
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private static List<Object> list(Object value) {
    return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /** A string map, as the event classes hold headers and claims; null when absent. */
  private static Map<String, String> strings(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), text(v)));
    return out;
  }

  private static List<String> stringList(Object value) {
    if (!(value instanceof List<?> l)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    l.forEach(v -> out.add(text(v)));
    return out;
  }
}
