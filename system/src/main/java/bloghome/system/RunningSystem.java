package bloghome.system;

import bloghome.local.InProcessEnvironment;
import bloghome.local.LambdaRuntime;
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
import java.util.Map;
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
  private final LocalSchedules schedules;

  private RunningSystem(
      LocalStack stack,
      LocalGateway gateway,
      LocalJwt tokens,
      LambdaRuntime runtime,
      LocalSchedules schedules) {
    this.stack = stack;
    this.gateway = gateway;
    this.tokens = tokens;
    this.runtime = runtime;
    this.schedules = schedules;
  }

  public static RunningSystem start(LocalStack.Config config) {
    return start(config, Clock.systemUTC());
  }

  /**
   * As {@link #start(LocalStack.Config)}, with the clock by which the local scheduler finds its
   * schedules due (a {@code MutableClock} in tests).
   */
  public static RunningSystem start(LocalStack.Config config, Clock scheduleClock) {
    int apiPort = config.apiPort() == 0 ? Ports.free() : config.apiPort();
    LocalStack stack = LocalStack.start(config);
    try {
      return wire(stack, apiPort, scheduleClock);
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private static RunningSystem wire(LocalStack stack, int apiPort, Clock scheduleClock) {
    String apiUrl = "http://127.0.0.1:" + apiPort;
    LocalJwt tokens = stack.tokens(apiUrl);
    Map<String, String> overrides = InProcessEnvironment.localOverrides(stack, apiUrl, tokens);
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
      }
    }
    stack.subscribeS3(s3Handlers);
    stack.subscribeStreams(streamHandlers);
    LocalGateway gateway = stack.startGateway(apiPort, tokens, apiHandlers);
    gateway.enableSignIn(UserIds::isValid);
    if (mediaBucket != null) {
      gateway.serveStatic("media", stack.publicObjects(mediaBucket, acceptedPrefix));
    }
    // The validator's on-failure destination, and its replay (bin/replay-failed-validations
    // --local).
    gateway.serveAction("GET", "failures", () -> failuresJson(stack));
    gateway.serveAction(
        "POST",
        "failures/replay",
        () -> "{\"replayed\":" + stack.notifications().replayFailures() + "}");
    LocalSchedules schedules = stack.schedules(runtime::invoke, scheduleClock);
    return new RunningSystem(stack, gateway, tokens, runtime, schedules);
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
    stack.close();
  }
}
