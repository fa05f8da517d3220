package bloghome.system;

import bloghome.local.FaultPlan;
import bloghome.local.FaultProxy;
import bloghome.local.LocalStack;
import bloghome.system.FaultClient.Reply;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * {@code bin/fault-run}: the whole system with faults injected into DynamoDB and S3, a mixed
 * workload through the HTTP gateway from several threads, then, with the faults off and the failure
 * queue replayed, a check of the stored state against what every client was told.
 *
 * <p>Clients behave as a well-written browser does: a 503 (or a 429 {@code BUSY}) with {@code
 * Retry-After} is sent again, the same request with the same Idempotency-Key, a few times; what is
 * still unanswered when the faults stop is sent again then. Each thread owns its readers, its posts
 * to edit and delete and its uploads, so the expected final state is exact.
 *
 * <p>Violations: any 5xx other than 503, a 429/503 without {@code Retry-After}, an acknowledged
 * write missing, a write applied twice, a counter unequal to its markers, an upload not ACCEPTED or
 * REJECTED after the replay.
 */
public final class FaultRun {

  /** What to run. */
  public record Options(double faults, int seconds, long seed, int threads) {
    public static Options parse(String[] args) {
      double faults = 0.2;
      int seconds = 60;
      long seed = 42;
      int threads = 6;
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--faults" -> faults = Double.parseDouble(value);
          case "--seconds" -> seconds = Integer.parseInt(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--threads" -> threads = Integer.parseInt(value);
          default ->
              throw new IllegalArgumentException(
                  "usage: bin/fault-run [--faults 0.2] [--seconds 60] [--seed 42] [--threads 6]; unknown: "
                      + args[i]);
        }
        i++;
      }
      return new Options(faults, seconds, seed, threads);
    }
  }

  /** Figures of a run and what it found wrong. */
  public record Report(Map<String, Object> figures, List<String> violations) {
    public boolean ok() {
      return violations.isEmpty();
    }

    public String table() {
      StringBuilder sb = new StringBuilder();
      int width = figures.keySet().stream().mapToInt(String::length).max().orElse(10);
      figures.forEach(
          (k, v) -> sb.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", k, v)));
      sb.append(
          violations.isEmpty()
              ? "  no violations\n"
              : "  VIOLATIONS (" + violations.size() + "):\n");
      violations.stream().limit(50).forEach(v -> sb.append("    - ").append(v).append('\n'));
      return sb.toString();
    }
  }

  /** Authors of posts; every thread reacts to their posts and follows them. */
  static final int AUTHORS = 3;

  private static final int STABLE_POSTS_PER_AUTHOR = 4;

  private final Options options;
  private final RunningSystem system;
  private final FaultFindings findings = new FaultFindings();
  private final FaultClient client;
  private final List<String> stablePosts = new ArrayList<>();
  private final Map<String, String> authorOf = new ConcurrentHashMap<>();
  private final byte[] png;

  private FaultRun(Options options, RunningSystem system) {
    this.options = options;
    this.system = system;
    this.client = new FaultClient(system, findings);
    this.png = png(300, 38);
  }

  public static void main(String[] args) {
    Options options = Options.parse(args);
    Report report = run(options);
    System.out.println(
        "bloghome fault run: faults "
            + options.faults()
            + ", "
            + options.seconds()
            + " s, seed "
            + options.seed()
            + ", "
            + options.threads()
            + " threads");
    System.out.print(report.table());
    System.exit(report.ok() ? 0 : 1);
  }

  /** Starts the system with faults, runs the workload, settles and checks. */
  public static Report run(Options options) {
    LocalStack.Config config =
        new LocalStack.Config(
            "faultrun", 0, 0, 0, List.of(), FaultPlan.uniform(options.faults(), options.seed()));
    try (RunningSystem system = RunningSystem.start(config)) {
      return new FaultRun(options, system).execute();
    }
  }

  // ---------------------------------------------------------------- the run

  private Report execute() {
    long started = System.nanoTime();
    setUp();
    List<FaultWorker> workers = new ArrayList<>();
    for (int i = 0; i < options.threads(); i++) {
      workers.add(
          new FaultWorker(
              i, options.threads(), options.seed(), client, findings, stablePosts, authorOf, png));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.seconds());
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    List<Future<?>> running = new ArrayList<>();
    for (FaultWorker w : workers) {
      running.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < deadline) {
                  w.step();
                }
              }));
    }
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (Exception e) {
        findings.violation("a workload thread failed: " + e);
      }
    }
    pool.shutdown();
    long workloadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    // Faults off: what was left unanswered is sent again, failed validations are replayed.
    Map<FaultProxy.Outcome, Long> dynamoFaults =
        system.stack().dynamoDbFaults().map(FaultProxy::counts).orElse(Map.of());
    Map<FaultProxy.Outcome, Long> s3Faults =
        system.stack().s3Faults().map(FaultProxy::counts).orElse(Map.of());
    system.stack().faultsOff();
    long settling = System.nanoTime();
    workers.forEach(FaultWorker::settle);
    awaitNotifications();
    int failed = system.stack().notifications().failures().size();
    int replayed = system.stack().notifications().replayFailures();
    awaitNotifications();
    new StoredStateCheck(system, client, findings, stablePosts, authorOf)
        .check(workers.stream().map(w -> w.ledger).toList());
    long settleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - settling);

    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("faults (share of DynamoDB and S3 requests)", options.faults());
    figures.put("seed, threads", options.seed() + ", " + options.threads());
    figures.put("workload seconds", workloadMillis / 1000.0);
    figures.put("settle and check seconds", settleMillis / 1000.0);
    dynamoFaults.forEach(
        (k, v) -> figures.put("DynamoDB requests " + k.name().toLowerCase(Locale.ROOT), v));
    s3Faults.forEach((k, v) -> figures.put("S3 requests " + k.name().toLowerCase(Locale.ROOT), v));
    findings.figures().forEach(figures::put);
    figures.put("validations sent to the failure queue", failed);
    figures.put("validations replayed from the failure queue", replayed);
    return new Report(figures, findings.violations());
  }

  private void awaitNotifications() {
    try {
      system.stack().notifications().awaitIdle(120, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Profiles and the posts every thread reads and reacts to, written before the faults matter. */
  private void setUp() {
    FaultPlan.Rates dynamo =
        system.stack().dynamoDbFaults().map(FaultProxy::rates).orElse(FaultPlan.Rates.NONE);
    FaultPlan.Rates s3 =
        system.stack().s3Faults().map(FaultProxy::rates).orElse(FaultPlan.Rates.NONE);
    system.stack().faultsOff();
    for (int a = 0; a < AUTHORS; a++) {
      String author = "author" + a;
      require(
          client.once(
              "profile", "PUT", "/users/" + author, author, Map.of("displayName", "Author " + a)),
          200);
      for (int p = 0; p < STABLE_POSTS_PER_AUTHOR; p++) {
        Reply created =
            require(
                client.once(
                    "post",
                    "POST",
                    "/users/" + author + "/posts",
                    author,
                    Map.of(
                        "type", "original", "title", "Stable " + a + "." + p, "content", "text")),
                201);
        String id = (String) created.json().get("postId");
        stablePosts.add(id);
        authorOf.put(id, author);
      }
    }
    system.stack().dynamoDbFaults().ifPresent(p -> p.rates(dynamo));
    system.stack().s3Faults().ifPresent(p -> p.rates(s3));
  }

  private Reply require(Reply reply, int status) {
    if (reply.status() != status) {
      throw new IllegalStateException(
          "fault run set-up failed: " + reply.status() + " " + reply.body());
    }
    return reply;
  }

  private static byte[] png(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
