package bloghome.local.junit;

import bloghome.local.AwsTarget;
import bloghome.local.LocalGateway;
import bloghome.local.LocalJwt;
import bloghome.local.LocalStack;
import bloghome.local.LocalStackException;
import bloghome.local.LocalTables;
import bloghome.local.Ports;
import bloghome.local.S3Notifications;
import bloghome.local.SamTemplate;
import bloghome.local.StreamEventSource;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * What an integration test gets from {@link LocalAwsExtension}: real DynamoDB- and S3-protocol
 * endpoints, shared by the whole test run, and fresh tables and buckets for isolation.
 */
public final class LocalAws {
  private final AwsTarget target;
  private final SamTemplate template;
  private final DynamoDbClient dynamoDb;
  private final S3Client s3;

  LocalAws(AwsTarget target) {
    this.target = target;
    this.template = SamTemplate.load();
    this.dynamoDb = dynamoDb();
    this.s3 = s3();
  }

  public AwsTarget target() {
    return target;
  }

  public SamTemplate template() {
    return template;
  }

  public String region() {
    return LocalStack.REGION;
  }

  public AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(target.accessKey(), target.secretKey()));
  }

  /** The shared DynamoDB client. */
  public DynamoDbClient dynamoDbClient() {
    return dynamoDb;
  }

  /** The shared S3 client. */
  public S3Client s3Client() {
    return s3;
  }

  /** A new DynamoDB client, e.g. with an interceptor that counts calls. */
  public DynamoDbClient dynamoDb(ExecutionInterceptor... interceptors) {
    var overrides = ClientOverrideConfiguration.builder();
    for (ExecutionInterceptor i : interceptors) {
      overrides.addExecutionInterceptor(i);
    }
    return DynamoDbClient.builder()
        .region(Region.of(region()))
        .credentialsProvider(credentials())
        .endpointOverride(target.dynamoDbEndpoint())
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(overrides.build())
        .build();
  }

  public S3Client s3(ExecutionInterceptor... interceptors) {
    var overrides = ClientOverrideConfiguration.builder();
    for (ExecutionInterceptor i : interceptors) {
      overrides.addExecutionInterceptor(i);
    }
    return S3Client.builder()
        .region(Region.of(region()))
        .credentialsProvider(credentials())
        .endpointOverride(target.s3Endpoint())
        .forcePathStyle(true)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(overrides.build())
        .build();
  }

  public S3Presigner presigner() {
    return S3Presigner.builder()
        .region(Region.of(region()))
        .credentialsProvider(credentials())
        .endpointOverride(target.s3Endpoint())
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
  }

  /** A new, empty table with the keys and indexes {@code template.yaml} gives {@code logicalId}. */
  public String freshTable(String logicalId) {
    String name =
        "t-"
            + logicalId.toLowerCase(Locale.ROOT)
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    LocalTables.create(dynamoDb, template, logicalId, name);
    return name;
  }

  /** A DynamoDB Streams client on this stack. */
  public DynamoDbStreamsClient dynamoDbStreams() {
    return DynamoDbStreamsClient.builder()
        .region(Region.of(region()))
        .credentialsProvider(credentials())
        .endpointOverride(target.dynamoDbEndpoint())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** The stream ARN of a table made by {@link #freshTable}. */
  public String streamArn(String table) {
    return dynamoDb.describeTable(r -> r.tableName(table)).table().latestStreamArn();
  }

  /**
   * The event source mapping of {@code functionLogicalId}'s {@code DynamoDB} event, on the stream
   * of {@code table} (a fresh table), invoking {@code handler}, with the template's settings as
   * changed by {@code adjust} (e.g. a shorter batching window, so that tests need not wait for it).
   * Close it after the test.
   */
  public StreamEventSource streamEventSource(
      String functionLogicalId,
      String table,
      RequestHandler<DynamodbEvent, ?> handler,
      UnaryOperator<SamTemplate.StreamTrigger> adjust) {
    SamTemplate.StreamTrigger trigger =
        template.functions().stream()
            .filter(f -> f.logicalId().equals(functionLogicalId))
            .flatMap(f -> f.streamTriggers().stream())
            .findFirst()
            .orElseThrow(
                () ->
                    new LocalStackException(
                        functionLogicalId + " has no DynamoDB event in template.yaml"));
    return StreamEventSource.start(
        dynamoDbStreams(), streamArn(table), functionLogicalId, adjust.apply(trigger), handler);
  }

  /** A new, empty bucket. */
  public String freshBucket() {
    String name = "b-" + UUID.randomUUID().toString().substring(0, 13);
    s3.createBucket(r -> r.bucket(name));
    return name;
  }

  /** S3 notifications to in-process handlers (embedded stack only). */
  public S3Notifications notifications() {
    return target
        .notifications()
        .orElseThrow(
            () ->
                new TestAbortedException(
                    "S3 notifications to in-process handlers need the embedded stack"));
  }

  /** Environment variables that point a handler's production constructor at this stack. */
  public Map<String, String> clientEnvironment() {
    return Map.of(
        "AWS_REGION", region(),
        "AWS_ENDPOINT_URL_DYNAMODB", target.dynamoDbEndpoint().toString(),
        "AWS_ENDPOINT_URL_DYNAMODB_STREAMS", target.dynamoDbEndpoint().toString(),
        "AWS_ENDPOINT_URL_S3", target.s3Endpoint().toString());
  }

  /**
   * Starts an HTTP gateway on a free port that serves the template routes of the given functions
   * (logical id -> handler). Close it after the test.
   */
  public TestGateway gateway(
      Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers) {
    int port = Ports.free();
    // The issuer URL is the gateway's own, so that its JWKS is fetchable as Cognito's is.
    LocalJwt jwt =
        new LocalJwt(
            "http://127.0.0.1:" + port + "/_local/issuer", LocalStack.AUDIENCE, Clock.systemUTC());
    return new TestGateway(
        LocalGateway.start(
            port, LocalGateway.bindings(template, handlers), jwt, List.of("http://localhost:5173")),
        jwt);
  }
}
