package bloghome.bench;

import bloghome.bench.probe.ColdProbe;
import bloghome.bench.probe.NoopHandler;
import bloghome.ids.Ids;
import bloghome.local.SamTemplate;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Cold start per function: a fresh JVM per sample whose class path is only the function's shaded
 * jar and the probe, timed from just before {@code ProcessBuilder.start} to the first handled
 * response of the real handler; beside it the floor (a no-op handler, same JVM options, same event
 * parsing) and, optionally, the same runs with a JDK AOT cache.
 */
final class ColdStart {
  /** What Lambda's Java runtime starts the JVM with, as far as start-up is concerned. */
  static final List<String> JVM_OPTIONS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

  /**
   * With an AOT cache: the same, except that the cache replaces CDS and JDK 25 refuses any -Xshare
   * with it.
   */
  static final List<String> AOT_JVM_OPTIONS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

  /**
   * Routes tried first, in this order, for a function's cold-start request: reads of seeded data,
   * then idempotent writes, then the pages (a home page, a post page), whose events are derived
   * from a public GET sample when events/ has none of their own.
   */
  static final List<String> PREFERRED_ROUTES =
      List.of(
          "GET /users/{userId}/posts",
          "GET /posts/{postId}",
          "GET /users/{userId}",
          "POST /posts/{postId}/views",
          "GET /posts/{postId}/comments",
          "GET /users/{userId}/skin",
          "PUT /users/{userId}",
          "GET /u/{userId}",
          "GET /p/{postId}");

  static final String VIEWS_ROUTE = "POST /posts/{postId}/views";

  /** Cold-start visitors' addresses start here, clear of the views section's (one per request). */
  static final int COLD_VISITORS_FROM = 100_000;

  private record Subject(
      String id,
      String route,
      List<Path> classPath,
      String handlerClass,
      Map<String, String> env,
      Supplier<Path> eventForSample,
      String accepted,
      long artifactBytes,
      boolean floor,
      List<String> jvm) {

    /** The same function with a lever of {@code --cold-variant} applied. */
    Subject with(Options.ColdVariant v) {
      List<Path> path = new ArrayList<>(classPath);
      long bytes = artifactBytes;
      if (v.jarDir() != null) {
        Path other = v.jarDir().resolve(classPath.getFirst().getFileName());
        if (!Files.isRegularFile(other)) {
          throw new IllegalArgumentException(
              "--cold-variant "
                  + v.label()
                  + ": no "
                  + other
                  + " (name the functions it has with fns=)");
        }
        path.set(0, other);
        bytes = size(other);
      }
      Map<String, String> environment = new LinkedHashMap<>(env);
      environment.putAll(v.env());
      return new Subject(
          id + " [" + v.label() + "]",
          route,
          List.copyOf(path),
          handlerClass,
          environment,
          eventForSample,
          accepted,
          bytes,
          false,
          v.jvm());
    }

    String fileName() {
      return id.replaceAll("[^A-Za-z0-9_-]+", "_");
    }
  }

  /** Targets of issue 14: every API function at most this many times the floor ... */
  static final double TARGET_PLAIN = 7.0;

  /** ... and at most this many times the floor with an AOT cache. */
  static final double TARGET_AOT = 3.0;

  private record Sample(
      boolean ok, long nanos, int classes, int status, String problem, long cpuNanos) {
    Sample(boolean ok, long nanos, int classes, int status, String problem) {
      this(ok, nanos, classes, status, problem, -1);
    }
  }

  private static final class Series {
    final Samples times = new Samples();
    final Samples cpu = new Samples();
    final List<Integer> classes = new ArrayList<>();
    final TreeSet<Integer> statuses = new TreeSet<>();
    int failures;
    String lastProblem;

    void add(Sample s) {
      if (s.ok()) {
        times.add(s.nanos());
        if (s.cpuNanos() >= 0) {
          cpu.add(s.cpuNanos());
        }
        classes.add(s.classes());
        statuses.add(s.status());
      } else {
        failures++;
        lastProblem = s.problem();
      }
    }

    int medianClasses() {
      List<Integer> sorted = classes.stream().sorted().toList();
      return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }
  }

  private final Bench bench;
  private final String postId;
  private final Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");

  ColdStart(Bench bench, String postId) {
    this.bench = bench;
    this.postId = postId;
  }

  void run() throws IOException, InterruptedException {
    Path probe = bench.options.probeJar();
    if (probe == null || !Files.isRegularFile(probe)) {
      bench.report.note(
          "Cold start not measured: the probe jar is missing (run bin/bench, which builds it).");
      return;
    }
    List<Subject> subjects = new ArrayList<>();
    for (Bench.Fn fn : bench.functions) {
      if (fn.hasJar()) {
        subject(fn, probe).ifPresent(subjects::add);
      }
    }
    if (subjects.isEmpty()) {
      bench.report.note(
          "Cold start not measured: no function jar with its handler class was found.");
      return;
    }
    subjects.addFirst(floor(subjects.getFirst(), probe));
    List<Subject> variants = new ArrayList<>();
    for (Options.ColdVariant v : bench.options.coldVariants()) {
      subjects.stream()
          .filter(s -> !s.floor() && v.covers(s.id()))
          .map(s -> s.with(v))
          .forEach(variants::add);
    }
    subjects.addAll(variants);

    Map<String, Path> caches = new LinkedHashMap<>();
    if (bench.options.aot()) {
      for (Subject s : subjects) {
        Path cache = bench.work.resolve(s.fileName() + ".aot");
        Files.deleteIfExists(cache);
        Sample training = sample(s, aotOptions("-XX:AOTCacheOutput=" + cache));
        if (training.ok() && Files.isRegularFile(cache)) {
          caches.put(s.id(), cache);
        } else {
          bench.report.note(
              "AOT cache for "
                  + s.id()
                  + " not made: "
                  + (training.ok() ? "the training run wrote no cache" : training.problem()));
        }
      }
    }

    Map<String, Series> plain = new LinkedHashMap<>();
    Map<String, Series> aot = new LinkedHashMap<>();
    subjects.forEach(
        s -> {
          plain.put(s.id(), new Series());
          aot.put(s.id(), new Series());
        });
    int rounds = bench.options.coldSamples();
    for (int round = 0; round < rounds; round++) {
      System.out.printf("bench: cold start round %d of %d%n", round + 1, rounds);
      // Interleaved, so drift on a shared machine lands on every subject alike.
      for (Subject s : subjects) {
        plain.get(s.id()).add(sample(s, JVM_OPTIONS));
        Path cache = caches.get(s.id());
        if (cache != null) {
          aot.get(s.id()).add(sample(s, aotOptions("-XX:AOTMode=on", "-XX:AOTCache=" + cache)));
        }
      }
    }
    table(subjects, plain, aot, caches);
  }

  private Optional<Subject> subject(Bench.Fn fn, Path probe) {
    if (!fn.def().s3Triggers().isEmpty()) {
      if (bench.events.s3File().isEmpty()) {
        bench.report.note(fn.id() + ": no S3 sample in events/, so no cold-start run.");
        return Optional.empty();
      }
      Supplier<Path> event = () -> s3Event(fn);
      return Optional.of(
          new Subject(
              fn.id(),
              "S3 " + bench.events.s3File().get().getFileName(),
              List.of(fn.jar(), probe),
              fn.def().handlerClass(),
              bench.environment(fn),
              event,
              "2xx",
              size(fn.jar()),
              false,
              List.of()));
    }
    String route = coldRoute(fn.def().routes(), bench.events).orElse(null);
    if (route == null) {
      bench.report.note(
          fn.id()
              + ": none of its routes has a sample in events/ (nor is a public GET route"
              + " one can be derived for), so no cold-start run.");
      return Optional.empty();
    }
    Path file = bench.work.resolve("cold-" + fn.id() + ".json");
    EventCatalog.write(httpEvent(route), file);
    Supplier<Path> event = () -> file;
    if (route.equals(VIEWS_ROUTE)) {
      // A new visitor per sample: a cold start's view is a first view, not a repeat of the last
      // sample's (which meets the view marker's condition and takes the SDK's exception path).
      AtomicInteger visitors = new AtomicInteger(COLD_VISITORS_FROM);
      event =
          () -> {
            Map<String, Object> fresh = httpEvent(route);
            int v = visitors.getAndIncrement();
            EventCatalog.visitor(fresh, ViewsThroughput.visitorIp(v), ViewsThroughput.browser(v));
            EventCatalog.write(fresh, file);
            return file;
          };
    }
    // No skin is seeded, so its absence (404) is a handled answer there, and only there.
    String accepted = route.contains("/skin") ? "2xx,404" : "2xx";
    return Optional.of(
        new Subject(
            fn.id(),
            route,
            List.of(fn.jar(), probe),
            fn.def().handlerClass(),
            bench.environment(fn),
            event,
            accepted,
            size(fn.jar()),
            false,
            List.of()));
  }

  /**
   * The route a function's cold start is measured on: the first preferred route it serves that has
   * a sample, else any of its routes with a sample, else the first preferred public GET route it
   * serves (a page), else any public GET route of it, for which an event is derived.
   */
  static Optional<String> coldRoute(List<SamTemplate.HttpRoute> routes, EventCatalog events) {
    List<String> keys = routes.stream().map(SamTemplate.HttpRoute::routeKey).toList();
    List<String> ordered =
        new ArrayList<>(PREFERRED_ROUTES.stream().filter(keys::contains).toList());
    keys.stream().filter(key -> !ordered.contains(key)).forEach(ordered::add);
    Optional<String> sampled =
        ordered.stream().filter(key -> events.fileFor(key).isPresent()).findFirst();
    if (sampled.isPresent()) {
      return sampled;
    }
    return ordered.stream()
        .filter(
            key ->
                routes.stream()
                    .anyMatch(
                        r -> r.routeKey().equals(key) && events.canMake(key, r.requiresToken())))
        .findFirst();
  }

  /** The route's sample (or derived) event with the seeded post and author in its path. */
  Map<String, Object> httpEvent(String route) {
    Map<String, Object> event = bench.events.httpOrDerived(route);
    boolean derived = bench.events.fileFor(route).isEmpty();
    Map<String, String> params = new HashMap<>();
    if (route.contains("{postId}")) {
      params.put("postId", postId);
    }
    if (route.contains("{userId}") && derived) {
      params.put("userId", Seed.AUTHOR);
    }
    if (route.contains("{userId}") && EventCatalog.hasCaller(event)) {
      // Owner routes need the caller to be the user in the path.
      params.put("userId", Seed.AUTHOR);
      EventCatalog.caller(event, Seed.AUTHOR);
    }
    EventCatalog.pathParameters(event, params);
    return event;
  }

  /** A fresh upload per sample: the validator consumes (deletes or moves) what it checked. */
  private Path s3Event(Bench.Fn fn) {
    String prefix = fn.def().s3Triggers().getFirst().prefix();
    SkinImages.Case column = SkinImages.column();
    String key = prefix + Seed.AUTHOR + "/column/" + Ids.newId("u") + "/column.png";
    bench
        .stack
        .s3()
        .putObject(
            r -> r.bucket(bench.bucketName).key(key).contentType("image/png"),
            RequestBody.fromBytes(column.bytes()));
    Map<String, Object> event = bench.events.s3();
    EventCatalog.s3Object(event, bench.bucketName, key, column.bytes().length);
    Path file = bench.work.resolve("cold-" + fn.id() + ".json");
    EventCatalog.write(event, file);
    return file;
  }

  /**
   * The floor: the no-op handler with the event of the first function, on a class path of the probe
   * and only the classes the event parsing needs (core's Json, Lambda core and events), taken from
   * that function's jar.
   */
  private Subject floor(Subject first, Path probe) throws IOException {
    Path jar = bench.work.resolve("floor-deps.jar");
    try (ZipFile source = new ZipFile(first.classPath().getFirst().toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
      Enumeration<? extends ZipEntry> entries = source.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        String name = e.getName();
        if (!e.isDirectory()
            && (name.startsWith("bloghome/json/")
                || name.startsWith("com/amazonaws/services/lambda/runtime/"))) {
          out.putNextEntry(new ZipEntry(name));
          try (InputStream in = source.getInputStream(e)) {
            in.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }
    return new Subject(
        "floor",
        first.route(),
        List.of(jar, probe),
        NoopHandler.class.getName(),
        first.env(),
        first.eventForSample(),
        "2xx",
        size(jar),
        true,
        List.of());
  }

  private static List<String> aotOptions(String... flags) {
    List<String> options = new ArrayList<>(AOT_JVM_OPTIONS);
    options.addAll(List.of(flags));
    return options;
  }

  private Sample sample(Subject s, List<String> jvmOptions) {
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
    Path log = bench.work.resolve("cold-" + s.fileName() + ".stderr");
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

  private void table(
      List<Subject> subjects,
      Map<String, Series> plain,
      Map<String, Series> aot,
      Map<String, Path> caches) {
    Series floor = plain.get("floor");
    Series floorAot = aot.get("floor");
    boolean haveFloor = floor.times.size() > 0;
    var table =
        bench.report.table(
            "Cold start",
            """
        A fresh JVM per sample (%d rounds, subjects interleaved), options `%s` (with an AOT
        cache: `%s` plus the cache flags, as JDK 25 allows no `-Xshare` beside it), class path = the
        function's shaded jar + the probe jar. Time = from just before the process starts to the
        first handled response of the real handler (production constructor, pointed at the local
        stack). The floor is a no-op handler with the same options and the same event parsing.
        Ratios are to the floor of this run (without AOT cache), so machine drift cancels out.
        CPU time is the probe process's (all its threads) at the response, less sensitive than the
        wall clock to other work on the machine.
        Targets (issue 14): each API function <= %s the floor without a cache and <= %s with
        the AOT cache (the S3-triggered validator is judged the same way, for information). Rows
        with a label in brackets are the same function with one lever applied (`--cold-variant`).
        """
                .formatted(
                    bench.options.coldSamples(),
                    String.join(" ", JVM_OPTIONS),
                    String.join(" ", AOT_JVM_OPTIONS),
                    Report.ratio(TARGET_PLAIN),
                    Report.ratio(TARGET_AOT)),
            "function",
            "request",
            "jar size",
            "samples (failed)",
            "median",
            "x floor",
            "CPU time (x floor's)",
            "classes loaded",
            "median with AOT cache",
            "x floor",
            "AOT speed-up",
            "target <= 7x floor",
            "target <= 3x floor with AOT cache");
    for (Subject s : subjects) {
      Series p = plain.get(s.id());
      Series a = aot.get(s.id());
      String samples = p.times.size() + (p.failures > 0 ? " (" + p.failures + " failed)" : "");
      if (p.failures > 0) {
        bench.report.note(
            s.id() + ": " + p.failures + " cold-start samples failed, last: " + p.lastProblem);
      }
      if (a.failures > 0) {
        bench.report.note(
            s.id() + ": " + a.failures + " AOT cold-start samples failed, last: " + a.lastProblem);
      }
      String median = p.times.size() == 0 ? "n/a" : Report.ms(p.times.median()) + " ms";
      String ratio =
          haveFloor && p.times.size() > 0
              ? Report.ratio(p.times.median() / floor.times.median())
              : "n/a";
      String aotMedian =
          a.times.size() == 0
              ? (caches.containsKey(s.id()) ? "failed" : "n/a")
              : Report.ms(a.times.median()) + " ms";
      String aotRatio =
          haveFloor && a.times.size() > 0
              ? Report.ratio(a.times.median() / floor.times.median())
              : "n/a";
      String speedUp =
          p.times.size() > 0 && a.times.size() > 0
              ? Report.ratio(p.times.median() / a.times.median())
              : "n/a";
      String verdict = s.floor() ? "baseline" : verdict(haveFloor ? floor : null, p, TARGET_PLAIN);
      String aotVerdict = s.floor() ? "baseline" : verdict(haveFloor ? floor : null, a, TARGET_AOT);
      String name = s.floor() ? "floor (no-op handler)" : s.id();
      boolean http = !s.route().startsWith("S3 ");
      table.row(
          name,
          "`" + s.route() + "`" + (s.floor() || !http ? "" : " → " + p.statuses),
          Report.bytes(s.artifactBytes()),
          samples,
          median,
          ratio,
          cpu(p, floor),
          p.medianClasses(),
          aotMedian,
          aotRatio,
          speedUp,
          verdict,
          aotVerdict);
      bench.report.figure(
          new Report.Figure(
              "cold",
              s.id(),
              "median",
              ms(p),
              "ms",
              p.times.size(),
              "floor",
              ratio,
              "<=7x floor",
              verdict));
      bench.report.figure(
          new Report.Figure(
              "cold",
              s.id(),
              "cpu_median",
              p.cpu.size() == 0 ? "" : Report.num(Samples.millis(p.cpu.median()), 2),
              "ms",
              p.cpu.size(),
              "",
              "",
              "",
              ""));
      bench.report.figure(
          new Report.Figure(
              "cold",
              s.id(),
              "classes_loaded",
              Integer.toString(p.medianClasses()),
              "classes",
              p.times.size(),
              "",
              "",
              "",
              ""));
      bench.report.figure(
          new Report.Figure(
              "cold",
              s.id(),
              "jar_size",
              Long.toString(s.artifactBytes()),
              "bytes",
              1,
              "",
              "",
              "",
              ""));
      bench.report.figure(
          new Report.Figure(
              "cold",
              s.id(),
              "median_aot",
              ms(a),
              "ms",
              a.times.size(),
              "floor",
              aotRatio,
              "<=3x floor",
              aotVerdict));
    }
    if (floorAot.times.size() > 0 && haveFloor) {
      table.note(
          "The floor itself starts in "
              + Report.ms(floorAot.times.median())
              + " ms with its AOT cache ("
              + Report.ratio(floor.times.median() / floorAot.times.median())
              + " faster). AOT caches are made by one"
              + " training run per subject (`-XX:AOTCacheOutput`, that request included) and used with"
              + " `-XX:AOTMode=on -XX:AOTCache=<file>`, so a cache that cannot be used fails the sample rather than"
              + " being silently ignored.");
    }
    table.note(
        "HTTP client: every function ships the SDK's `url-connection-client` only (no Apache or"
            + " Netty client in the jars), so that is the only client measured here.");
  }

  /**
   * Met, or missed by how much, for {@code series} against {@code target} times the floor's median.
   */
  static String verdict(Series floor, Series series, double target) {
    if (floor == null || floor.times.size() == 0 || series.times.size() == 0) {
      return "not measured";
    }
    double x = series.times.median() / floor.times.median();
    return x <= target
        ? "met"
        : "missed by "
            + Report.ratio(x - target)
            + " of the floor ("
            + Report.ms(series.times.median() - target * floor.times.median())
            + " ms)";
  }

  /** Median CPU time of the probe process, and its ratio to the floor's. */
  private static String cpu(Series s, Series floor) {
    if (s.cpu.size() == 0) {
      return "n/a";
    }
    String text = Report.ms(s.cpu.median()) + " ms";
    return floor.cpu.size() == 0
        ? text
        : text + " (" + Report.ratio(s.cpu.median() / floor.cpu.median()) + ")";
  }

  private static String ms(Series s) {
    return s.times.size() == 0 ? "" : Report.num(Samples.millis(s.times.median()), 2);
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
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
