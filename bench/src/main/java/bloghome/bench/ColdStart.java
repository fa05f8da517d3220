package bloghome.bench;

import bloghome.bench.probe.NoopHandler;
import bloghome.ids.Ids;
import bloghome.local.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>This class picks the subjects (each function's request and event, the floor, the levers of
 * {@code --cold-variant}), makes the AOT caches and runs the rounds; {@link ColdSampler} runs one
 * sample, {@link ColdTable} writes the table.
 */
final class ColdStart {
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

  private final Bench bench;
  private final String postId;

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
    List<ColdSubject> subjects = new ArrayList<>();
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
    List<ColdSubject> variants = new ArrayList<>();
    for (Options.ColdVariant v : bench.options.coldVariants()) {
      subjects.stream()
          .filter(s -> !s.floor() && v.covers(s.id()))
          .map(s -> s.with(v))
          .forEach(variants::add);
    }
    subjects.addAll(variants);

    ColdSampler sampler = new ColdSampler(bench.work);
    Map<String, Path> caches =
        bench.options.aot() ? aotCaches(subjects, sampler) : new LinkedHashMap<>();

    Map<String, ColdSeries> plain = new LinkedHashMap<>();
    Map<String, ColdSeries> aot = new LinkedHashMap<>();
    subjects.forEach(
        s -> {
          plain.put(s.id(), new ColdSeries());
          aot.put(s.id(), new ColdSeries());
        });
    int rounds = bench.options.coldSamples();
    for (int round = 0; round < rounds; round++) {
      System.out.printf("bench: cold start round %d of %d%n", round + 1, rounds);
      // Interleaved, so drift on a shared machine lands on every subject alike.
      for (ColdSubject s : subjects) {
        plain.get(s.id()).add(sampler.sample(s, ColdSampler.JVM_OPTIONS));
        Path cache = caches.get(s.id());
        if (cache != null) {
          aot.get(s.id())
              .add(
                  sampler.sample(
                      s, ColdSampler.aotOptions("-XX:AOTMode=on", "-XX:AOTCache=" + cache)));
        }
      }
    }
    new ColdTable(bench).write(subjects, plain, aot, caches);
    new RuntimeColdStart(bench).run(subjects);
  }

  /**
   * One AOT cache per subject, made by a training run of that subject's request ({@code
   * -XX:AOTCacheOutput}); a subject whose training run made none is noted and measured without.
   */
  private Map<String, Path> aotCaches(List<ColdSubject> subjects, ColdSampler sampler)
      throws IOException {
    Map<String, Path> caches = new LinkedHashMap<>();
    for (ColdSubject s : subjects) {
      Path cache = bench.work.resolve(s.fileName() + ".aot");
      Files.deleteIfExists(cache);
      ColdSampler.Sample training =
          sampler.sample(s, ColdSampler.aotOptions("-XX:AOTCacheOutput=" + cache));
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
    return caches;
  }

  private Optional<ColdSubject> subject(Bench.Fn fn, Path probe) {
    if (!fn.def().s3Triggers().isEmpty()) {
      if (bench.events.s3File().isEmpty()) {
        bench.report.note(fn.id() + ": no S3 sample in events/, so no cold-start run.");
        return Optional.empty();
      }
      Supplier<Path> event = () -> s3Event(fn);
      return Optional.of(
          new ColdSubject(
              fn.id(),
              "S3 " + bench.events.s3File().get().getFileName(),
              List.of(fn.jar(), probe),
              fn.def().handlerClass(),
              bench.environment(fn),
              event,
              "2xx",
              ColdSubject.size(fn.jar()),
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
        new ColdSubject(
            fn.id(),
            route,
            List.of(fn.jar(), probe),
            fn.def().handlerClass(),
            bench.environment(fn),
            event,
            accepted,
            ColdSubject.size(fn.jar()),
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
  private ColdSubject floor(ColdSubject first, Path probe) throws IOException {
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
    return new ColdSubject(
        "floor",
        first.route(),
        List.of(jar, probe),
        NoopHandler.class.getName(),
        first.env(),
        first.eventForSample(),
        "2xx",
        ColdSubject.size(jar),
        true,
        List.of());
  }
}
