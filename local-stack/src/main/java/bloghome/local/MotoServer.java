package bloghome.local;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * moto in server mode as a child process: the local DynamoDB-protocol endpoint.
 *
 * <p>Which Python: {@code BLOGHOME_PYTHON} when set, else the first of {@code python3} on the PATH,
 * pyenv's versions and {@code /usr/bin/python3} that can {@code import moto}.
 */
public final class MotoServer implements AutoCloseable {
  /**
   * moto's server with what the local stack adds (see {@code moto_server.py} beside this class):
   * DynamoDB's 38-digit numbers, serialised operations and item-level transaction rollback, as
   * DynamoDB behaves (moto 5.2.1 alone lets racing conditional writes both win, restores whole
   * tables over concurrent writes, and slows down with table size), and a watchdog that ends the
   * process when this JVM ends, however it ends.
   */
  private static final String WATCHED_MAIN = loadScript();

  private static String loadScript() {
    try (var in = MotoServer.class.getResourceAsStream("moto_server.py")) {
      if (in == null) {
        throw new IllegalStateException("moto_server.py is missing from the local-stack jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static final String INSTALL_HINT = "pip install \"moto[server]==5.2.1\"";

  private final Process process;
  private final int port;

  private MotoServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static MotoServer start(int requestedPort) {
    return start(requestedPort, Map.of());
  }

  /**
   * Starts moto with extra environment for the wrapper, e.g. {@code
   * BLOGHOME_DYNAMODB_ITEM_WRITE_LIMIT} (writes per second per item; off unless set, also when set
   * in this process's own environment).
   */
  public static MotoServer start(int requestedPort, Map<String, String> environment) {
    String python = findPython();
    Ports.requireFree(requestedPort, "the local DynamoDB (moto)");
    int port = requestedPort == 0 ? Ports.free() : requestedPort;
    Path log;
    try {
      log = Files.createTempFile("bloghome-moto-", ".log");
      log.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new LocalStackException(
          "Cannot create a temporary file for moto's log: " + e.getMessage(), e);
    }
    ProcessBuilder builder =
        new ProcessBuilder(python, "-c", WATCHED_MAIN, Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new LocalStackException("Cannot start moto with " + python + ": " + e.getMessage(), e);
    }
    MotoServer server = new MotoServer(process, port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "moto-stop"));
    server.awaitReady(Duration.ofSeconds(30), log);
    return server;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  private void awaitReady(Duration timeout, Path log) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new LocalStackException(
            "moto exited at start (exit " + process.exitValue() + "): " + tail(log));
      }
      try {
        HttpURLConnection c =
            (HttpURLConnection) endpoint().resolve("/moto-api/").toURL().openConnection();
        c.setConnectTimeout(200);
        c.setReadTimeout(1000);
        if (c.getResponseCode() > 0) {
          c.disconnect();
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      sleep(50);
    }
    close();
    throw new LocalStackException(
        "moto did not answer within " + timeout.toSeconds() + " s: " + tail(log));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  static String findPython() {
    List<String> candidates = new ArrayList<>();
    Optional.ofNullable(System.getenv("BLOGHOME_PYTHON"))
        .filter(s -> !s.isBlank())
        .ifPresent(
            p -> {
              if (!canImportMoto(p)) {
                throw new LocalStackException(
                    "BLOGHOME_PYTHON="
                        + p
                        + " cannot import moto: install it with "
                        + INSTALL_HINT);
              }
              candidates.add(p);
            });
    if (!candidates.isEmpty()) {
      return candidates.get(0);
    }
    candidates.add("python3");
    String home = System.getProperty("user.home");
    File versions = new File(home, ".pyenv/versions");
    File[] installed = versions.listFiles();
    if (installed != null) {
      Arrays.sort(installed, (a, b) -> b.getName().compareTo(a.getName()));
      for (File v : installed) {
        candidates.add(new File(v, "bin/python3").getPath());
      }
    }
    candidates.add(new File(home, ".pyenv/shims/python3").getPath());
    candidates.add("/usr/local/bin/python3");
    candidates.add("/usr/bin/python3");
    for (String candidate : candidates) {
      if (canImportMoto(candidate)) {
        return candidate;
      }
    }
    throw new LocalStackException(
        "No Python 3 with moto found (the local DynamoDB): install it with "
            + INSTALL_HINT
            + ", or set BLOGHOME_PYTHON to a python that has it.");
  }

  private static boolean canImportMoto(String python) {
    try {
      Process p =
          new ProcessBuilder(python, "-c", "import moto.server")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalStackException("Interrupted while waiting for moto");
    }
  }
}
