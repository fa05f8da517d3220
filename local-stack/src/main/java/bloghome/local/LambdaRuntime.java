package bloghome.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Lambda on this machine: each function of the template runs in JVMs of its own, started from the
 * jar its {@code CodeUri} names through AWS's runtime interface client, which talks to a Runtime
 * API served here (see {@link FunctionInstance}). Events go in and answers come out as JSON, read
 * and written by the runtime client's own serialization.
 *
 * <p>Like Lambda: an instance starts at the first invocation that finds none free (a cold start),
 * then serves one invocation at a time and is reused; parallel invocations get more instances, up
 * to {@code maxInstances} per function (a concurrency limit: a request waits for a free one); a
 * timed-out invocation kills its instance; an instance is retired before its credentials expire.
 */
public final class LambdaRuntime implements AutoCloseable {
  /** Instances per function unless told otherwise ({@code BLOGHOME_LAMBDA_INSTANCES}). */
  public static final int DEFAULT_MAX_INSTANCES = 4;

  /**
   * How long a JVM may take to start and run init. Lambda allows 10 s (on-demand); a busy machine
   * with two cores needs more.
   */
  private static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);

  /** One running instance, as a test or {@code ps} sees it. */
  public record InstanceInfo(
      String function,
      String name,
      long pid,
      String commandLine,
      int restores,
      long requestsBeforeSnapshot,
      long restoreToFirstAnswerNanos) {}

  private final Map<String, Pool> pools = new LinkedHashMap<>();
  private final List<Path> runtimeClassPath;
  private final LocalCredentials credentials;

  private final Thread stopOnExit = new Thread(this::close, "lambda-runtime-stop");

  private LambdaRuntime(List<Path> runtimeClassPath, LocalCredentials credentials) {
    this.runtimeClassPath = runtimeClassPath;
    this.credentials = credentials;
    // The function JVMs end with this one however it ends short of SIGKILL (after which each
    // exits by itself once its Runtime API is gone).
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /**
   * A runtime for {@code functions} (their configuration and environment by logical id), on the
   * credentials of {@code credentials}.
   */
  public static LambdaRuntime create(
      SamTemplate template,
      Map<FunctionConfig, Map<String, String>> functions,
      LocalCredentials credentials,
      int maxInstances) {
    LambdaRuntime runtime = new LambdaRuntime(runtimeClientClassPath(template), credentials);
    functions.forEach(
        (config, env) -> {
          if (!Files.isRegularFile(config.jar())) {
            throw new LocalStackException(
                config.logicalId()
                    + ": its jar "
                    + config.jar()
                    + " is not built: run ./mvnw package first.");
          }
          runtime.pools.put(config.logicalId(), runtime.new Pool(config, env, maxInstances));
        });
    return runtime;
  }

  /** The instance cap from {@code BLOGHOME_LAMBDA_INSTANCES}, else the default. */
  public static int maxInstancesFromEnvironment() {
    String value = System.getenv("BLOGHOME_LAMBDA_INSTANCES");
    return value == null || value.isBlank()
        ? DEFAULT_MAX_INSTANCES
        : Integer.parseInt(value.strip());
  }

  /**
   * How many times its {@code Timeout} an invocation may run before it is timed out: 1 (Lambda's
   * rule) unless {@code bloghome.lambda.timeoutScale} or {@code BLOGHOME_LAMBDA_TIMEOUT_SCALE} says
   * otherwise (the tests allow 3 on a slow, shared machine).
   */
  static double timeoutScale() {
    String value = System.getProperty("bloghome.lambda.timeoutScale");
    if (value == null || value.isBlank()) {
      value = System.getenv("BLOGHOME_LAMBDA_TIMEOUT_SCALE");
    }
    return value == null || value.isBlank() ? 1 : Double.parseDouble(value.strip());
  }

  /** AWS's runtime client and its libraries, copied by the local-stack module's build. */
  static List<Path> runtimeClientClassPath(SamTemplate template) {
    Path dir = template.baseDir().resolve("local-stack/target/lambda-runtime");
    try (Stream<Path> jars = Files.list(dir)) {
      List<Path> out = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
      if (out.stream().noneMatch(p -> p.getFileName().toString().contains("interface-client"))) {
        throw new LocalStackException("no runtime interface client in " + dir);
      }
      return out;
    } catch (IOException e) {
      throw new LocalStackException(
          "AWS's Lambda runtime client is not in "
              + dir
              + ": build the local-stack module first (./mvnw package).",
          e);
    }
  }

  /** The functions this runtime runs, by logical id. */
  public List<String> functions() {
    return List.copyOf(pools.keySet());
  }

  /**
   * Invokes {@code function} synchronously with {@code eventJson}; its answer's JSON, or a {@link
   * FunctionError} when the handler threw, init failed or the invocation timed out.
   */
  public String invoke(String function, String eventJson) {
    Pool pool = pools.get(function);
    if (pool == null) {
      throw new LocalStackException("no function " + function + " in the local runtime");
    }
    return pool.invoke(eventJson.getBytes(StandardCharsets.UTF_8));
  }

  /** The running instances of every function. */
  public List<InstanceInfo> instances() {
    List<InstanceInfo> out = new ArrayList<>();
    pools.values().forEach(p -> out.addAll(p.infos()));
    return out;
  }

  /** Stops every instance of {@code function}: the next invocation is a cold start. */
  public void stopInstances(String function) {
    pools.get(function).stopAll();
  }

  @Override
  public void close() {
    pools.values().forEach(Pool::close);
    if (Thread.currentThread() != stopOnExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook is running or ran.
      }
    }
  }

  private final class Pool {
    private final FunctionConfig config;
    private final Map<String, String> environment;
    private final int maxInstances;
    private final Deque<FunctionInstance> idle = new ArrayDeque<>();
    private final List<FunctionInstance> all = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private int live;
    private boolean closed;

    Pool(FunctionConfig config, Map<String, String> environment, int maxInstances) {
      this.config = config;
      this.environment = Map.copyOf(environment);
      this.maxInstances = maxInstances;
    }

    String invoke(byte[] event) {
      FunctionInstance instance = acquire();
      boolean keep = false;
      try {
        Duration wait = Duration.ofMillis((long) (config.timeout().toMillis() * timeoutScale()));
        FunctionInstance.Result result = instance.invoke(event, wait, config.timeout());
        keep = instance.alive();
        return switch (result) {
          case FunctionInstance.Result.Answer a -> new String(a.body(), StandardCharsets.UTF_8);
          case FunctionInstance.Result.Failed f -> throw f.error();
        };
      } finally {
        release(instance, keep);
      }
    }

    private FunctionInstance acquire() {
      synchronized (this) {
        while (true) {
          if (closed) {
            throw new LocalStackException("the local runtime is stopped");
          }
          FunctionInstance free = idle.pollFirst();
          if (free != null) {
            if (free.alive() && !free.credentialsExpireWithin(config.timeout().plusMinutes(1))) {
              return free;
            }
            retire(free);
            continue;
          }
          if (live < maxInstances) {
            live++;
            break;
          }
          try {
            wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while waiting for " + config.logicalId(), e);
          }
        }
      }
      // A cold start, outside the lock: other requests may use the instances that are free.
      String name = config.logicalId() + "#" + started.incrementAndGet();
      try {
        FunctionInstance instance =
            FunctionInstance.start(
                name, config, environment, runtimeClassPath, credentials, INIT_TIMEOUT);
        synchronized (this) {
          all.add(instance);
        }
        return instance;
      } catch (RuntimeException e) {
        synchronized (this) {
          live--;
          notifyAll();
        }
        throw e;
      }
    }

    private synchronized void release(FunctionInstance instance, boolean keep) {
      if (keep && !closed) {
        idle.addFirst(instance);
      } else {
        retire(instance);
      }
      notifyAll();
    }

    /** Must hold the lock. */
    private void retire(FunctionInstance instance) {
      all.remove(instance);
      live--;
      instance.close();
    }

    synchronized List<InstanceInfo> infos() {
      return all.stream()
          .map(
              i ->
                  new InstanceInfo(
                      config.logicalId(),
                      i.name(),
                      i.pid(),
                      i.commandLine(),
                      i.restores(),
                      i.requestsBeforeSnapshot(),
                      i.restoreToFirstAnswerNanos()))
          .toList();
    }

    synchronized void stopAll() {
      for (FunctionInstance i : List.copyOf(idle)) {
        retire(i);
      }
      idle.clear();
      notifyAll();
    }

    /** Stops every instance, busy or not; invocations still waiting fail. */
    synchronized void close() {
      closed = true;
      for (FunctionInstance i : List.copyOf(all)) {
        i.close();
      }
      all.clear();
      idle.clear();
      notifyAll();
    }
  }
}
