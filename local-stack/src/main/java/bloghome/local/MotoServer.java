package bloghome.local;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * moto in server mode as a child process: the local DynamoDB-protocol endpoint.
 *
 * <p>Which Python: {@code BLOGHOME_PYTHON} when set, else the first of {@code python3} on the
 * PATH, pyenv's versions and {@code /usr/bin/python3} that can {@code import moto}.
 */
public final class MotoServer implements AutoCloseable {
  /**
   * Runs moto's server with two additions.
   *
   * <p>A lock around every operation of moto's DynamoDB backend: moto 5.2.1 does not serialise
   * requests, so racing conditional writes could both win and a failed transaction restored a
   * stale copy of the table over writes committed meanwhile (checked: 200 committed transactions
   * left a counter at 158). DynamoDB itself serialises writes to an item and isolates
   * transactions; with the lock the emulator does too (200 of 200), which the exactness tests of
   * this project rely on.
   *
   * <p>Numbers with DynamoDB's 38 digits of precision: Python's default of 28 rounded an
   * {@code ADD} on a 38-digit number.
   *
   * <p>A watchdog that exits as soon as standard input closes, which happens when this JVM ends
   * in any way (even killed), so no emulator outlives the stack.
   */
  private static final String WATCHED_MAIN = String.join("\n",
      "import decimal, inspect, os, sys, threading",
      "decimal.DefaultContext.prec = 38",
      "decimal.setcontext(decimal.Context(prec=38))",
      "from moto.dynamodb.models import DynamoDBBackend",
      "_lock = threading.RLock()",
      "def _serialised(f):",
      "    def run(*args, **kwargs):",
      "        with _lock:",
      "            return f(*args, **kwargs)",
      "    run.__name__ = f.__name__",
      "    return run",
      "for _name, _value in list(DynamoDBBackend.__dict__.items()):",
      "    if inspect.isfunction(_value) and not _name.startswith('_'):",
      "        setattr(DynamoDBBackend, _name, _serialised(_value))",
      "def watch():",
      "    sys.stdin.read()",
      "    os._exit(0)",
      "threading.Thread(target=watch, daemon=True).start()",
      "from moto.server import main",
      "main(['-H', '127.0.0.1', '-p', sys.argv[1]])");
  static final String INSTALL_HINT = "pip install \"moto[server]==5.2.1\"";

  private final Process process;
  private final int port;

  private MotoServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static MotoServer start(int requestedPort) {
    String python = findPython();
    Ports.requireFree(requestedPort, "the local DynamoDB (moto)");
    int port = requestedPort == 0 ? Ports.free() : requestedPort;
    Path log;
    try {
      log = Files.createTempFile("bloghome-moto-", ".log");
      log.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new LocalStackException("Cannot create a temporary file for moto's log: " + e.getMessage(), e);
    }
    ProcessBuilder builder =
        new ProcessBuilder(python, "-c", WATCHED_MAIN, Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
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
        HttpURLConnection c = (HttpURLConnection) endpoint().resolve("/moto-api/").toURL().openConnection();
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
    throw new LocalStackException("moto did not answer within " + timeout.toSeconds() + " s: " + tail(log));
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
    Optional.ofNullable(System.getenv("BLOGHOME_PYTHON")).filter(s -> !s.isBlank()).ifPresent(p -> {
      if (!canImportMoto(p)) {
        throw new LocalStackException(
            "BLOGHOME_PYTHON=" + p + " cannot import moto: install it with " + INSTALL_HINT);
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
      java.util.Arrays.sort(installed, (a, b) -> b.getName().compareTo(a.getName()));
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
