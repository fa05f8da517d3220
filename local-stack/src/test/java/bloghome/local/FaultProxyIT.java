package bloghome.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The fault proxy in front of the local DynamoDB and S3: each fault in its service's own shape. */
class FaultProxyIT {
  private static LocalStack stack;
  private static String table;
  private static String bucket;
  private static AwsCredentialsProvider credentials;

  @BeforeAll
  static void start() {
    stack =
        LocalStack.start(
            new LocalStack.Config("faults", 0, 0, 0, List.of(), FaultPlan.proxiesOnly(7)));
    table = stack.physicalName("BlogTable");
    bucket = stack.physicalName("SkinBucket");
    credentials = stack.credentials().operator();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @AfterEach
  void noFaults() {
    stack.faultsOff();
  }

  private static DynamoDbClient dynamoDb(int maxAttempts) {
    return DynamoDbClient.builder()
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials)
        .endpointOverride(stack.dynamoDbEndpoint())
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(maxAttempts)))
        .build();
  }

  private static S3Client s3(int maxAttempts) {
    return S3Client.builder()
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials)
        .endpointOverride(stack.s3Endpoint())
        .forcePathStyle(true)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(maxAttempts)))
        .build();
  }

  private static FaultPlan.Rates only(String kind) {
    return FaultPlan.parse("dynamodb:" + kind + "=1").dynamoDb();
  }

  @Test
  void dynamoDbThrottling_isAThrottlingErrorTheSdkRecognises() {
    stack.dynamoDbFaults().orElseThrow().rates(only("throttle"));
    try (DynamoDbClient client = dynamoDb(1)) {
      assertThatThrownBy(() -> client.getItem(r -> r.tableName(table).key(key("k1"))))
          .isInstanceOfSatisfying(
              ProvisionedThroughputExceededException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.isThrottlingException()).isTrue();
              });
    }
  }

  @Test
  void dynamoDb500_isAServerErrorAndNothingIsApplied() {
    stack.dynamoDbFaults().orElseThrow().rates(only("error500"));
    try (DynamoDbClient client = dynamoDb(1)) {
      assertThatThrownBy(() -> client.putItem(r -> r.tableName(table).item(item("k2"))))
          .isInstanceOfSatisfying(
              DynamoDbException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(500);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
              });
    }
    assertThat(stack.dynamoDb().getItem(r -> r.tableName(table).key(key("k2"))).hasItem())
        .isFalse();
  }

  @Test
  void lostAnswer_isAppliedThoughTheClientSeesAFailure() {
    stack.dynamoDbFaults().orElseThrow().rates(only("lost"));
    try (DynamoDbClient client = dynamoDb(1)) {
      assertThatThrownBy(() -> client.putItem(r -> r.tableName(table).item(item("k3"))))
          .isInstanceOfAny(DynamoDbException.class, SdkClientException.class);
    }
    assertThat(stack.dynamoDb().getItem(r -> r.tableName(table).key(key("k3"))).hasItem()).isTrue();
  }

  @Test
  void transactionRetriedAfterALostAnswer_isAppliedOnce() {
    // The first attempt applies but its answer is lost; the SDK retries with the same token.
    List<TransactWriteItem> add =
        List.of(
            TransactWriteItem.builder()
                .update(
                    u ->
                        u.tableName(table)
                            .key(key("k4"))
                            .updateExpression("ADD n :one")
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))
                .build());
    FaultProxy proxy = stack.dynamoDbFaults().orElseThrow();
    proxy.rates(only("lost"));
    long replayedBefore = proxy.counts().get(FaultProxy.Outcome.TOKEN_REPLAYED);
    try (DynamoDbClient client = dynamoDb(1)) {
      assertThatThrownBy(
              () ->
                  client.transactWriteItems(r -> r.transactItems(add).clientRequestToken("tok-k4")))
          .isInstanceOfAny(DynamoDbException.class, SdkClientException.class);
      proxy.rates(FaultPlan.Rates.NONE);
      client.transactWriteItems(r -> r.transactItems(add).clientRequestToken("tok-k4"));
      // a different transaction under the same token is refused, as DynamoDB does
      assertThatThrownBy(
              () ->
                  client.transactWriteItems(
                      r ->
                          r.transactItems(
                                  List.of(
                                      TransactWriteItem.builder()
                                          .put(p -> p.tableName(table).item(item("k5")))
                                          .build()))
                              .clientRequestToken("tok-k4")))
          .isInstanceOfSatisfying(
              DynamoDbException.class,
              e ->
                  assertThat(e.awsErrorDetails().errorCode())
                      .isEqualTo("IdempotentParameterMismatchException"));
    }
    assertThat(stack.dynamoDb().getItem(r -> r.tableName(table).key(key("k4"))).item().get("n").n())
        .isEqualTo("1");
    assertThat(proxy.counts().get(FaultProxy.Outcome.TOKEN_REPLAYED)).isEqualTo(replayedBefore + 2);
  }

  @Test
  void sdkRetries_getThroughHalfTheRequestsThrottled() {
    stack.dynamoDbFaults().orElseThrow().rates(FaultPlan.parse("dynamodb:throttle=0.5").dynamoDb());
    try (DynamoDbClient client = dynamoDb(10)) {
      for (int i = 0; i < 10; i++) {
        client.getItem(r -> r.tableName(table).key(key("k6")));
      }
    }
    assertThat(stack.dynamoDbFaults().orElseThrow().counts().get(FaultProxy.Outcome.THROTTLED))
        .isPositive();
  }

  @Test
  void latency_delaysTheAnswer() {
    stack
        .dynamoDbFaults()
        .orElseThrow()
        .rates(FaultPlan.parse("dynamodb:latency=1:300ms").dynamoDb());
    try (DynamoDbClient client = dynamoDb(1)) {
      long started = System.nanoTime();
      client.getItem(r -> r.tableName(table).key(key("k7")));
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  @Test
  void s3Throttling_isSlowDown503() {
    stack.s3Faults().orElseThrow().rates(FaultPlan.parse("s3:throttle=1").s3());
    try (S3Client client = s3(1)) {
      assertThatThrownBy(() -> client.headBucket(r -> r.bucket(bucket)))
          .isInstanceOfSatisfying(
              S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(503));
      assertThatThrownBy(
              () -> client.putObject(r -> r.bucket(bucket).key("a/b"), RequestBody.fromString("x")))
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(503);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
                assertThat(e.isThrottlingException()).isTrue();
              });
    }
  }

  @Test
  void presignedPut_throughTheProxy_keepsItsSignatureValid_andHeadKeepsTheSize()
      throws IOException {
    byte[] data = new byte[1234];
    try (S3Presigner presigner =
        S3Presigner.builder()
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .endpointOverride(stack.s3Endpoint())
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
            .build()) {
      URI url =
          presigner
              .presignPutObject(
                  p ->
                      p.signatureDuration(Duration.ofMinutes(5))
                          .putObjectRequest(
                              o ->
                                  o.bucket(bucket)
                                      .key("uploads/x y+z")
                                      .contentType("image/png")
                                      .contentLength((long) data.length)))
              .url()
              .toURI();
      HttpURLConnection put = (HttpURLConnection) url.toURL().openConnection();
      put.setRequestMethod("PUT");
      put.setDoOutput(true);
      put.setRequestProperty("content-type", "image/png");
      put.setFixedLengthStreamingMode(data.length);
      put.getOutputStream().write(data);
      assertThat(put.getResponseCode()).isEqualTo(200);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (S3Client client = s3(1)) {
      assertThat(client.headObject(r -> r.bucket(bucket).key("uploads/x y+z")).contentLength())
          .isEqualTo(1234L);
      assertThat(client.getObjectAsBytes(r -> r.bucket(bucket).key("uploads/x y+z")).asByteArray())
          .hasSize(1234);
    }
  }

  @Test
  void sameSeed_drawsTheSameSequenceOfFaults() {
    assertThat(draws(42)).isEqualTo(draws(42)).isNotEqualTo(draws(43));
  }

  private static List<Integer> draws(long seed) {
    List<Integer> statuses = new ArrayList<>();
    try (FaultProxy proxy =
        FaultProxy.start(
            FaultProxy.Service.DYNAMODB,
            URI.create("http://127.0.0.1:1"),
            new FaultPlan.Rates(0.5, 0.5, 0, Duration.ZERO, 0),
            seed)) {
      for (int i = 0; i < 20; i++) {
        try {
          HttpURLConnection c = (HttpURLConnection) proxy.endpoint().toURL().openConnection();
          statuses.add(c.getResponseCode());
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return statuses;
  }

  private static Map<String, AttributeValue> key(String id) {
    return Map.of("pk", AttributeValue.fromS("FAULT#" + id), "sk", AttributeValue.fromS("X"));
  }

  private static Map<String, AttributeValue> item(String id) {
    return Map.of(
        "pk",
        AttributeValue.fromS("FAULT#" + id),
        "sk",
        AttributeValue.fromS("X"),
        "data",
        AttributeValue.fromB(SdkBytes.fromUtf8String(id)));
  }
}
