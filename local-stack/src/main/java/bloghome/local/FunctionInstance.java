package bloghome.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One execution environment: a JVM started from the function's jar through AWS's runtime interface
 * client, and the Runtime API it polls ({@code AWS_LAMBDA_RUNTIME_API}), served here on a port of
 * its own. One invocation at a time, as Lambda gives an environment.
 *
 * <p>With SnapStart the client runs the {@code beforeCheckpoint} hooks after init and asks {@code
 * GET /runtime/restore/next}; answering it is the simulated restore: the credentials issued to this
 * environment so far are revoked first (a snapshot is restored long after it was taken, its
 * credentials expired), then the client runs the {@code afterRestore} hooks and polls for
 * invocations.
 */
final class FunctionInstance implements AutoCloseable {
  private static final String API = "/2018-06-01/runtime";
  private static final Pattern ERROR_TYPE = Pattern.compile("\"errorType\"\\s*:\\s*\"([^\"]*)\"");

  /** The outcome of one invocation: the function's answer, or its error JSON. */
  sealed interface Result {
    record Answer(byte[] body) implements Result {}

    record Failed(FunctionError error) implements Result {}
  }

  private record Invocation(
      String requestId, byte[] event, long deadlineMs, CompletableFuture<Result> result) {}

  private final String name;
  private final FunctionConfig config;
  private final LocalCredentials credentials;
  private final Path tmp;
  private final HttpServer api;
  private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final AtomicInteger restores = new AtomicInteger();
  private volatile long requestsBeforeSnapshot = -1;
  private volatile long restoredAtNanos;
  private volatile long restoreToFirstAnswerNanos = -1;

  /** Invocations the runtime client took and has not answered yet, by request id. */
  private final Map<String, Invocation> taken = new ConcurrentHashMap<>();

  private volatile boolean killed;
  private volatile Instant credentialsExpire;
  private volatile LocalCredentials.ContainerEndpoint endpoint;
  private Process process;

  private FunctionInstance(
      String name, FunctionConfig config, LocalCredentials credentials, Path tmp, HttpServer api) {
    this.name = name;
    this.config = config;
    this.credentials = credentials;
    this.tmp = tmp;
    this.api = api;
  }

  /**
   * Starts the JVM and returns once its init is done (it polls for the first invocation), or throws
   * the init error as Lambda reports it.
   */
  static FunctionInstance start(
      String name,
      FunctionConfig config,
      Map<String, String> environment,
      List<Path> runtimeClassPath,
      LocalCredentials credentials,
      Duration initTimeout) {
    FunctionInstance instance;
    try {
      Path tmp = Files.createTempDirectory("lambda-" + name.replace('#', '-') + "-");
      HttpServer api =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      instance = new FunctionInstance(name, config, credentials, tmp, api);
      api.setExecutor(
          Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("runtime-api-", 0).factory()));
      api.createContext("/", instance::serve);
      api.start();
      instance.launch(environment, runtimeClassPath);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start an instance of " + name, e);
    }
    try {
      instance.ready.get(initTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return instance;
    } catch (ExecutionException e) {
      instance.close();
      throw e.getCause() instanceof FunctionError f
          ? f
          : new LocalStackException(name + " failed to start: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      instance.close();
      throw error(
          name, "Sandbox.Timedout", "Init did not finish within " + initTimeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      instance.close();
      Thread.currentThread().interrupt();
      throw new LocalStackException("interrupted while starting " + name, e);
    }
  }

  /**
   * The JVM options Lambda's Java managed runtime starts a function with (AWS docs, "Customize Java
   * runtime startup behavior": tiered compilation stopped at level 1 since the Java 17 runtime, the
   * serial collector by default), a heap bounded by the function's memory, and the runtime client's
   * CRaC implementation for SnapStart (the RIC's {@code com.amazonaws.services.lambda.crac}, which
   * it drives around {@code /runtime/restore/next}). Not confirmed from AWS's documentation, and so
   * assumptions of this emulation: the heap's share of the memory (85 %), and that SnapStart
   * functions keep C2 (no {@code TieredStopAtLevel=1}) so that priming compiles fully before the
   * snapshot.
   */
  List<String> jvmOptions() {
    List<String> options = new ArrayList<>();
    if (!config.snapStart()) {
      options.add("-XX:+TieredCompilation");
      options.add("-XX:TieredStopAtLevel=1");
    }
    options.add("-XX:+UseSerialGC");
    options.add("-Xshare:auto");
    options.add("-XX:MaxHeapSize=" + config.memoryMb() * 85 / 100 + "m");
    options.add("-Djava.io.tmpdir=" + tmp);
    options.add("-Djava.net.preferIPv4Stack=true");
    options.add("--enable-native-access=ALL-UNNAMED");
    options.add(NATIVE_CLIENT_PROPERTY + "=" + tmp.resolve(NATIVE_CLIENT_FILE));
    if (config.snapStart()) {
      options.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
    }
    return options;
  }

  /**
   * Left to itself, the runtime client copies its native library to the fixed path {@code
   * /tmp/.libaws-lambda-jni.so} and loads it from there: harmless on Lambda, where every execution
   * environment has a {@code /tmp} of its own, but here JVMs starting at the same time overwrote
   * the file another was mapping, and one died of SIGBUS in the dynamic loader (seen in a CI run).
   * Each instance gets its copy in its own temporary directory, named by the client's own property.
   */
  private static final String NATIVE_CLIENT_PROPERTY =
      "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  private static final String NATIVE_CLIENT_FILE = ".libaws-lambda-jni.so";

  /** Copies the runtime client's native library for this machine into the instance's own dir. */
  private void unpackNativeClient(List<Path> runtimeClassPath) throws IOException {
    String arch = System.getProperty("os.arch");
    String library =
        "jni/libaws-lambda-jni.linux-" + (arch.equals("aarch64") ? "aarch_64" : "x86_64") + ".so";
    Path clientJar =
        runtimeClassPath.stream()
            .filter(p -> p.getFileName().toString().contains("interface-client"))
            .findFirst()
            .orElseThrow(() -> new LocalStackException("no runtime interface client jar"));
    try (ZipFile jar = new ZipFile(clientJar.toFile())) {
      ZipEntry entry = jar.getEntry(library);
      if (entry == null) {
        throw new LocalStackException(clientJar + " has no " + library);
      }
      try (InputStream in = jar.getInputStream(entry)) {
        Files.copy(in, tmp.resolve(NATIVE_CLIENT_FILE), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private void launch(Map<String, String> environment, List<Path> runtimeClassPath)
      throws IOException {
    unpackNativeClient(runtimeClassPath);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions());
    command.add("-cp");
    List<String> classPath = new ArrayList<>();
    runtimeClassPath.forEach(p -> classPath.add(p.toString()));
    classPath.add(config.jar().toString());
    command.add(String.join(File.pathSeparator, classPath));
    command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
    command.add(config.handler());
    ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.environment().putAll(lambdaVariables());
    builder.redirectErrorStream(true);
    process = builder.start();
    Thread.ofVirtual().name("log-" + name).start(this::pumpLog);
    process
        .onExit()
        .thenRun(
            () -> {
              FunctionError exit =
                  error(
                      name,
                      "Runtime.ExitError",
                      "Runtime exited with error: exit status " + process.exitValue());
              ready.completeExceptionally(exit);
              taken.values().forEach(i -> i.result().complete(new Result.Failed(exit)));
              pending.forEach(i -> i.result().complete(new Result.Failed(exit)));
            });
  }

  /** What Lambda sets besides the template's variables: the runtime's own and the credentials. */
  private Map<String, String> lambdaVariables() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_LAMBDA_FUNCTION_VERSION", config.snapStart() ? "1" : "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memoryMb()));
    env.put("_HANDLER", config.handler());
    env.put("LAMBDA_TASK_ROOT", tmp.toString());
    env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.getAddress().getPort());
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", config.snapStart() ? "snap-start" : "on-demand");
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
    env.put("TZ", ":UTC");
    env.put("LANG", "en_US.UTF-8");
    env.put("TMPDIR", tmp.toString());
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    if (config.snapStart()) {
      // SnapStart: no access-key variables, only the container credentials endpoint.
      endpoint = credentials.containerEndpoint(name);
      env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.fullUri().toString());
      env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", endpoint.authorizationToken());
    } else {
      LocalCredentials.Issued issued = credentials.issue(name);
      credentialsExpire = issued.expiration();
      env.put("AWS_ACCESS_KEY_ID", issued.accessKeyId());
      env.put("AWS_SECRET_ACCESS_KEY", issued.secretAccessKey());
      env.put("AWS_SESSION_TOKEN", issued.sessionToken());
    }
    return env;
  }

  private void pumpLog() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        System.out.println("[" + name + "] " + line);
      }
    } catch (IOException e) {
      // The process ended.
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  /** The command line the JVM was started with, as {@code ps} shows it. */
  String commandLine() {
    return process.info().commandLine().orElse("");
  }

  boolean alive() {
    return !killed && process.isAlive();
  }

  /** How many simulated restores this environment went through (0 or 1). */
  int restores() {
    return restores.get();
  }

  /**
   * How many AWS requests this environment made before its snapshot (its priming), or -1 without
   * SnapStart.
   */
  long requestsBeforeSnapshot() {
    return requestsBeforeSnapshot;
  }

  /**
   * From the simulated restore (the answer to {@code /runtime/restore/next}) to the first answer
   * posted: the {@code afterRestore} hooks, the poll and the first invocation; -1 before that.
   */
  long restoreToFirstAnswerNanos() {
    return restoreToFirstAnswerNanos;
  }

  /**
   * Whether the access-key variables it started with expire within {@code margin}: Lambda retires
   * an environment before its credentials do.
   */
  boolean credentialsExpireWithin(Duration margin) {
    Instant expire = credentialsExpire;
    return expire != null && credentials.now().plus(margin).isAfter(expire);
  }

  /**
   * Runs one invocation for at most {@code wait}; a timeout kills the JVM (the caller replaces the
   * instance) and is reported with the function's {@code timeout}, as Lambda words it.
   */
  Result invoke(byte[] event, Duration wait, Duration timeout) {
    String requestId = UUID.randomUUID().toString();
    Invocation invocation =
        new Invocation(
            requestId,
            event,
            System.currentTimeMillis() + wait.toMillis(),
            new CompletableFuture<>());
    pending.add(invocation);
    try {
      return invocation.result().get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      killed = true;
      process.destroyForcibly();
      String seconds = String.format(Locale.ROOT, "%.2f", timeout.toMillis() / 1000.0);
      return new Result.Failed(
          error(
              name,
              "Sandbox.Timedout",
              "RequestId: " + requestId + " Error: Task timed out after " + seconds + " seconds"));
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new LocalStackException("interrupted while invoking " + name, e);
    } finally {
      taken.remove(requestId);
      pending.remove(invocation);
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (method.equals("GET") && path.equals(API + "/invocation/next")) {
        next(exchange);
      } else if (method.equals("POST")
          && path.startsWith(API + "/invocation/")
          && path.endsWith("/response")) {
        finish(path, new Result.Answer(body));
        accepted(exchange);
      } else if (method.equals("POST")
          && path.startsWith(API + "/invocation/")
          && path.endsWith("/error")) {
        finish(path, new Result.Failed(errorFrom(exchange, body)));
        accepted(exchange);
      } else if (method.equals("POST")
          && (path.equals(API + "/init/error") || path.equals(API + "/restore/error"))) {
        ready.completeExceptionally(errorFrom(exchange, body));
        accepted(exchange);
      } else if (method.equals("GET") && path.equals(API + "/restore/next")) {
        restore(exchange);
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    // Polling for work means init (and, with SnapStart, the restore) is done.
    ready.complete(null);
    Invocation invocation;
    try {
      invocation = pending.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    taken.put(invocation.requestId(), invocation);
    var headers = exchange.getResponseHeaders();
    // The runtime client's native HTTP client crashes the JVM without a Content-Type.
    headers.set("Content-Type", "application/json");
    headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
    headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMs()));
    headers.set(
        "Lambda-Runtime-Invoked-Function-Arn",
        "arn:aws:lambda:"
            + LocalStack.REGION
            + ":"
            + LocalStack.ACCOUNT_ID
            + ":function:"
            + config.logicalId());
    headers.set(
        "Lambda-Runtime-Trace-Id",
        "Root=1-"
            + Long.toHexString(System.currentTimeMillis() / 1000)
            + "-"
            + invocation.requestId().replace("-", "").substring(0, 24)
            + ";Sampled=0");
    exchange.sendResponseHeaders(200, invocation.event().length);
    exchange.getResponseBody().write(invocation.event());
  }

  private void restore(HttpExchange exchange) throws IOException {
    requestsBeforeSnapshot = credentials.uses(name);
    credentials.revoke(name);
    restores.incrementAndGet();
    restoredAtNanos = System.nanoTime();
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, -1);
  }

  private void finish(String path, Result result) {
    if (restoredAtNanos != 0 && restoreToFirstAnswerNanos < 0) {
      restoreToFirstAnswerNanos = System.nanoTime() - restoredAtNanos;
    }
    String id = path.substring((API + "/invocation/").length(), path.lastIndexOf('/'));
    Invocation invocation = taken.remove(id);
    if (invocation != null) {
      invocation.result().complete(result);
    }
  }

  private FunctionError errorFrom(HttpExchange exchange, byte[] body) {
    String json = new String(body, StandardCharsets.UTF_8);
    String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
    Matcher t = ERROR_TYPE.matcher(json);
    if (t.find()) {
      type = t.group(1);
    }
    return new FunctionError(name, type == null ? "Unhandled" : type, json, json);
  }

  private static void accepted(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    byte[] ok = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(202, ok.length);
    exchange.getResponseBody().write(ok);
  }

  static FunctionError error(String name, String type, String message) {
    String json =
        "{\"errorType\":\""
            + type
            + "\",\"errorMessage\":\""
            + message.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"}";
    return new FunctionError(name, type, message, json);
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    api.stop(0);
    if (endpoint != null) {
      credentials.retire(endpoint);
    }
    try (Stream<Path> files = Files.walk(tmp)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind.
    }
  }
}
