package bloghome.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * The whole system on one machine: DynamoDB (moto), S3 (S3Proxy) with notifications, tables and
 * buckets made from {@code template.yaml}, a local token issuer, credentials it issues and checks
 * ({@link LocalCredentials}, {@link AuthProxy}), the Lambda runtime the functions run in, each in
 * JVMs of its own ({@link LambdaRuntime}), and the HTTP gateway in front of them.
 *
 * <p>This class wires the parts together and is what callers hold; the parts live beside it: {@link
 * StackResources} (tables and buckets under local names), {@link EventSources} (S3 and stream
 * events), {@link FaultProxies}, {@link LocalClients} (the stack's own SDK clients) and {@link
 * MotoSsm} (parameters for the functions). What stays here, a little past 300 lines, is that public
 * surface (the config, the accessors and one-line delegations), kept in one place on purpose so
 * that tests, the system and the bench see one stack.
 */
public final class LocalStack implements AutoCloseable {
  public static final String REGION = "us-east-1";
  public static final String ACCOUNT_ID = "000000000000";
  public static final String AUDIENCE = "local-web-client";

  /**
   * What to start and where. Port 0 means a free port. With {@code faults}, the functions reach
   * DynamoDB and S3 through a {@link FaultProxy} each (see docs/fault-injection.md).
   */
  public record Config(
      String stackName,
      int apiPort,
      int s3Port,
      int dynamoDbPort,
      List<String> corsOrigins,
      FaultPlan faults) {
    public Config(
        String stackName, int apiPort, int s3Port, int dynamoDbPort, List<String> corsOrigins) {
      this(stackName, apiPort, s3Port, dynamoDbPort, corsOrigins, FaultPlan.NONE);
    }

    public static Config fromEnvironment() {
      return new Config(
          envOr("BLOGHOME_STACK", "bloghome-local"),
          Integer.parseInt(envOr("BLOGHOME_API_PORT", "3000")),
          Integer.parseInt(envOr("BLOGHOME_S3_PORT", "0")),
          Integer.parseInt(envOr("BLOGHOME_DYNAMODB_PORT", "0")),
          List.of(envOr("BLOGHOME_CORS_ORIGINS", "http://localhost:5173").split(",")),
          FaultPlan.fromEnvironment());
    }

    public Config withFaults(FaultPlan plan) {
      return new Config(stackName, apiPort, s3Port, dynamoDbPort, corsOrigins, plan);
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
  private final StackResources resources;
  private final DynamoDbStreamsClient streams;
  private final EventSources eventSources;
  private final SchedulerClient scheduler;
  private LocalSchedules schedules;
  private LocalGateway gateway;
  private LambdaRuntime runtime;
  private LocalJwt jwt;
  private FaultProxies faults = FaultProxies.none();
  private final LocalCredentials credentials = new LocalCredentials(Clock.systemUTC());
  private AuthProxy dynamoDbAuth;
  private AuthProxy s3Auth;
  private AuthProxy ssmAuth;

  private LocalStack(
      Config config,
      SamTemplate template,
      MotoServer moto,
      S3Notifications notifications,
      LocalS3 s3) {
    this.config = config;
    this.template = template;
    this.moto = moto;
    this.notifications = notifications;
    this.s3 = s3;
    this.resources = new StackResources(template, config.stackName());
    this.dynamoDb = LocalClients.dynamoDb(moto.endpoint(), credentials.operator());
    this.streams = LocalClients.streams(moto.endpoint(), credentials.operator());
    this.s3Client = LocalClients.s3(s3.endpoint(), credentials.operator());
    this.eventSources = new EventSources(template, resources, notifications, dynamoDb, streams);
    this.scheduler = LocalClients.scheduler(moto.endpoint(), credentials.operator());
  }

  /** Starts the emulators and creates every table and bucket the template declares. */
  public static LocalStack start(Config config) {
    SamTemplate template = SamTemplate.load();
    Ports.requireFree(config.apiPort(), "the local HTTP gateway");
    MotoServer moto = MotoServer.start(config.dynamoDbPort());
    S3Notifications notifications = new S3Notifications(REGION);
    LocalS3 s3;
    try {
      // Unauthenticated itself: the AuthProxy in front checks every request against the
      // credentials this stack issued.
      s3 = LocalS3.start(config.s3Port(), notifications, config.corsOrigins(), false);
    } catch (RuntimeException e) {
      moto.close();
      throw e;
    }
    LocalStack stack = new LocalStack(config, template, moto, notifications, s3);
    try {
      if (config.faults() != null && config.faults().proxied()) {
        stack.faults = FaultProxies.start(config.faults(), moto.endpoint(), s3.endpoint());
      }
      stack.startAuthProxies();
      stack.resources.create(stack.dynamoDb, s3, stack.scheduler);
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
    return stack;
  }

  private void startAuthProxies() {
    dynamoDbAuth =
        AuthProxy.start(
            FaultProxy.Service.DYNAMODB, faults.dynamoDbEndpoint(moto.endpoint()), credentials);
    s3Auth = AuthProxy.start(FaultProxy.Service.S3, faults.s3Endpoint(s3.endpoint()), credentials);
    // SSM is served by moto too, never through the fault proxy.
    ssmAuth = AuthProxy.start(FaultProxy.Service.DYNAMODB, moto.endpoint(), credentials);
  }

  /**
   * The credentials this stack issues and accepts: session credentials for the functions, and the
   * operator's key for everything else that calls the endpoints.
   */
  public LocalCredentials credentials() {
    return credentials;
  }

  /** The fault proxies, when the stack was started with faults. */
  public Optional<FaultProxy> dynamoDbFaults() {
    return faults.dynamoDb();
  }

  public Optional<FaultProxy> s3Faults() {
    return faults.s3();
  }

  /** Turns every injected fault off (the proxies keep forwarding, and honouring request tokens). */
  public void faultsOff() {
    dynamoDbFaults().ifPresent(p -> p.rates(FaultPlan.Rates.NONE));
    s3Faults().ifPresent(p -> p.rates(FaultPlan.Rates.NONE));
  }

  /** Template values with every created resource bound to its local name. */
  TemplateValues values() {
    return resources.values();
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

  /**
   * The DynamoDB endpoint the functions use: the authentication proxy, in front of the fault proxy
   * when faults are on. It accepts only credentials from {@link #credentials()}.
   */
  public URI dynamoDbEndpoint() {
    return dynamoDbAuth.endpoint();
  }

  /** The S3 endpoint the functions and presigned URLs use, checked as {@link #dynamoDbEndpoint}. */
  public URI s3Endpoint() {
    return s3Auth.endpoint();
  }

  /** The SSM endpoint the functions use (moto, without faults), checked likewise. */
  public URI ssmEndpoint() {
    return ssmAuth.endpoint();
  }

  public S3Notifications notifications() {
    return notifications;
  }

  /** The local name of a template resource (table, bucket). */
  public String physicalName(String logicalId) {
    return resources.physicalName(logicalId);
  }

  /**
   * The environment a function gets: Globals and its own variables, with references resolved to
   * local names, plus the endpoints and credentials of the local stack. Variables with no local
   * meaning take {@code overrides}, or are logged and left out.
   */
  public Map<String, String> environment(
      SamTemplate.FunctionDef function, Map<String, String> overrides) {
    Map<String, String> env = resources.environment(function, overrides);
    env.put("AWS_REGION", REGION);
    env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbEndpoint().toString());
    // The stream is read by the local event source mapping (Lambda's side), never by our code.
    env.put("AWS_ENDPOINT_URL_DYNAMODB_STREAMS", moto.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_S3", s3Endpoint().toString());
    // moto serves SSM on the same port: the cursor keys are read from it as in AWS (no faults
    // injected there).
    env.put("AWS_ENDPOINT_URL_SSM", ssmEndpoint().toString());
    // EventBridge Scheduler is moto's too, behind the same check; LocalSchedules fires the
    // schedules the functions make.
    env.put("AWS_ENDPOINT_URL_SCHEDULER", ssmEndpoint().toString());
    env.put("AWS_LAMBDA_FUNCTION_NAME", config.stackName() + "-" + function.logicalId());
    return env;
  }

  /**
   * Starts the Lambda runtime for every function of the template, each with {@link
   * #environment}({@code overrides}); instances start at their first invocation.
   */
  public LambdaRuntime startRuntime(Map<String, String> overrides, int maxInstances) {
    Map<FunctionConfig, Map<String, String>> functions = new LinkedHashMap<>();
    for (SamTemplate.FunctionDef f : template.functions()) {
      functions.put(FunctionConfig.of(template, f), environment(f, overrides));
    }
    runtime = LambdaRuntime.create(template, functions, credentials, maxInstances);
    return runtime;
  }

  /** The handler classes' no-argument constructors read these as JVM system properties. */
  public static void applyAsSystemProperties(Map<String, String> env) {
    env.forEach(System::setProperty);
  }

  /** Creates a local token issuer whose tokens the gateway accepts. */
  public LocalJwt tokens(String issuerBaseUrl) {
    return tokens(issuerBaseUrl, Clock.systemUTC());
  }

  /**
   * Creates a local token issuer whose tokens the gateway accepts, on {@code clock} (tests pass a
   * token's life without waiting by moving it).
   */
  public LocalJwt tokens(String issuerBaseUrl, Clock clock) {
    if (jwt == null) {
      jwt = new LocalJwt(issuerBaseUrl + "/_local/issuer", AUDIENCE, clock);
    }
    return jwt;
  }

  /**
   * The token lifetimes of the template's user pool client: its parameters' defaults
   * (IdTokenValidityMinutes, AccessTokenValidityMinutes, RefreshTokenValidityDays), Cognito's
   * defaults where the template has none.
   */
  public LocalAuthorization.Lifetimes tokenLifetimes() {
    LocalAuthorization.Lifetimes d = LocalAuthorization.Lifetimes.cognitoDefaults();
    Map<String, Object> p = template.parameterDefaults();
    return new LocalAuthorization.Lifetimes(
        Duration.ofMinutes(number(p.get("IdTokenValidityMinutes"), d.id().toMinutes())),
        Duration.ofMinutes(number(p.get("AccessTokenValidityMinutes"), d.access().toMinutes())),
        Duration.ofDays(number(p.get("RefreshTokenValidityDays"), d.refresh().toDays())),
        d.hostedSession());
  }

  private static long number(Object value, long fallback) {
    return value == null ? fallback : Long.parseLong(String.valueOf(value));
  }

  /**
   * Starts the gateway for the template's HTTP API routes, invoking the handler each function
   * supplies; routes of functions without a handler answer 404.
   */
  public LocalGateway startGateway(
      int port,
      LocalJwt tokens,
      Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers) {
    gateway =
        LocalGateway.start(
            port, LocalGateway.bindings(template, handlers), tokens, config.corsOrigins());
    return gateway;
  }

  /** Subscribes functions to the template's S3 events, as the bucket notification would. */
  public void subscribeS3(Map<String, Supplier<RequestHandler<S3Event, ?>>> handlers) {
    eventSources.subscribeS3(handlers);
  }

  /**
   * Starts the event source mappings of the template's {@code DynamoDB} events: each function's
   * handler gets the batches of its table's stream, with the template's settings.
   */
  public void subscribeStreams(Map<String, RequestHandler<DynamodbEvent, ?>> handlers) {
    eventSources.subscribeStreams(handlers);
  }

  /** The stream ARN of a local table (the table must declare a StreamSpecification). */
  public String streamArn(String tableName) {
    return eventSources.streamArn(tableName);
  }

  /** The running stream event sources (for tests and the bench). */
  public List<StreamEventSource> streamSources() {
    return eventSources.streamSources();
  }

  /** Waits until every stream event source has delivered what was written before this call. */
  public void awaitStreamsSettled(Duration timeout) {
    eventSources.awaitStreamsSettled(timeout);
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

  /** The SSM parameter the local functions read their cursor keys from (CURSOR_KEY_PARAMETER). */
  public static final String CURSOR_KEY_PARAMETER = "/local/cursor-keys";

  /**
   * Puts fresh random cursor keys into moto's SSM as a SecureString, as an operator does in AWS
   * (docs/operations.md), and returns the environment that points the functions at it.
   */
  public Map<String, String> seedCursorKeys() {
    putSecureParameter(CURSOR_KEY_PARAMETER, randomSecret());
    return Map.of("CURSOR_KEY_PARAMETER", CURSOR_KEY_PARAMETER);
  }

  /** PutParameter (SecureString, overwriting) on moto's SSM; for rotation tests too. */
  public void putSecureParameter(String name, String value) {
    MotoSsm.putSecureParameter(moto.endpoint(), REGION, name, value);
  }

  public static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * The scheduler's side (docs/local-runtime.md): fires the one-time schedules due by {@code
   * clock}, invoking their target functions with {@code invoke} (logical id, event JSON).
   */
  public LocalSchedules schedules(BiFunction<String, String, String> invoke, Clock clock) {
    if (schedules != null) {
      schedules.close();
    }
    Map<String, String> functionsByArn = new LinkedHashMap<>();
    template
        .functions()
        .forEach(f -> functionsByArn.put(resources.functionArn(f.logicalId()), f.logicalId()));
    List<String> groups =
        template.resourcesOfType("AWS::Scheduler::ScheduleGroup").keySet().stream()
            .map(resources::physicalName)
            .toList();
    schedules = new LocalSchedules(scheduler, groups, functionsByArn, invoke, clock);
    return schedules;
  }

  @Override
  public void close() {
    if (schedules != null) {
      schedules.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (runtime != null) {
      runtime.close();
    }
    eventSources.close();
    notifications.close();
    for (AuthProxy proxy : new AuthProxy[] {dynamoDbAuth, s3Auth, ssmAuth}) {
      if (proxy != null) {
        proxy.close();
      }
    }
    credentials.close();
    faults.close();
    s3.close();
    streams.close();
    dynamoDb.close();
    scheduler.close();
    s3Client.close();
    moto.close();
  }
}
