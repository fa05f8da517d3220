package bloghome.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The whole system on one machine: DynamoDB (moto), S3 (S3Proxy) with notifications, tables and
 * buckets made from {@code template.yaml}, a local token issuer, and the HTTP gateway in front of
 * the functions, which run in this JVM.
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalStack.class.getName());
  public static final String REGION = "us-east-1";
  public static final String ACCOUNT_ID = "000000000000";
  public static final String AUDIENCE = "local-web-client";

  /** What to start and where. Port 0 means a free port. */
  public record Config(String stackName, int apiPort, int s3Port, int dynamoDbPort, List<String> corsOrigins) {
    public static Config fromEnvironment() {
      return new Config(
          envOr("BLOGHOME_STACK", "bloghome-local"),
          Integer.parseInt(envOr("BLOGHOME_API_PORT", "3000")),
          Integer.parseInt(envOr("BLOGHOME_S3_PORT", "0")),
          Integer.parseInt(envOr("BLOGHOME_DYNAMODB_PORT", "0")),
          List.of(envOr("BLOGHOME_CORS_ORIGINS", "http://localhost:5173").split(",")));
    }

    private static String envOr(String name, String fallback) {
      String v = System.getenv(name);
      return v == null || v.isBlank() ? fallback : v.strip();
    }
  }

  private final Config config;
  private final SamTemplate template;
  private final MotoServer moto;
  private final S3Notifications notifications;
  private final LocalS3 s3;
  private final DynamoDbClient dynamoDb;
  private final S3Client s3Client;
  private final Map<String, String> physicalNames = new LinkedHashMap<>();
  private final DynamoDbStreamsClient streams;
  private final List<StreamEventSource> streamSources = new ArrayList<>();
  private LocalGateway gateway;
  private LocalJwt jwt;

  private LocalStack(Config config, SamTemplate template, MotoServer moto, S3Notifications notifications, LocalS3 s3) {
    this.config = config;
    this.template = template;
    this.moto = moto;
    this.notifications = notifications;
    this.s3 = s3;
    var credentials = StaticCredentialsProvider.create(
        AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY));
    this.dynamoDb = DynamoDbClient.builder()
        .region(Region.of(REGION))
        .credentialsProvider(credentials)
        .endpointOverride(moto.endpoint())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
    this.streams = DynamoDbStreamsClient.builder()
        .region(Region.of(REGION))
        .credentialsProvider(credentials)
        .endpointOverride(moto.endpoint())
        .httpClient(UrlConnectionHttpClient.create())
        .build();
    this.s3Client = S3Client.builder()
        .region(Region.of(REGION))
        .credentialsProvider(credentials)
        .endpointOverride(s3.endpoint())
        .forcePathStyle(true)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** Starts the emulators and creates every table and bucket the template declares. */
  public static LocalStack start(Config config) {
    SamTemplate template = SamTemplate.load();
    Ports.requireFree(config.apiPort(), "the local HTTP gateway");
    MotoServer moto = MotoServer.start(config.dynamoDbPort());
    S3Notifications notifications = new S3Notifications(REGION);
    LocalS3 s3;
    try {
      s3 = LocalS3.start(config.s3Port(), notifications, config.corsOrigins());
    } catch (RuntimeException e) {
      moto.close();
      throw e;
    }
    LocalStack stack = new LocalStack(config, template, moto, notifications, s3);
    try {
      stack.createResources();
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  private void createResources() {
    TemplateValues values = values();
    template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, r) -> {
      String name = Optional.ofNullable(values.resolve(template.properties(id).get("TableName")))
          .orElse(config.stackName() + "-" + id);
      LocalTables.create(dynamoDb, template, id, name);
      physicalNames.put(id, name);
      LOG.fine("table " + id + " -> " + name);
      LOG.info("PointInTimeRecovery and SSE of " + id + " have no local meaning: skipped.");
    });
    template.resourcesOfType("AWS::S3::Bucket").forEach((id, r) -> {
      String name = Optional.ofNullable(values.resolve(template.properties(id).get("BucketName")))
          .orElse((config.stackName() + "-" + id).toLowerCase(java.util.Locale.ROOT));
      s3.createBucket(name);
      physicalNames.put(id, name);
    });
  }

  /** Template values with every created resource bound to its local name. */
  TemplateValues values() {
    TemplateValues values = new TemplateValues(config.stackName(), REGION, ACCOUNT_ID);
    template.parameterDefaults().forEach((name, value) -> {
      if (value != null) {
        values.bind(name, value);
      }
    });
    physicalNames.forEach(values::bind);
    return values;
  }

  public SamTemplate template() {
    return template;
  }

  public DynamoDbClient dynamoDb() {
    return dynamoDb;
  }

  public S3Client s3() {
    return s3Client;
  }

  public URI dynamoDbEndpoint() {
    return moto.endpoint();
  }

  public URI s3Endpoint() {
    return s3.endpoint();
  }

  public S3Notifications notifications() {
    return notifications;
  }

  /** The local name of a template resource (table, bucket). */
  public String physicalName(String logicalId) {
    String name = physicalNames.get(logicalId);
    if (name == null) {
      throw new LocalStackException("template.yaml has no table or bucket " + logicalId);
    }
    return name;
  }

  /**
   * The environment a function gets: Globals and its own variables, with references resolved to
   * local names, plus the endpoints and credentials of the local stack. Variables with no local
   * meaning take {@code overrides}, or are logged and left out.
   */
  public Map<String, String> environment(SamTemplate.FunctionDef function, Map<String, String> overrides) {
    TemplateValues values = values();
    Map<String, String> env = new LinkedHashMap<>();
    function.environment().forEach((name, raw) -> {
      String value = overrides.containsKey(name) ? overrides.get(name) : values.resolve(raw);
      if (value == null) {
        LOG.info("Environment variable " + name + " of " + function.logicalId() + " has no local value: left unset.");
      } else {
        env.put(name, value);
      }
    });
    env.put("AWS_REGION", REGION);
    env.put("AWS_ENDPOINT_URL_DYNAMODB", moto.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", moto.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_S3", s3.endpoint().toString());
    env.put("AWS_LAMBDA_FUNCTION_NAME", config.stackName() + "-" + function.logicalId());
    return env;
  }

  /** The handler classes' no-argument constructors read these as JVM system properties. */
  public static void applyAsSystemProperties(Map<String, String> env) {
    env.forEach(System::setProperty);
  }

  /** Creates a local token issuer whose tokens the gateway accepts. */
  public LocalJwt tokens(String issuerBaseUrl) {
    if (jwt == null) {
      jwt = new LocalJwt(issuerBaseUrl + "/_local/issuer", AUDIENCE, Clock.systemUTC());
    }
    return jwt;
  }

  /**
   * Starts the gateway for the template's HTTP API routes, invoking the handler each function
   * supplies; routes of functions without a handler answer 404.
   */
  public LocalGateway startGateway(
      int port,
      LocalJwt tokens,
      Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers) {
    gateway = LocalGateway.start(port, LocalGateway.bindings(template, handlers), tokens, config.corsOrigins());
    return gateway;
  }

  /** Subscribes functions to the template's S3 events, as the bucket notification would. */
  public void subscribeS3(Map<String, java.util.function.Supplier<RequestHandler<S3Event, ?>>> handlers) {
    for (SamTemplate.FunctionDef f : template.functions()) {
      var handler = handlers.get(f.logicalId());
      if (handler == null) {
        continue;
      }
      for (SamTemplate.S3Trigger trigger : f.s3Triggers()) {
        notifications.subscribe(new S3Notifications.Subscription(
            physicalName(trigger.bucketLogicalId()), trigger.prefix(), f.logicalId(), handler));
      }
    }
  }

  /**
   * Starts the event source mappings of the template's {@code DynamoDB} events: each function's
   * handler gets the batches of its table's stream, with the template's settings.
   */
  public void subscribeStreams(Map<String, RequestHandler<DynamodbEvent, ?>> handlers) {
    for (SamTemplate.FunctionDef f : template.functions()) {
      var handler = handlers.get(f.logicalId());
      if (handler == null) {
        continue;
      }
      for (SamTemplate.StreamTrigger trigger : f.streamTriggers()) {
        String arn = streamArn(physicalName(trigger.tableLogicalId()));
        streamSources.add(StreamEventSource.start(streams, arn, f.logicalId(), trigger, handler));
      }
    }
  }

  /** The stream ARN of a local table (the table must declare a StreamSpecification). */
  public String streamArn(String tableName) {
    String arn = dynamoDb.describeTable(r -> r.tableName(tableName)).table().latestStreamArn();
    if (arn == null) {
      throw new LocalStackException("table " + tableName + " has no stream: give it a StreamSpecification");
    }
    return arn;
  }

  /** The running stream event sources (for tests and the bench). */
  public List<StreamEventSource> streamSources() {
    return List.copyOf(streamSources);
  }

  /** Waits until every stream event source has delivered what was written before this call. */
  public void awaitStreamsSettled(Duration timeout) {
    streamSources.forEach(s -> s.awaitSettled(timeout));
  }

  public DynamoDbStreamsClient dynamoDbStreams() {
    return streams;
  }

  /** Serves objects of a bucket under one key prefix only, as the CDN in front of it does. */
  public Function<String, Optional<byte[]>> publicObjects(String bucket, String keyPrefix) {
    return key -> {
      if (!key.startsWith(keyPrefix) || key.contains("..")) {
        return Optional.empty();
      }
      try {
        ResponseBytes<?> bytes = s3Client.getObjectAsBytes(r -> r.bucket(bucket).key(key));
        return Optional.of(bytes.asByteArray());
      } catch (NoSuchKeyException e) {
        return Optional.empty();
      }
    };
  }

  public static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public void close() {
    if (gateway != null) {
      gateway.close();
    }
    streamSources.forEach(StreamEventSource::close);
    notifications.close();
    s3.close();
    streams.close();
    dynamoDb.close();
    s3Client.close();
    moto.close();
  }
}
