package bloghome.bench;

import bloghome.bench.probe.Events;
import bloghome.local.InProcessEnvironment;
import bloghome.local.LocalContext;
import bloghome.local.LocalCredentials;
import bloghome.local.LocalGateway;
import bloghome.local.LocalJwt;
import bloghome.local.LocalStack;
import bloghome.local.Ports;
import bloghome.local.SamTemplate;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipFile;

/**
 * The running local stack and every function of {@code template.yaml}: its shaded jar for the
 * cold-start runs, and its handler built in this JVM (production constructor, environment as system
 * properties, as {@code bin/run-local} does) for the warm and throughput runs.
 *
 * <p>A function whose jar or class is missing is kept with the reason, so every table can say what
 * it left out and why.
 */
final class Bench implements AutoCloseable {

  /** One function; a null handler or jar comes with the reason. */
  record Fn(
      SamTemplate.FunctionDef def,
      Path jar,
      String jarProblem,
      Object handler,
      String handlerProblem) {
    String id() {
      return def.logicalId();
    }

    boolean hasJar() {
      return jarProblem == null;
    }

    boolean inProcess() {
      return handler != null;
    }

    boolean serves(String routeKey) {
      return def.routes().stream().anyMatch(r -> r.routeKey().equals(routeKey));
    }
  }

  final Options options;
  final Report report;
  final Path repo;
  final Path work;
  final LocalStack stack;
  final LocalJwt tokens;
  final Map<String, String> overrides;
  final EventCatalog events;
  final List<Fn> functions = new ArrayList<>();
  final String tableName;
  final String bucketName;
  private final LocalGateway gateway;

  Bench(Options options, Report report) throws IOException {
    this.options = options;
    this.report = report;
    int apiPort = Ports.free();
    LocalStack.Config config =
        new LocalStack.Config("bloghome-bench", apiPort, 0, 0, List.of("http://localhost:5173"));
    this.stack = LocalStack.start(config);
    this.repo = stack.template().baseDir();
    this.work = repo.resolve("bench/target/bench-work");
    Files.createDirectories(work);
    this.events = new EventCatalog(repo.resolve("events"));
    String apiUrl = "http://127.0.0.1:" + apiPort;
    this.tokens = stack.tokens(apiUrl);
    // As bin/run-local: the page function signs in through the local stack, not Cognito.
    Map<String, String> localValues = InProcessEnvironment.localOverrides(stack, apiUrl, tokens);
    this.overrides = Map.copyOf(localValues);
    this.tableName = onlyResource("AWS::DynamoDB::Table");
    this.bucketName = onlyResource("AWS::S3::Bucket");

    InProcessEnvironment shared = new InProcessEnvironment();
    for (SamTemplate.FunctionDef def : stack.template().functions()) {
      Path jar = def.codeUri() == null ? null : repo.resolve(def.codeUri()).normalize();
      if (options.skipFunctions().contains(def.logicalId())) {
        functions.add(new Fn(def, jar, "skipped by --skip", null, "skipped by --skip"));
        report.note(def.logicalId() + " left out: skipped by --skip.");
        continue;
      }
      String jarProblem = jarProblem(def, jar);
      Map<String, String> env = stack.environment(def, overrides);
      shared.add(env);
      LocalStack.applyAsSystemProperties(env);
      Object handler = null;
      String handlerProblem = null;
      try {
        handler = Class.forName(def.handlerClass()).getConstructor().newInstance();
      } catch (ClassNotFoundException e) {
        handlerProblem = "class " + def.handlerClass() + " is not on the class path";
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        handlerProblem = "cannot construct " + def.handlerClass() + ": " + cause;
      }
      if (jarProblem != null) {
        report.note(def.logicalId() + " has no cold-start runs: " + jarProblem + ".");
      }
      if (handlerProblem != null) {
        report.note(def.logicalId() + " has no in-process runs: " + handlerProblem + ".");
      }
      functions.add(new Fn(def, jar, jarProblem, handler, handlerProblem));
    }

    // The in-process handlers fetch credentials the stack issues, as SnapStart functions do (the
    // SDK reads these properties before the variables of the same meaning).
    LocalCredentials.ContainerEndpoint credentials =
        stack.credentials().containerEndpoint("bench-in-process");
    System.setProperty("aws.containerCredentialsFullUri", credentials.fullUri().toString());
    System.setProperty("aws.containerAuthorizationToken", credentials.authorizationToken());

    Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> api =
        new LinkedHashMap<>();
    for (Fn fn : functions) {
      if (fn.inProcess() && !fn.def().routes().isEmpty()) {
        api.put(fn.id(), cast(fn.handler()));
      }
    }
    this.gateway = stack.startGateway(apiPort, tokens, api);
    Map<String, RequestHandler<DynamodbEvent, ?>> streamFed = new LinkedHashMap<>();
    for (Fn fn : functions) {
      if (fn.inProcess() && !fn.def().streamTriggers().isEmpty()) {
        streamFed.put(fn.id(), cast(fn.handler()));
      }
    }
    stack.subscribeStreams(streamFed);
  }

  private static String jarProblem(SamTemplate.FunctionDef def, Path jar) {
    if (jar == null) {
      return "no CodeUri";
    }
    if (!Files.isRegularFile(jar)) {
      return "its jar " + jar.getFileName() + " is not built";
    }
    String entry = def.handlerClass().replace('.', '/') + ".class";
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      if (zip.getEntry(entry) == null) {
        return "its jar " + jar.getFileName() + " has no " + def.handlerClass();
      }
    } catch (IOException e) {
      return "its jar " + jar.getFileName() + " cannot be read: " + e.getMessage();
    }
    return null;
  }

  private String onlyResource(String type) {
    var ids = stack.template().resourcesOfType(type).keySet();
    if (ids.size() != 1) {
      throw new IllegalStateException(
          "the benchmark expects one " + type + " in template.yaml, found " + ids);
    }
    return stack.physicalName(ids.iterator().next());
  }

  LocalGateway gateway() {
    return gateway;
  }

  /** The function that serves a route, whether or not it is runnable. */
  Optional<Fn> functionFor(String routeKey) {
    return functions.stream().filter(f -> f.serves(routeKey)).findFirst();
  }

  Optional<Fn> s3Function() {
    return functions.stream().filter(f -> !f.def().s3Triggers().isEmpty()).findFirst();
  }

  /** The environment a function gets on Lambda, with the local stack's endpoints. */
  Map<String, String> environment(Fn fn) {
    Map<String, String> env = new LinkedHashMap<>(stack.environment(fn.def(), overrides));
    LocalCredentials.Issued issued = stack.credentials().issue("bench-" + fn.id());
    env.put("AWS_ACCESS_KEY_ID", issued.accessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", issued.secretAccessKey());
    env.put("AWS_SESSION_TOKEN", issued.sessionToken());
    return env;
  }

  static APIGatewayV2HTTPResponse invoke(Fn fn, Map<String, Object> event) {
    RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = cast(fn.handler());
    return handler.handleRequest(Events.http(event), new LocalContext(fn.id()));
  }

  static Object invokeS3(Fn fn, S3Event event) {
    RequestHandler<S3Event, Object> handler = cast(fn.handler());
    return handler.handleRequest(event, new LocalContext(fn.id()));
  }

  @SuppressWarnings("unchecked")
  static <T> T cast(Object handler) {
    return (T) handler;
  }

  @Override
  public void close() {
    stack.close();
  }
}
