package bloghome.bench;

import bloghome.bench.probe.NoopHandler;
import bloghome.local.FunctionConfig;
import bloghome.local.LambdaRuntime;
import bloghome.local.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Cold starts as Lambda does them: each sample a fresh JVM started by the local Lambda runtime from
 * the function's jar through AWS's runtime interface client, timed from the invocation (no instance
 * running) to its answer read back through the Runtime API: JVM start, the client, init, the
 * event's JSON read by the client's serialization, the handler, the answer's JSON. The floor is the
 * no-op handler the same way. For SnapStart functions a second series runs the SnapStart sequence
 * (init, priming, the simulated restore) and times the restore to the first answer, what a user
 * waits for on AWS apart from the restore of the snapshot itself.
 */
final class RuntimeColdStart {
  private final Bench bench;

  RuntimeColdStart(Bench bench) {
    this.bench = bench;
  }

  void run(List<ColdSubject> subjects) throws IOException {
    List<ColdSubject> measured = new ArrayList<>();
    Map<String, FunctionConfig> configs = new LinkedHashMap<>();
    for (ColdSubject s : subjects) {
      if (s.id().contains("[")) {
        continue; // a --cold-variant: the probe's table has it
      }
      FunctionConfig config = config(s);
      if (config != null) {
        measured.add(s);
        configs.put(s.id(), config);
      }
    }
    Map<String, List<Long>> cold = new LinkedHashMap<>();
    Map<String, List<Long>> restore = new LinkedHashMap<>();
    Map<String, Integer> failed = new LinkedHashMap<>();
    measured.forEach(
        s -> {
          cold.put(s.id(), new ArrayList<>());
          restore.put(s.id(), new ArrayList<>());
          failed.put(s.id(), 0);
        });
    int rounds = bench.options.coldSamples();
    for (int round = 0; round < rounds; round++) {
      System.out.printf(
          "bench: cold start through the runtime client, round %d of %d%n", round + 1, rounds);
      for (ColdSubject s : measured) {
        FunctionConfig config = configs.get(s.id());
        sample(s, withSnapStart(config, false), cold.get(s.id()), failed);
        if (config.snapStart() || s.floor()) {
          sample(s, withSnapStart(config, true), restore.get(s.id()), failed);
        }
      }
    }
    write(measured, configs, cold, restore, failed);
  }

  private void sample(
      ColdSubject s, FunctionConfig config, List<Long> into, Map<String, Integer> failed) {
    String event;
    try {
      event = Files.readString(s.eventForSample().get());
    } catch (IOException e) {
      failed.merge(s.id(), 1, Integer::sum);
      return;
    }
    Map<String, String> env = new LinkedHashMap<>(s.env());
    long started = System.nanoTime();
    try (LambdaRuntime runtime =
        LambdaRuntime.create(
            bench.stack.template(), Map.of(config, env), bench.stack.credentials(), 1)) {
      String answer = runtime.invoke(config.logicalId(), event);
      long elapsed = System.nanoTime() - started;
      if (answer.contains("\"statusCode\":5")) {
        failed.merge(s.id(), 1, Integer::sum);
        return;
      }
      if (config.snapStart()) {
        long restored = runtime.instances().getFirst().restoreToFirstAnswerNanos();
        if (restored >= 0) {
          into.add(restored);
        }
      } else {
        into.add(elapsed);
      }
    } catch (RuntimeException e) {
      failed.merge(s.id(), 1, Integer::sum);
      bench.report.note(s.id() + ": a runtime cold-start sample failed: " + e.getMessage());
    }
  }

  private FunctionConfig config(ColdSubject s) throws IOException {
    if (s.floor()) {
      return new FunctionConfig(
          "floor",
          floorJar(s),
          NoopHandler.class.getName() + "::handleRequest",
          1024,
          Duration.ofSeconds(10),
          false);
    }
    SamTemplate template = bench.stack.template();
    return template.functions().stream()
        .filter(f -> f.logicalId().equals(s.id()))
        .findFirst()
        .map(f -> FunctionConfig.of(template, f))
        .orElse(null);
  }

  /** The floor's dependencies and the no-op handler in one jar, as a function's would be. */
  private Path floorJar(ColdSubject floor) throws IOException {
    Path jar = bench.work.resolve("floor-runtime.jar");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
      for (Path source : floor.classPath()) {
        try (ZipFile zip = new ZipFile(source.toFile())) {
          Enumeration<? extends ZipEntry> entries = zip.entries();
          while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            boolean wanted =
                source.equals(floor.classPath().getFirst())
                    || e.getName().equals(NoopHandler.class.getName().replace('.', '/') + ".class");
            if (!e.isDirectory() && wanted && !e.getName().startsWith("META-INF/")) {
              out.putNextEntry(new ZipEntry(e.getName()));
              try (InputStream in = zip.getInputStream(e)) {
                in.transferTo(out);
              }
              out.closeEntry();
            }
          }
        }
      }
    }
    return jar;
  }

  private static FunctionConfig withSnapStart(FunctionConfig c, boolean snapStart) {
    return new FunctionConfig(
        c.logicalId(), c.jar(), c.handler(), c.memoryMb(), c.timeout(), snapStart);
  }

  private void write(
      List<ColdSubject> measured,
      Map<String, FunctionConfig> configs,
      Map<String, List<Long>> cold,
      Map<String, List<Long>> restore,
      Map<String, Integer> failed) {
    double floor = median(cold.get("floor"));
    double floorRestore = median(restore.get("floor"));
    var table =
        bench.report.table(
            "Cold start through the Lambda runtime client",
            """
        As Lambda starts a function: the local Lambda runtime (docs/local-runtime.md) starts a JVM
        from the function's jar with AWS's runtime interface client and Lambda's JVM options for
        the function's memory, and the time runs from the invocation (no instance running) to its
        answer back through the Runtime API (%d rounds, subjects interleaved). The floor is the
        no-op handler packaged the same way. "restore to first answer": the same JVM started with
        AWS_LAMBDA_INITIALIZATION_TYPE=snap-start, its priming run, then the time from the
        simulated restore (the answer to /runtime/restore/next) to the first answer: the
        afterRestore hooks (fresh credentials), the poll and the request. The restore of a real
        snapshot is not in it (no CRaC here).
        """
                .formatted(bench.options.coldSamples()),
            "function",
            "memory",
            "samples (failed)",
            "cold start, median",
            "x floor",
            "restore to first answer, median",
            "x floor's");
    for (ColdSubject s : measured) {
      double c = median(cold.get(s.id()));
      double r = median(restore.get(s.id()));
      table.row(
          s.id(),
          configs.get(s.id()).memoryMb() + " MB",
          cold.get(s.id()).size() + " (" + failed.get(s.id()) + ")",
          Double.isNaN(c) ? "-" : Report.ms(c) + " ms",
          Double.isNaN(c) || Double.isNaN(floor) ? "-" : Report.ratio(c / floor),
          Double.isNaN(r) ? "-" : Report.ms(r) + " ms",
          Double.isNaN(r) || Double.isNaN(floorRestore) ? "-" : Report.ratio(r / floorRestore));
      if (!Double.isNaN(c)) {
        bench.report.figure(
            Report.Figure.plain(
                "cold-runtime",
                s.id(),
                "median",
                Report.num(c / 1e6, 1),
                "ms",
                cold.get(s.id()).size()));
      }
      if (!Double.isNaN(r)) {
        bench.report.figure(
            Report.Figure.plain(
                "restore",
                s.id(),
                "restore to first answer",
                Report.num(r / 1e6, 1),
                "ms",
                restore.get(s.id()).size()));
      }
    }
  }

  private static double median(List<Long> values) {
    if (values == null || values.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}
