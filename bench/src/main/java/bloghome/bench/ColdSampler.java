package bloghome.bench;

import bloghome.bench.probe.ColdProbe;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One cold-start sample: a fresh JVM running the probe on a subject's class path with only the
 * environment Lambda would set, timed from just before {@code ProcessBuilder.start} to the probe's
 * report of the first handled response.
 */
final class ColdSampler {
  /** What Lambda's Java runtime starts the JVM with, as far as start-up is concerned. */
  static final List<String> JVM_OPTIONS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

  /**
   * With an AOT cache: the same, except that the cache replaces CDS and JDK 25 refuses any -Xshare
   * with it.
   */
  static final List<String> AOT_JVM_OPTIONS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

  record Sample(boolean ok, long nanos, int classes, int status, String problem, long cpuNanos) {
    Sample(boolean ok, long nanos, int classes, int status, String problem) {
      this(ok, nanos, classes, status, problem, -1);
    }
  }

  private final Path work;
  private final Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");

  /**
   * @param work where the samples' standard error goes, one file per subject
   */
  ColdSampler(Path work) {
    this.work = work;
  }

  static List<String> aotOptions(String... flags) {
    List<String> options = new ArrayList<>(AOT_JVM_OPTIONS);
    options.addAll(List.of(flags));
    return options;
  }

  Sample sample(ColdSubject s, List<String> jvmOptions) {
    Path event = s.eventForSample().get();
    List<String> command = new ArrayList<>();
    command.add(javaBinary.toString());
    command.addAll(jvmOptions);
    command.addAll(s.jvm());
    command.add("-cp");
    command.add(
        String.join(File.pathSeparator, s.classPath().stream().map(Path::toString).toList()));
    command.add(ColdProbe.class.getName());
    command.add(s.handlerClass());
    command.add(event.toString());
    command.add(s.accepted());
    ProcessBuilder builder = new ProcessBuilder(command);
    // Only what Lambda would set: no credentials or JAVA_TOOL_OPTIONS leak in from this shell.
    builder.environment().clear();
    builder.environment().putAll(s.env());
    Path log = work.resolve("cold-" + s.fileName() + ".stderr");
    builder.redirectError(log.toFile());
    long started = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new Sample(false, 0, 0, 0, "cannot start java: " + e.getMessage());
    }
    String probeLine = null;
    long readAt = 0;
    ArrayDeque<String> lastLines = new ArrayDeque<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("PROBE ") && probeLine == null) {
          readAt = System.nanoTime();
          probeLine = line;
        } else {
          // The JVM reports start-up errors on standard output; keep the end for the notes.
          lastLines.addLast(line);
          if (lastLines.size() > 3) {
            lastLines.removeFirst();
          }
        }
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Sample(false, 0, 0, 0, "the probe did not exit within 60 s");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return new Sample(false, 0, 0, 0, "interrupted");
    }
    if (probeLine == null) {
      return new Sample(
          false,
          0,
          0,
          0,
          "exit "
              + process.exitValue()
              + ", no probe line; stdout: "
              + String.join(" / ", lastLines)
              + "; "
              + tail(log));
    }
    Map<String, String> fields = new HashMap<>();
    for (String part : probeLine.substring(6).split(" ")) {
      int eq = part.indexOf('=');
      fields.put(part.substring(0, eq), part.substring(eq + 1));
    }
    int status = Integer.parseInt(fields.get("status"));
    if (!"true".equals(fields.get("ok"))) {
      return new Sample(false, 0, 0, status, "the handler answered " + status + "; " + tail(log));
    }
    long responded = Long.parseLong(fields.get("respondedAtNanos"));
    // Same monotonic clock on Linux; elsewhere fall back to when this process read the line.
    long nanos =
        responded > started && responded <= readAt ? responded - started : readAt - started;
    long cpu = Long.parseLong(fields.getOrDefault("cpuNanos", "-1"));
    return new Sample(true, nanos, Integer.parseInt(fields.get("classes")), status, null, cpu);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> last = lines.subList(Math.max(0, lines.size() - 3), lines.size());
      return "stderr: " + String.join(" / ", last);
    } catch (IOException e) {
      return "no stderr";
    }
  }
}
