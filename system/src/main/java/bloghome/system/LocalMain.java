package bloghome.system;

import bloghome.local.LocalGateway;
import bloghome.local.LocalJwt;
import bloghome.local.LocalStack;
import bloghome.local.LocalStackException;
import bloghome.local.SamTemplate;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * {@code bin/run-local}: the whole system on this machine. Starts the local stack from
 * {@code template.yaml}, builds every function's handler with its production constructor
 * (configured through the same environment variables as on Lambda), and serves the HTTP API.
 */
public final class LocalMain {
  private LocalMain() {}

  public static void main(String[] args) throws InterruptedException {
    try {
      run();
    } catch (LocalStackException e) {
      System.err.println("bloghome local stack: " + e.getMessage());
      System.exit(2);
    }
  }

  private static void run() throws InterruptedException {
    LocalStack.Config config = LocalStack.Config.fromEnvironment();
    LocalStack stack = LocalStack.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("bloghome local stack: stopping");
      stack.close();
      stopped.countDown();
    }, "local-stack-stop"));

    String apiUrl = "http://127.0.0.1:" + config.apiPort();
    LocalJwt tokens = stack.tokens(apiUrl);
    Map<String, String> overrides = Map.of(
        "MEDIA_BASE_URL", apiUrl + "/_local/media",
        "JWT_ISSUER", tokens.issuer(),
        "JWT_AUDIENCE", tokens.audience(),
        "CURSOR_SIGNING_KEY", LocalStack.randomSecret());

    Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> apiHandlers = new LinkedHashMap<>();
    Map<String, Supplier<RequestHandler<S3Event, ?>>> s3Handlers = new HashMap<>();
    String mediaBucket = null;
    String acceptedPrefix = "skins/";
    Map<String, String> shared = new HashMap<>();
    for (SamTemplate.FunctionDef function : stack.template().functions()) {
      Map<String, String> env = stack.environment(function, overrides);
      env.forEach((name, value) -> {
        String previous = shared.putIfAbsent(name, value);
        if (previous != null && !previous.equals(value) && !name.equals("AWS_LAMBDA_FUNCTION_NAME")) {
          throw new LocalStackException("Functions disagree on " + name + " (" + previous + " vs " + value
              + "): the local stack runs them in one JVM and needs one value.");
        }
      });
      LocalStack.applyAsSystemProperties(env);
      Object handler = instantiate(function);
      if (!function.routes().isEmpty()) {
        apiHandlers.put(function.logicalId(), cast(handler));
      }
      if (!function.s3Triggers().isEmpty()) {
        RequestHandler<S3Event, ?> s3Handler = cast(handler);
        s3Handlers.put(function.logicalId(), () -> s3Handler);
        mediaBucket = stack.physicalName(function.s3Triggers().get(0).bucketLogicalId());
        acceptedPrefix = env.getOrDefault("ACCEPTED_PREFIX", acceptedPrefix);
      }
    }
    stack.subscribeS3(s3Handlers);
    LocalGateway gateway = stack.startGateway(config.apiPort(), tokens, apiHandlers);
    if (mediaBucket != null) {
      gateway.serveStatic("media", stack.publicObjects(mediaBucket, acceptedPrefix));
    }

    String alice = tokens.mint("alice", List.of("vip"), Duration.ofHours(12));
    System.out.println("""
        bloghome local stack is up (Ctrl-C stops it and everything it started)
          API (HTTP API routes of template.yaml)  %s
          S3 (S3Proxy, key %s / %s)        %s
          DynamoDB (moto)                         %s
          tables and buckets                      %s
          functions                               %s

        A token for alice (VIP), valid 12 hours:
          export TOKEN=%s
        Mint one for anyone:
          curl -s '%s/_local/token?sub=bob'            (add &groups=vip for a VIP)
        """.formatted(apiUrl, "local", "local-secret", stack.s3Endpoint(), stack.dynamoDbEndpoint(),
        physicalNames(stack), String.join(", ", apiHandlers.keySet()) + (s3Handlers.isEmpty() ? "" : ", " + String.join(", ", s3Handlers.keySet())),
        alice, apiUrl));
    stopped.await();
  }

  private static String physicalNames(LocalStack stack) {
    StringBuilder sb = new StringBuilder();
    for (String id : stack.template().resourcesOfType("AWS::DynamoDB::Table").keySet()) {
      sb.append(id).append('=').append(stack.physicalName(id)).append(' ');
    }
    for (String id : stack.template().resourcesOfType("AWS::S3::Bucket").keySet()) {
      sb.append(id).append('=').append(stack.physicalName(id)).append(' ');
    }
    return sb.toString().strip();
  }

  private static Object instantiate(SamTemplate.FunctionDef function) {
    try {
      return Class.forName(function.handlerClass()).getConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new LocalStackException("Handler class " + function.handlerClass() + " of " + function.logicalId()
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
}
