package bloghome.bench;

import bloghome.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recorded views per second through the local HTTP gateway and the real handlers, with 1, 8 and 32
 * concurrent clients, each request from a different visitor; then the check that the post's views
 * counter equals the number of views the API said it counted.
 */
final class ViewsThroughput {
  private static final String ROUTE = "POST /posts/{postId}/views";

  private final Bench bench;
  private final Seed seed;

  ViewsThroughput(Bench bench, Seed seed) {
    this.bench = bench;
    this.seed = seed;
  }

  /** An address in 198.18.0.0/15, the range RFC 2544 sets aside for benchmarks: one per visitor. */
  static String visitorIp(int i) {
    return "198." + (18 + (i >> 16 & 1)) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
  }

  /** A browser user agent, different per visitor, that no bot list matches. */
  static String browser(int i) {
    return "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0."
        + i
        + ".0 Safari/537.36";
  }

  void run() throws Exception {
    var fn = bench.functionFor(ROUTE);
    if (fn.isEmpty() || !fn.get().inProcess()) {
      bench.report.note(
          "Views throughput not measured: "
              + (fn.isEmpty() ? "no function serves " + ROUTE : fn.get().handlerProblem())
              + ".");
      return;
    }
    var table =
        bench.report.table(
            "Views throughput",
            """
        POST /posts/{postId}/views through the local gateway (loopback HTTP, real handlers), each
        request from its own visitor (`x-forwarded-for` in 198.18.0.0/15, its own user agent), at
        most %d requests or %d s per level, on a fresh post per level. "Counted" = 2xx answers,
        or those whose JSON says `"counted": true` when the answer carries that field. The check
        compares the post's stored `views` with the counted answers, once the views aggregator has
        applied the table's stream. Throughput here is bounded by
        the local DynamoDB emulator (moto), not by the function: compare levels, not absolute
        numbers.
        """
                .formatted(bench.options.viewsRequests(), bench.options.viewsMaxTime().toSeconds()),
            "clients",
            "requests",
            "2xx",
            "counted",
            "views/s",
            "p50 latency",
            "p99 latency",
            "stored views",
            "check");
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    AtomicInteger visitor = new AtomicInteger(1_000);
    for (int clients : bench.options.viewsClients()) {
      String postId = seed.post();
      System.out.println("bench: views with " + clients + " clients");
      URI uri = bench.gateway().url().resolve("/posts/" + postId + "/views");
      AtomicInteger issued = new AtomicInteger();
      AtomicInteger ok = new AtomicInteger();
      AtomicInteger counted = new AtomicInteger();
      AtomicInteger errors = new AtomicInteger();
      Samples latency = new Samples();
      AtomicLong lastError = new AtomicLong();
      long deadline = System.nanoTime() + bench.options.viewsMaxTime().toNanos();
      long started = System.nanoTime();
      try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          futures.add(
              pool.submit(
                  () -> {
                    Samples mine = new Samples();
                    while (issued.getAndIncrement() < bench.options.viewsRequests()
                        && System.nanoTime() < deadline) {
                      int v = visitor.getAndIncrement();
                      HttpRequest request =
                          HttpRequest.newBuilder(uri)
                              .timeout(Duration.ofSeconds(30))
                              .header("x-forwarded-for", visitorIp(v))
                              .header("user-agent", browser(v))
                              .header("accept", "application/json")
                              .POST(HttpRequest.BodyPublishers.noBody())
                              .build();
                      long t0 = System.nanoTime();
                      try {
                        HttpResponse<String> response =
                            http.send(request, HttpResponse.BodyHandlers.ofString());
                        mine.add(System.nanoTime() - t0);
                        if (response.statusCode() / 100 == 2) {
                          ok.incrementAndGet();
                          if (counted(response.body())) {
                            counted.incrementAndGet();
                          }
                        } else {
                          errors.incrementAndGet();
                          lastError.set(response.statusCode());
                        }
                      } catch (Exception e) {
                        errors.incrementAndGet();
                      }
                    }
                    synchronized (latency) {
                      latency.addAll(mine);
                    }
                    return null;
                  }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      }
      long elapsed = System.nanoTime() - started;
      int requests = Math.min(issued.get(), bench.options.viewsRequests());
      // The counters follow from the markers through the stream: wait until it is applied.
      bench.stack.awaitStreamsSettled(Duration.ofSeconds(120));
      long stored = seed.views(postId);
      boolean exact = stored == counted.get();
      double perSecond = counted.get() / (elapsed / 1e9);
      if (errors.get() > 0) {
        bench.report.note(
            "Views with "
                + clients
                + " clients: "
                + errors.get()
                + " requests failed (last status "
                + lastError.get()
                + ").");
      }
      table.row(
          clients,
          requests,
          ok.get(),
          counted.get(),
          Report.num(perSecond, 1),
          latency.size() == 0 ? "n/a" : Report.ms(latency.median()) + " ms",
          latency.size() == 0 ? "n/a" : Report.ms(latency.percentile(99)) + " ms",
          stored,
          exact ? "exact" : "MISMATCH (" + (stored - counted.get()) + ")");
      String subject = clients + " clients";
      bench.report.figure(
          Report.Figure.plain(
              "views", subject, "views_per_second", Report.num(perSecond, 1), "1/s", requests));
      bench.report.figure(
          Report.Figure.plain(
              "views", subject, "counted", Integer.toString(counted.get()), "views", requests));
      bench.report.figure(
          new Report.Figure(
              "views",
              subject,
              "stored_views",
              Long.toString(stored),
              "views",
              requests,
              "",
              "",
              "stored == counted",
              exact ? "exact" : "mismatch"));
    }
    if (bench.options.viewsClients().size() > 1) {
      table.note(
          "Read the levels against each other: views/s at N clients over views/s at 1 client is the"
              + " scaling this machine ("
              + Runtime.getRuntime().availableProcessors()
              + " cores) allows.");
    }
  }

  /** A 2xx answer counts unless its JSON says {@code "counted": false}. */
  static boolean counted(String body) {
    if (body == null || body.isBlank()) {
      return true;
    }
    try {
      if (Json.parse(body) instanceof Map<?, ?> map && map.get("counted") instanceof Boolean b) {
        return b;
      }
    } catch (RuntimeException e) {
      // Not JSON: the status alone says it was counted.
    }
    return true;
  }
}
