package bloghome.system;

import bloghome.local.InProcessEnvironment;
import bloghome.local.LambdaRuntime;
import bloghome.local.LocalAuthServer;
import bloghome.local.LocalAuthorization;
import bloghome.local.LocalCustomResources;
import bloghome.local.LocalGateway;
import bloghome.local.LocalJwt;
import bloghome.local.LocalSchedules;
import bloghome.local.LocalStack;
import bloghome.local.Ports;
import bloghome.local.RuntimeHandlers;
import bloghome.local.SamTemplate;
import bloghome.profiles.UserIds;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every function of {@code template.yaml} running on the local stack, as Lambda runs it: each in
 * JVMs of its own, started from the jar its {@code CodeUri} names through AWS's runtime client
 * ({@link LambdaRuntime}), with the environment the template gives it; the API served by the
 * gateway, the validator subscribed to the bucket's uploads, the views aggregator to the table's
 * stream, all invoking through the runtime with JSON events.
 */
public final class RunningSystem implements AutoCloseable {
  private final LocalStack stack;
  private final LocalGateway gateway;
  private final LocalJwt tokens;
  private final LambdaRuntime runtime;
  private final LocalAuthServer hostedUi;
  private final LocalSchedules schedules;
  private final LocalCustomResources customResources;

  private RunningSystem(
      LocalStack stack,
      LocalGateway gateway,
      LocalJwt tokens,
      LambdaRuntime runtime,
      LocalAuthServer hostedUi,
      LocalSchedules schedules,
      LocalCustomResources customResources) {
    this.stack = stack;
    this.gateway = gateway;
    this.tokens = tokens;
    this.runtime = runtime;
    this.hostedUi = hostedUi;
    this.schedules = schedules;
    this.customResources = customResources;
  }

  public static RunningSystem start(LocalStack.Config config) {
    return start(config, Clock.systemUTC());
  }

  /**
   * Starts the system on {@code clock} for what tests move in time: the sign-in side (the local
   * hosted UI, the token issuer and the gateway's JWT authorizer: a token's life) and the local
   * scheduler (when a scheduled post's schedule is due).
   */
  public static RunningSystem start(LocalStack.Config config, Clock clock) {
    int apiPort = config.apiPort() == 0 ? Ports.free() : config.apiPort();
    LocalStack stack = LocalStack.start(config);
    LocalAuthServer hostedUi = null;
    try {
      String apiUrl = "http://127.0.0.1:" + apiPort;
      LocalJwt tokens = stack.tokens(apiUrl, clock);
      LocalAuthorization rules =
          new LocalAuthorization(tokens, clock, stack.tokenLifetimes(), UserIds::isValid);
      // The web client as UserPoolClientSettings registers it, on the pages' local origin.
      rules.register(
          new LocalAuthorization.Client(
              LocalStack.AUDIENCE, List.of(apiUrl + "/auth/callback"), List.of(apiUrl + "/")));
      hostedUi = LocalAuthServer.start(0, rules);
      return wire(stack, apiPort, tokens, hostedUi, clock);
    } catch (RuntimeException e) {
      if (hostedUi != null) {
        hostedUi.close();
      }
      stack.close();
      throw e;
    }
  }

  private static RunningSystem wire(
      LocalStack stack, int apiPort, LocalJwt tokens, LocalAuthServer hostedUi, Clock clock) {
    String apiUrl = "http://127.0.0.1:" + apiPort;
    Map<String, String> overrides = InProcessEnvironment.localOverrides(stack, apiUrl, tokens);
    // Pages: sign-in through the local hosted UI, exactly as through Cognito's.
    overrides.put("COGNITO_DOMAIN", hostedUi.url().toString());
    overrides.put("COGNITO_CLIENT_ID", tokens.audience());
    // Pages: browsers PUT skin images to the local S3 (the CSP's connect-src names it).
    overrides.put("UPLOAD_ORIGIN", origin(stack.s3Endpoint()));

    LambdaRuntime runtime =
        stack.startRuntime(overrides, LambdaRuntime.maxInstancesFromEnvironment());
    Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> apiHandlers =
        new LinkedHashMap<>();
    Map<String, Supplier<RequestHandler<S3Event, ?>>> s3Handlers = new HashMap<>();
    Map<String, RequestHandler<DynamodbEvent, ?>> streamHandlers = new HashMap<>();
    String mediaBucket = null;
    String acceptedPrefix = "skins/";
    String mediaPrefix = "media/";
    for (SamTemplate.FunctionDef function : stack.template().functions()) {
      String id = function.logicalId();
      if (!function.routes().isEmpty()) {
        apiHandlers.put(id, RuntimeHandlers.http(runtime, id));
      }
      if (!function.streamTriggers().isEmpty()) {
        streamHandlers.put(id, RuntimeHandlers.stream(runtime, id));
      }
      if (!function.s3Triggers().isEmpty()) {
        RequestHandler<S3Event, ?> s3Handler = RuntimeHandlers.s3(runtime, id);
        s3Handlers.put(id, () -> s3Handler);
        mediaBucket = stack.physicalName(function.s3Triggers().get(0).bucketLogicalId());
        acceptedPrefix =
            stack.environment(function, overrides).getOrDefault("ACCEPTED_PREFIX", acceptedPrefix);
        mediaPrefix =
            stack.environment(function, overrides).getOrDefault("MEDIA_PREFIX", mediaPrefix);
      }
    }
    stack.subscribeS3(s3Handlers);
    stack.subscribeStreams(streamHandlers);
    LocalGateway gateway = stack.startGateway(apiPort, tokens, apiHandlers);
    gateway.enableHostedUi(hostedUi);
    if (mediaBucket != null) {
      // Skins and post images (docs/images.md): the two prefixes the distribution serves.
      var skins = stack.publicObjects(mediaBucket, acceptedPrefix);
      var postImages = stack.publicObjects(mediaBucket, mediaPrefix);
      gateway.serveStatic("media", key -> skins.apply(key).or(() -> postImages.apply(key)));
    }
    // The validator's on-failure destination, and its replay (bin/replay-failed-validations
    // --local).
    gateway.serveAction("GET", "failures", () -> failuresJson(stack));
    gateway.serveAction(
        "POST",
        "failures/replay",
        () -> "{\"replayed\":" + stack.notifications().replayFailures() + "}");
    LocalSchedules schedules = stack.schedules(runtime::invoke, clock);
    // CloudFormation's custom resources served by local functions (the data migrations), as a
    // deploy sends them: Create at start, answered on the gateway.
    gateway.serveAction("PUT", LocalCustomResources.RESPONSE_ACTION, () -> "{}");
    LocalCustomResources customResources =
        new LocalCustomResources(
            stack.template(), Set.copyOf(runtime.functions()), runtime::invoke, gateway.url());
    customResources.createAll();
    return new RunningSystem(stack, gateway, tokens, runtime, hostedUi, schedules, customResources);
  }

  private static String origin(URI endpoint) {
    return endpoint.getScheme() + "://" + endpoint.getRawAuthority();
  }

  public LocalStack stack() {
    return stack;
  }

  public URI apiUrl() {
    return gateway.url();
  }

  public LocalJwt tokens() {
    return tokens;
  }

  /** The local hosted UI (Cognito's stand-in): its URL, and its rules for tests. */
  public LocalAuthServer hostedUi() {
    return hostedUi;
  }

  /**
   * Waits until the stream-fed functions (the views aggregator) have applied everything written
   * before this call: what a reader sees a few seconds later in AWS.
   */
  public void awaitSettled(Duration timeout) {
    stack.awaitStreamsSettled(timeout);
  }

  /** EventBridge Scheduler's side: fires the due one-time schedules (scheduled posts). */
  public LocalSchedules schedules() {
    return schedules;
  }

  /** CloudFormation's custom resources (data migrations): send one another event. */
  public LocalCustomResources customResources() {
    return customResources;
  }

  /** The Lambda runtime every function runs in. */
  public LambdaRuntime runtime() {
    return runtime;
  }

  private static String failuresJson(LocalStack stack) {
    StringBuilder sb = new StringBuilder("{\"messages\":[");
    var failures = stack.notifications().failures();
    for (int i = 0; i < failures.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(failures.get(i).record());
    }
    return sb.append("]}").toString();
  }

  @Override
  public void close() {
    hostedUi.close();
    stack.close();
  }
}
