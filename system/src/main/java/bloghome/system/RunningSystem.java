package bloghome.system;

import bloghome.local.InProcessEnvironment;
import bloghome.local.LocalGateway;
import bloghome.local.LocalJwt;
import bloghome.local.LocalStack;
import bloghome.local.LocalStackException;
import bloghome.local.Ports;
import bloghome.local.SamTemplate;
import bloghome.profiles.UserIds;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every function of {@code template.yaml} running on the local stack: each handler built with its
 * production no-argument constructor from the environment the template gives it, the API served by
 * the gateway, the validator subscribed to the bucket's uploads.
 */
public final class RunningSystem implements AutoCloseable {
  private final LocalStack stack;
  private final LocalGateway gateway;
  private final LocalJwt tokens;
  private final Map<String, Object> handlers;

  private RunningSystem(
      LocalStack stack, LocalGateway gateway, LocalJwt tokens, Map<String, Object> handlers) {
    this.stack = stack;
    this.gateway = gateway;
    this.tokens = tokens;
    this.handlers = handlers;
  }

  public static RunningSystem start(LocalStack.Config config) {
    int apiPort = config.apiPort() == 0 ? Ports.free() : config.apiPort();
    LocalStack stack = LocalStack.start(config);
    try {
      return wire(stack, apiPort);
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private static RunningSystem wire(LocalStack stack, int apiPort) {
    String apiUrl = "http://127.0.0.1:" + apiPort;
    LocalJwt tokens = stack.tokens(apiUrl);
    Map<String, String> overrides = InProcessEnvironment.localOverrides(stack, apiUrl, tokens);
    // Pages: browsers PUT skin images to the local S3; links point at the local gateway.
    overrides.put("UPLOAD_ORIGIN", origin(stack.s3Endpoint()));
    overrides.put("SITE_URL", apiUrl);

    Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> apiHandlers =
        new LinkedHashMap<>();
    Map<String, Supplier<RequestHandler<S3Event, ?>>> s3Handlers = new HashMap<>();
    Map<String, RequestHandler<DynamodbEvent, ?>> streamHandlers = new HashMap<>();
    Map<String, Object> all = new LinkedHashMap<>();
    String mediaBucket = null;
    String acceptedPrefix = "skins/";
    InProcessEnvironment shared = new InProcessEnvironment();
    for (SamTemplate.FunctionDef function : stack.template().functions()) {
      Map<String, String> env = stack.environment(function, overrides);
      shared.add(env);
      LocalStack.applyAsSystemProperties(env);
      Object handler = instantiate(function);
      all.put(function.logicalId(), handler);
      if (!function.routes().isEmpty()) {
        apiHandlers.put(function.logicalId(), cast(handler));
      }
      if (!function.streamTriggers().isEmpty()) {
        streamHandlers.put(function.logicalId(), cast(handler));
      }
      if (!function.s3Triggers().isEmpty()) {
        RequestHandler<S3Event, ?> s3Handler = cast(handler);
        s3Handlers.put(function.logicalId(), () -> s3Handler);
        mediaBucket = stack.physicalName(function.s3Triggers().get(0).bucketLogicalId());
        acceptedPrefix = env.getOrDefault("ACCEPTED_PREFIX", acceptedPrefix);
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
    return new RunningSystem(stack, gateway, tokens, Collections.unmodifiableMap(all));
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

  /** The handler instances by function logical id. */
  public Map<String, Object> handlers() {
    return handlers;
  }

  private static String failuresJson(LocalStack stack) {
    StringBuilder sb = new StringBuilder("{\"messages\":[");
    var failures = stack.notifications().failures();
    for (int i = 0; i < failures.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(failures.get(i).record());
    }
    return sb.append("]}").toString();
  }

  private static Object instantiate(SamTemplate.FunctionDef function) {
    try {
      return Class.forName(function.handlerClass()).getConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new LocalStackException(
          "Handler class "
              + function.handlerClass()
              + " of "
              + function.logicalId()
              + " is not on the class path: build with ./mvnw package first.");
    } catch (ReflectiveOperationException | RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new LocalStackException("Cannot construct " + function.handlerClass() + ": " + cause);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object handler) {
    return (T) handler;
  }

  @Override
  public void close() {
    stack.close();
  }
}
