package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.Ports;
import bloghome.local.SamTemplate;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The run command as a developer uses it: it comes up, serves a route, and SIGTERM leaves nothing
 * behind.
 */
class LocalMainProcessIT {
  private static final String RUNTIME_CLIENT_MAIN =
      "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void runCommand_servesTheApi_seedsTheDemoBlog_andStopsEveryProcessItStarted_onSigterm()
      throws Exception {
    int port = Ports.free();
    // bin/run-local itself, as the README says, reusing this build's class path.
    Path root = SamTemplate.locate().getParent();
    ProcessBuilder builder =
        new ProcessBuilder("bash", "bin/run-local")
            .directory(root.toFile())
            .redirectErrorStream(true);
    builder.environment().put("BLOGHOME_SKIP_BUILD", "1");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("BLOGHOME_API_PORT", Integer.toString(port));
    Process process = builder.start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      String line;
      while ((line = out.readLine()) != null && !line.contains("is up")) {
        seen.append(line).append('\n');
      }
      assertThat(line).as("start-up output:\n" + seen).isNotNull();
      assertThat(seen.toString())
          .doesNotContain("sun.misc.Unsafe")
          .doesNotContain("unbound variable")
          .contains("Demo blog: http://127.0.0.1:" + port + "/u/demo");
      List<ProcessHandle> children = process.descendants().toList();
      assertThat(children).as("the moto child process").isNotEmpty();

      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/users/nobody/posts"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"items\":[]");

      // the demo blog arrives in the background, through the API
      String seeded;
      while ((seeded = out.readLine()) != null
          && !seeded.startsWith("Demo blog ready")
          && !seeded.contains("seeding failed")) {
        seen.append(seeded).append('\n');
      }
      assertThat(seeded).as("output:\n" + seen).startsWith("Demo blog ready");
      HttpResponse<String> demo =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + "/users/demo/posts?limit=1"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(demo.body()).contains("\"total\":45");
      // What ps shows: one JVM per function instance, from the function's jar through AWS's
      // runtime client (seeding used at least the manage, skins and validator functions).
      List<ProcessHandle> functionJvms =
          process
              .descendants()
              .filter(p -> p.info().commandLine().orElse("").contains(RUNTIME_CLIENT_MAIN))
              .toList();
      assertThat(functionJvms)
          .extracting(p -> p.info().commandLine().orElse(""))
          .hasSizeGreaterThanOrEqualTo(3)
          .allMatch(c -> c.contains("aws-lambda-java-runtime-interface-client-2.10.1.jar"))
          .anyMatch(c -> c.contains("functions/manage/target/lambda/manage.jar"))
          .anyMatch(c -> c.contains("functions/skin-validator/target/lambda/skin-validator.jar"));

      process.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the JVM runs its shutdown hooks
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      for (ProcessHandle child : functionJvms) {
        child.onExit().get(10, TimeUnit.SECONDS);
        assertThat(child.isAlive()).as("function JVM " + child.pid()).isFalse();
      }
      for (ProcessHandle child : children) {
        child.onExit().get(10, TimeUnit.SECONDS);
        assertThat(child.isAlive()).as("child " + child.pid()).isFalse();
      }
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void runCommand_refusesAnUnknownOption_beforeStartingAnything() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process process =
        new ProcessBuilder(java, "-cp", classpath, LocalMain.class.getName(), "--no-sed")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output).contains("unknown option --no-sed").contains("--no-seed");
  }

  @Test
  void runCommand_failsWithOneClearLine_whenThePortIsTaken() throws Exception {
    try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String classpath =
          System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      ProcessBuilder builder =
          new ProcessBuilder(java, "-cp", classpath, LocalMain.class.getName())
              .redirectErrorStream(true);
      builder.environment().put("BLOGHOME_API_PORT", Integer.toString(taken.getLocalPort()));
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isEqualTo(2);
      assertThat(output).contains("Port " + taken.getLocalPort()).contains("already in use");
    }
  }
}
