package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.local.FunctionConfig;
import bloghome.local.FunctionError;
import bloghome.local.LambdaRuntime;
import bloghome.local.LocalCredentials;
import bloghome.local.LocalStack;
import bloghome.local.SamTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The functions on the local Lambda runtime: their own JVMs from their jars through AWS's runtime
 * client, the environment Lambda gives (SnapStart: container credentials only), and Lambda's
 * answers to a timeout and to a failed init.
 */
class LambdaRuntimeIT {
  private static RunningSystem system;
  private static Http http;
  private static final SamTemplate TEMPLATE = SamTemplate.load();

  @BeforeAll
  static void start() {
    system = RunningSystem.start(new LocalStack.Config("runtime", 0, 0, 0, List.of()));
    http = new Http(system.apiUrl());
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void snapStartFunctions_writeAndReadTheTable_withOnlyTheContainerCredentialsEndpoint()
      throws IOException {
    String token = system.tokens().mint("rt-alice", List.of(), Duration.ofMinutes(10));

    Http.Reply put =
        http.send("PUT", "/users/rt-alice", token, Map.of("displayName", "Alice on Lambda"));
    Http.Reply get = http.send("GET", "/users/rt-alice", null, null);

    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(get.status()).as(get.body()).isEqualTo(200);
    assertThat(get.json().get("displayName")).isEqualTo("Alice on Lambda");
    for (String function : List.of("ManageFunction", "ListingFunction")) {
      LambdaRuntime.InstanceInfo instance =
          system.runtime().instances().stream()
              .filter(i -> i.function().equals(function))
              .findFirst()
              .orElseThrow();
      List<String> environment = environment(instance.pid());
      assertThat(environment)
          .as(function + " environment")
          .contains("AWS_LAMBDA_INITIALIZATION_TYPE=snap-start", "TZ=:UTC")
          .anyMatch(v -> v.startsWith("AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:"))
          .anyMatch(v -> v.startsWith("AWS_CONTAINER_AUTHORIZATION_TOKEN="))
          .noneMatch(v -> v.startsWith("AWS_ACCESS_KEY_ID="))
          .noneMatch(v -> v.startsWith("AWS_SECRET_ACCESS_KEY="));
      assertThat(instance.commandLine())
          .as(function + " command line")
          .contains("com.amazonaws.services.lambda.runtime.api.client.AWSLambda")
          .contains("aws-lambda-java-runtime-interface-client-2.10.1.jar")
          .contains("target/lambda/" + (function.equals("ManageFunction") ? "manage" : "listing"));
    }
  }

  @Test
  void aTimedOutInvocation_failsAsLambdaReportsIt_andItsInstanceIsReplaced() {
    FunctionConfig listing = withTimeout(config("ListingFunction"), Duration.ofMillis(1));
    try (LambdaRuntime runtime = runtime(listing, listingEnvironment())) {
      assertThatThrownBy(() -> runtime.invoke("ListingFunction", getProfileEvent()))
          .isInstanceOfSatisfying(
              FunctionError.class,
              e -> {
                assertThat(e.errorType()).isEqualTo("Sandbox.Timedout");
                assertThat(e.payload()).contains("Task timed out after 0.00 seconds");
              });
      assertThat(runtime.instances()).isEmpty();
    }
  }

  @Test
  void aFailedInit_isTheInvocationsError() {
    Map<String, String> withoutTable = new HashMap<>(listingEnvironment());
    withoutTable.remove("TABLE_NAME");
    try (LambdaRuntime runtime = runtime(config("ListingFunction"), withoutTable)) {
      assertThatThrownBy(() -> runtime.invoke("ListingFunction", getProfileEvent()))
          .isInstanceOfSatisfying(
              FunctionError.class,
              e -> assertThat(e.payload()).contains("TABLE_NAME").contains("errorType"));
      assertThat(runtime.instances()).isEmpty();
    }
  }

  private static FunctionConfig config(String logicalId) {
    SamTemplate.FunctionDef def =
        TEMPLATE.functions().stream()
            .filter(f -> f.logicalId().equals(logicalId))
            .findFirst()
            .orElseThrow();
    FunctionConfig config = FunctionConfig.of(TEMPLATE, def);
    // No SnapStart: these tests are about the invocation, not the priming.
    return new FunctionConfig(
        config.logicalId(),
        config.jar(),
        config.handler(),
        config.memoryMb(),
        config.timeout(),
        false);
  }

  private static FunctionConfig withTimeout(FunctionConfig c, Duration timeout) {
    return new FunctionConfig(
        c.logicalId(), c.jar(), c.handler(), c.memoryMb(), timeout, c.snapStart());
  }

  private static Map<String, String> listingEnvironment() {
    return Map.of(
        "AWS_LAMBDA_FUNCTION_NAME", "runtime-ListingFunction",
        "AWS_REGION", LocalStack.REGION,
        "TABLE_NAME", "nothing",
        "CURSOR_SIGNING_KEY", "0123456789abcdef0123456789abcdef",
        "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9");
  }

  private static LambdaRuntime runtime(FunctionConfig config, Map<String, String> env) {
    return LambdaRuntime.create(
        TEMPLATE, Map.of(config, env), new LocalCredentials(Clock.systemUTC()), 1);
  }

  private static String getProfileEvent() {
    try {
      return Files.readString(TEMPLATE.baseDir().resolve("events/httpapi-get-profile.json"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void eachInstance_loadsTheRuntimeClientsNativeLibrary_fromItsOwnTemporaryDirectory()
      throws IOException {
    // Several instances at once: on Lambda each has a /tmp of its own; here a shared
    // /tmp/.libaws-lambda-jni.so was overwritten by one JVM while another mapped it (SIGBUS).
    List<Thread> readers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread reader = Thread.ofPlatform().start(() -> http.send("GET", "/u/rt-nobody", null, null));
      readers.add(reader);
    }
    for (Thread reader : readers) {
      try {
        reader.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    List<LambdaRuntime.InstanceInfo> instances =
        system.runtime().instances().stream()
            .filter(i -> Files.exists(Path.of("/proc", Long.toString(i.pid()), "maps")))
            .toList();
    assertThat(instances).filteredOn(i -> i.function().equals("PageFunction")).isNotEmpty();
    Set<String> libraries = new HashSet<>();
    for (LambdaRuntime.InstanceInfo instance : instances) {
      List<String> mapped =
          Files.readAllLines(Path.of("/proc", Long.toString(instance.pid()), "maps")).stream()
              .filter(line -> line.endsWith(".libaws-lambda-jni.so"))
              .map(line -> line.substring(line.indexOf('/')))
              .distinct()
              .toList();
      assertThat(mapped).as(instance.function() + " native client").hasSize(1);
      assertThat(mapped.get(0)).isNotEqualTo("/tmp/.libaws-lambda-jni.so");
      libraries.add(mapped.get(0));
    }
    assertThat(libraries).as("one copy per instance").hasSize(instances.size());
  }

  /** A process's environment as Linux shows it. */
  private static List<String> environment(long pid) throws IOException {
    byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
    return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
  }
}
