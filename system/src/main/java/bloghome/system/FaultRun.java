package bloghome.system;

import bloghome.json.Json;
import bloghome.local.FaultPlan;
import bloghome.local.FaultProxy;
import bloghome.local.LocalStack;
import bloghome.table.TableKeys;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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

  private static final int AUTHORS = 3;
  private static final int STABLE_POSTS_PER_AUTHOR = 4;
  private static final int CLIENT_ATTEMPTS = 6;

  private final Options options;
  private final RunningSystem system;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final List<String> stablePosts = new ArrayList<>();
  private final Map<String, String> authorOf = new ConcurrentHashMap<>();
  private final byte[] png;

  private FaultRun(Options options, RunningSystem system) {
    this.options = options;
    this.system = system;
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

  // ---------------------------------------------------------------- HTTP as a client sees it

  /** An answer; {@code attempts} > 1 when earlier sends of the same request went unanswered. */
  private record Reply(int status, String body, Map<String, List<String>> headers, int attempts) {
    Reply(int status, String body, Map<String, List<String>> headers) {
      this(status, body, headers, 1);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      return body.isEmpty() ? Map.of() : (Map<String, Object>) Json.parse(body);
    }

    String errorCode() {
      Object error = json().get("error");
      return error instanceof Map<?, ?> m ? String.valueOf(m.get("code")) : "";
    }

    boolean answered() {
      return status != 503 && !(status == 429 && "BUSY".equals(errorCode()));
    }
  }

  private String token(String user) {
    return tokens.computeIfAbsent(
        user,
        u ->
            system
                .tokens()
                .mint(u, u.startsWith("vip") ? List.of("vip") : List.of(), Duration.ofHours(2)));
  }

  private void count(String name) {
    counts.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
  }

  private Reply once(
      String what, String method, String pathOrUrl, String user, Object body, String... headers) {
    URI uri =
        pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : system.apiUrl().resolve(pathOrUrl);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : body instanceof byte[] bytes
                        ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                        : HttpRequest.BodyPublishers.ofString(Json.write(body)));
    if (user != null) {
      request.header("authorization", "Bearer " + token(user));
    }
    if (body != null && !(body instanceof byte[])) {
      request.header("content-type", "application/json");
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    count("requests");
    Reply reply;
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      reply =
          new Reply(
              response.statusCode(),
              new String(response.body(), StandardCharsets.UTF_8),
              response.headers().map());
    } catch (IOException e) {
      if (!pathOrUrl.startsWith("http")) {
        violations.add(what + ": the gateway dropped the connection (" + e + ")");
      }
      // A presigned PUT straight to S3 may see a dropped connection (injected): a browser retries.
      count("S3 answers to presigned PUTs: connection dropped");
      return new Reply(503, "", Map.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    boolean s3 = pathOrUrl.startsWith("http");
    count((s3 ? "S3 answers to presigned PUTs: " : "API answers: ") + reply.status());
    if (!s3 && reply.status() >= 500 && reply.status() != 503) {
      violations.add(what + ": " + reply.status() + " " + reply.body());
    }
    if (!s3
        && (reply.status() == 503 || reply.status() == 429)
        && reply.headers().get("retry-after") == null) {
      violations.add(what + ": " + reply.status() + " without Retry-After");
    }
    return reply;
  }

  /**
   * Sends until answered (not 503 / 429 BUSY; for S3 itself, not 5xx, which S3 asks clients to
   * retry), a few times; the last reply otherwise.
   */
  private Reply call(
      String what, String method, String path, String user, Object body, String... headers) {
    Reply reply = null;
    for (int attempt = 1; attempt <= CLIENT_ATTEMPTS; attempt++) {
      reply = once(what, method, path, user, body, headers);
      boolean s3Failed = path.startsWith("http") && reply.status() >= 500;
      if (reply.answered() && !s3Failed) {
        return new Reply(reply.status(), reply.body(), reply.headers(), attempt);
      }
      if (s3Failed) {
        reply = new Reply(503, reply.body(), reply.headers());
      }
      count("client retries after 503/429");
      // Honour Retry-After, scaled down so that the run keeps its pace (1 s -> 100 ms).
      sleep(100L * attempt);
    }
    return reply;
  }

  // ---------------------------------------------------------------- the workload

  /** What one thread was told, so the end state can be predicted exactly. */
  private final class Worker {
    final int index;
    final Random random;
    final String reader;
    final Map<String, Boolean> reactions = new LinkedHashMap<>();
    final Map<String, Supplier<Reply>> pending = new LinkedHashMap<>();
    final List<String> myPosts = new ArrayList<>();
    final Set<String> deleted = ConcurrentHashMap.newKeySet();
    final Map<String, String> titles = new HashMap<>();
    final Map<String, List<String>> comments = new HashMap<>();
    final Map<String, Integer> countedViews = new HashMap<>();
    final List<String> uploads = new ArrayList<>();
    int sequence;

    Worker(int index) {
      this.index = index;
      this.random = new Random(options.seed() * 1000 + index);
      this.reader = "reader" + index;
    }

    String author() {
      return "author" + random.nextInt(AUTHORS);
    }

    void step() {
      int dice = random.nextInt(100);
      String post = stablePosts.get(random.nextInt(stablePosts.size()));
      if (dice < 10) {
        createPost();
      } else if (dice < 16) {
        deletePost();
      } else if (dice < 22) {
        editPost();
      } else if (dice < 45) {
        view(post);
      } else if (dice < 60) {
        react("like", post);
      } else if (dice < 72) {
        react("favorite", post);
      } else if (dice < 82) {
        follow("author" + random.nextInt(AUTHORS));
      } else if (dice < 92) {
        comment(post);
      } else {
        upload();
      }
    }

    void createPost() {
      String author = author();
      String key = "w" + index + "-" + (sequence++);
      Map<String, Object> body =
          Map.of("type", "original", "title", "Post " + key, "content", "Body of " + key);
      Supplier<Reply> send =
          () ->
              call(
                  "create post",
                  "POST",
                  "/users/" + author + "/posts",
                  author,
                  body,
                  "idempotency-key",
                  key);
      settleOrLater(
          "post:" + key,
          send,
          reply -> {
            if (reply.status() == 201) {
              String id = (String) reply.json().get("postId");
              synchronized (myPosts) {
                if (myPosts.contains(id)) {
                  violations.add(
                      "create post " + key + " answered an id it had already answered: " + id);
                }
                myPosts.add(id);
              }
              authorOf.put(id, author);
            } else {
              violations.add("create post " + key + ": " + reply.status() + " " + reply.body());
            }
          });
    }

    void deletePost() {
      List<String> alive = myPosts.stream().filter(p -> !deleted.contains(p)).toList();
      if (alive.isEmpty()) {
        return;
      }
      String post = alive.get(random.nextInt(alive.size()));
      Supplier<Reply> send =
          () -> call("delete post", "DELETE", "/posts/" + post, authorOf.get(post), null);
      settleOrLater(
          "delete:" + post,
          send,
          reply -> {
            // 404: an earlier attempt, whose answer was lost, deleted it (posts.md: treat as done).
            if (reply.status() == 204 || reply.status() == 404) {
              deleted.add(post);
            } else {
              violations.add("delete post " + post + ": " + reply.status() + " " + reply.body());
            }
          });
    }

    void editPost() {
      List<String> mine = new ArrayList<>();
      for (int i = 0; i < stablePosts.size(); i++) {
        if (i % options.threads() == index) {
          mine.add(stablePosts.get(i));
        }
      }
      if (mine.isEmpty()) {
        return;
      }
      String post = mine.get(random.nextInt(mine.size()));
      String title = "Edited by w" + index + " #" + (sequence++);
      Map<String, Object> body =
          Map.of("type", "original", "title", title, "content", "Edited body");
      Supplier<Reply> send =
          () -> call("edit post", "PUT", "/posts/" + post, authorOf.get(post), body);
      settleOrLater(
          "edit:" + post,
          send,
          reply -> {
            if (reply.status() == 200) {
              titles.put(post, title);
            } else {
              violations.add("edit post " + post + ": " + reply.status() + " " + reply.body());
            }
          });
    }

    void view(String post) {
      String agent =
          "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 faultrun-w" + index + "-v" + (sequence++);
      Reply reply =
          call("view", "POST", "/posts/" + post + "/views", null, null, "user-agent", agent);
      if (reply.status() == 200 && Boolean.TRUE.equals(reply.json().get("counted"))) {
        countedViews.merge(post, 1, Integer::sum);
        count("views counted (acknowledged)");
      } else if (reply.status() == 200 && reply.attempts() > 1) {
        // An earlier send counted it and its answer was lost (503): the retry finds the marker.
        count("views counted by an unanswered earlier send");
      } else if (reply.status() == 200) {
        violations.add("a new visitor's view was not counted: " + reply.body());
      }
      // Unanswered views are not retried: whether they counted is checked as counter = markers.
    }

    void react(String kind, String post) {
      boolean on = random.nextBoolean();
      Supplier<Reply> send =
          () -> call(kind, on ? "PUT" : "DELETE", "/posts/" + post + "/" + kind, reader, null);
      settleOrLater(
          kind + ":" + post,
          send,
          reply -> {
            if (reply.status() == 200 || reply.status() == 204) {
              reactions.put(kind + ":" + post, on);
            } else {
              violations.add(kind + " " + post + ": " + reply.status() + " " + reply.body());
            }
          });
    }

    void follow(String author) {
      boolean on = random.nextBoolean();
      Supplier<Reply> send =
          () -> call("follow", on ? "PUT" : "DELETE", "/users/" + author + "/follow", reader, null);
      settleOrLater(
          "follow:" + author,
          send,
          reply -> {
            if (reply.status() == 200 || reply.status() == 204) {
              reactions.put("follow:" + author, on);
            } else {
              violations.add("follow " + author + ": " + reply.status() + " " + reply.body());
            }
          });
    }

    void comment(String post) {
      String commenter = "c" + index + "x" + random.nextInt(40);
      String key = "w" + index + "-c" + (sequence++);
      Map<String, Object> body = Map.of("body", "Comment " + key);
      Supplier<Reply> send =
          () ->
              call(
                  "comment",
                  "POST",
                  "/posts/" + post + "/comments",
                  commenter,
                  body,
                  "idempotency-key",
                  key);
      settleOrLater(
          "comment:" + key,
          send,
          reply -> {
            if (reply.status() == 201) {
              comments
                  .computeIfAbsent(post, p -> new ArrayList<>())
                  .add((String) reply.json().get("commentId"));
            } else if (reply.status() == 429) {
              count("comments refused by the rate limit");
            } else {
              violations.add("comment on " + post + ": " + reply.status() + " " + reply.body());
            }
          });
    }

    void upload() {
      String owner = "vip" + index;
      boolean bad = random.nextInt(5) == 0;
      byte[] bytes = bad ? "not an image, only text".getBytes(StandardCharsets.UTF_8) : png;
      Reply ticket =
          call(
              "upload ticket",
              "POST",
              "/users/" + owner + "/skin/uploads",
              owner,
              Map.of("slot", "column", "contentType", "image/png", "contentLength", bytes.length));
      if (ticket.status() != 201) {
        if (ticket.answered()) {
          violations.add("upload ticket: " + ticket.status() + " " + ticket.body());
        }
        return;
      }
      String uploadId = (String) ticket.json().get("uploadId");
      String url = (String) ticket.json().get("url");
      Supplier<Reply> put =
          () -> call("presigned PUT", "PUT", url, null, bytes, "content-type", "image/png");
      settleOrLater(
          "upload:" + uploadId,
          put,
          reply -> {
            if (reply.status() == 200) {
              uploads.add(uploadId);
            } else {
              violations.add(
                  "presigned PUT " + uploadId + ": " + reply.status() + " " + reply.body());
            }
          });
    }

    /** Applies an answer now, or keeps the request to send again once the faults are off. */
    void settleOrLater(String key, Supplier<Reply> send, Consumer<Reply> onAnswer) {
      Reply reply = send.get();
      if (reply.answered()) {
        pending.remove(key);
        onAnswer.accept(reply);
      } else {
        count("left unanswered during the faults");
        pending.put(
            key,
            () -> {
              Reply again = send.get();
              if (again.answered()) {
                onAnswer.accept(again);
              } else {
                violations.add(key + ": still " + again.status() + " with the faults off");
              }
              return again;
            });
      }
    }

    void settle() {
      new ArrayList<>(pending.values()).forEach(Supplier::get);
      pending.clear();
    }
  }

  // ---------------------------------------------------------------- the run

  private Report execute() {
    long started = System.nanoTime();
    setUp();
    List<Worker> workers = new ArrayList<>();
    for (int i = 0; i < options.threads(); i++) {
      workers.add(new Worker(i));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.seconds());
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    List<Future<?>> running = new ArrayList<>();
    for (Worker w : workers) {
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
        violations.add("a workload thread failed: " + e);
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
    workers.forEach(Worker::settle);
    awaitNotifications();
    int failed = system.stack().notifications().failures().size();
    int replayed = system.stack().notifications().replayFailures();
    awaitNotifications();
    check(workers);
    long settleMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - settling);

    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("faults (share of DynamoDB and S3 requests)", options.faults());
    figures.put("seed, threads", options.seed() + ", " + options.threads());
    figures.put("workload seconds", workloadMillis / 1000.0);
    figures.put("settle and check seconds", settleMillis / 1000.0);
    dynamoFaults.forEach(
        (k, v) -> figures.put("DynamoDB requests " + k.name().toLowerCase(Locale.ROOT), v));
    s3Faults.forEach((k, v) -> figures.put("S3 requests " + k.name().toLowerCase(Locale.ROOT), v));
    new TreeMap<>(counts).forEach((k, v) -> figures.put(k, v.get()));
    figures.put("validations sent to the failure queue", failed);
    figures.put("validations replayed from the failure queue", replayed);
    return new Report(figures, List.copyOf(violations));
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
          once("profile", "PUT", "/users/" + author, author, Map.of("displayName", "Author " + a)),
          200);
      for (int p = 0; p < STABLE_POSTS_PER_AUTHOR; p++) {
        Reply created =
            require(
                once(
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

  // ---------------------------------------------------------------- the checks

  /** The start of every post partition key. */
  private static final String POST_PK = TableKeys.postPk("");

  /** How the checks find a scanned item: its partition and sort key. */
  private static String itemId(String pk, String sk) {
    return pk + "|" + sk;
  }

  private static String reactionId(String marker, String postId, String userId) {
    return itemId(TableKeys.reactionMarker(marker, postId, userId), marker);
  }

  private void check(List<Worker> workers) {
    Map<String, Map<String, AttributeValue>> items = scan();
    Map<String, Integer> markers = new HashMap<>();
    for (Map<String, AttributeValue> item : items.values()) {
      String pk = item.get("pk").s();
      String sk = item.get("sk").s();
      if (sk.equals(TableKeys.LIKE_MARKER) || sk.equals(TableKeys.FAVORITE_MARKER)) {
        markers.merge(sk + ":" + pk.split("#")[1], 1, Integer::sum);
      } else if (pk.startsWith(TableKeys.FOLLOW_PREFIX) && sk.equals(TableKeys.FOLLOW_OUT)) {
        markers.merge("following:" + pk.split("#")[1], 1, Integer::sum);
      } else if (pk.startsWith(TableKeys.FOLLOW_PREFIX) && sk.equals(TableKeys.FOLLOW_IN)) {
        markers.merge("followers:" + pk.split("#")[2], 1, Integer::sum);
      } else if (pk.startsWith(TableKeys.VIEW_MARKER_PREFIX)) {
        markers.merge("VIEW:" + pk.split("#")[1], 1, Integer::sum);
      } else if (pk.startsWith(POST_PK)
          && sk.startsWith(TableKeys.COMMENT_SK_PREFIX)
          && !item.containsKey("deleted")) {
        markers.merge("COMMENT:" + pk.substring(POST_PK.length()), 1, Integer::sum);
      }
    }

    // Posts: exactly the acknowledged ones, each once, with their counters in step.
    Map<String, Set<String>> expectedPosts = new HashMap<>();
    for (String p : stablePosts) {
      expectedPosts.computeIfAbsent(authorOf.get(p), a -> new TreeSet<>()).add(p);
    }
    for (Worker w : workers) {
      for (String p : w.myPosts) {
        if (!w.deleted.contains(p)) {
          expectedPosts.computeIfAbsent(authorOf.get(p), a -> new TreeSet<>()).add(p);
        }
      }
      w.titles.forEach(
          (post, title) -> {
            Map<String, AttributeValue> summary =
                items.get(itemId(TableKeys.postPk(post), TableKeys.SUMMARY));
            if (summary == null || !title.equals(summary.get("title").s())) {
              violations.add("post " + post + ": last acknowledged title " + title + " not stored");
            }
          });
    }
    long createdCount = workers.stream().mapToLong(w -> w.myPosts.size()).sum();
    long deletedCount = workers.stream().mapToLong(w -> w.deleted.size()).sum();
    counts.put("posts created (acknowledged)", new AtomicLong(createdCount));
    counts.put("posts deleted (acknowledged)", new AtomicLong(deletedCount));
    for (int a = 0; a < AUTHORS; a++) {
      String author = "author" + a;
      Set<String> stored = new TreeSet<>();
      for (Map<String, AttributeValue> item : items.values()) {
        if (item.get("sk").s().equals(TableKeys.SUMMARY)
            && item.containsKey("authorId")
            && author.equals(item.get("authorId").s())) {
          stored.add(item.get("pk").s().substring(POST_PK.length()));
        }
      }
      Set<String> expected = expectedPosts.getOrDefault(author, Set.of());
      if (!stored.equals(expected)) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(stored);
        Set<String> extra = new TreeSet<>(stored);
        extra.removeAll(expected);
        violations.add(
            author
                + ": posts acknowledged but missing "
                + missing
                + ", stored but not acknowledged "
                + extra);
      }
      Map<String, AttributeValue> profile =
          items.get(itemId(TableKeys.userPk(author), TableKeys.PROFILE));
      equal(author + " profile posts", number(profile, "posts"), stored.size());
      equal(
          author + " listing total",
          number(items.get(itemId(TableKeys.userPk(author), TableKeys.countSk(null))), "count"),
          stored.size());
      equal(
          author + " profile followers",
          number(profile, "followers"),
          markers.getOrDefault("followers:" + author, 0));
      long likes = 0;
      long favorites = 0;
      for (String p : stored) {
        likes += number(items.get(itemId(TableKeys.postPk(p), TableKeys.SUMMARY)), "likes");
        favorites += number(items.get(itemId(TableKeys.postPk(p), TableKeys.SUMMARY)), "favorites");
      }
      equal(author + " profile likes = likes of its posts", number(profile, "likes"), likes);
      equal(
          author + " profile favorites = favorites of its posts",
          number(profile, "favorites"),
          favorites);
    }

    // Reactions and follows: each reader's last acknowledged choice, counters equal to markers.
    for (Worker w : workers) {
      w.reactions.forEach(
          (key, on) -> {
            String[] parts = key.split(":");
            String itemKey =
                switch (parts[0]) {
                  case "like" -> reactionId(TableKeys.LIKE_MARKER, parts[1], w.reader);
                  case "favorite" -> reactionId(TableKeys.FAVORITE_MARKER, parts[1], w.reader);
                  default -> itemId(TableKeys.follow(w.reader, parts[1]), TableKeys.FOLLOW_OUT);
                };
            if (items.containsKey(itemKey) != on) {
              violations.add(
                  w.reader
                      + " "
                      + key
                      + ": acknowledged "
                      + (on ? "on" : "off")
                      + " but stored "
                      + (on ? "off" : "on"));
            }
          });
      equal(
          w.reader + " profile following",
          number(items.get(itemId(TableKeys.userPk(w.reader), TableKeys.PROFILE)), "following"),
          markers.getOrDefault("following:" + w.reader, 0));
    }
    for (String post : stablePosts) {
      Map<String, AttributeValue> summary =
          items.get(itemId(TableKeys.postPk(post), TableKeys.SUMMARY));
      equal(post + " likes", number(summary, "likes"), markers.getOrDefault("LIKE:" + post, 0));
      equal(
          post + " favorites",
          number(summary, "favorites"),
          markers.getOrDefault("FAVORITE:" + post, 0));
      equal(
          post + " comments",
          number(summary, "comments"),
          markers.getOrDefault("COMMENT:" + post, 0));
    }

    // Comments: every acknowledged one stored once.
    long acknowledgedComments = 0;
    Map<String, Integer> perPost = new HashMap<>();
    for (Worker w : workers) {
      for (var e : w.comments.entrySet()) {
        for (String id : e.getValue()) {
          acknowledgedComments++;
          perPost.merge(e.getKey(), 1, Integer::sum);
          if (!items.containsKey(itemId(TableKeys.commentPointerPk(id), TableKeys.COMMENT))) {
            violations.add("comment " + id + " acknowledged but not stored");
          }
        }
      }
    }
    perPost.forEach(
        (post, n) ->
            equal(
                post + " comments stored = acknowledged",
                markers.getOrDefault("COMMENT:" + post, 0),
                n));
    counts.put("comments (acknowledged)", new AtomicLong(acknowledgedComments));
    counts.put(
        "likes, favorites, follows stored at the end",
        new AtomicLong(
            markers.entrySet().stream()
                .filter(
                    e ->
                        !e.getKey().startsWith("VIEW")
                            && !e.getKey().startsWith("COMMENT")
                            && !e.getKey().startsWith("followers"))
                .mapToLong(Map.Entry::getValue)
                .sum()));

    checkViews(workers);
    checkUploads(workers);
  }

  /**
   * Views may be counted by a stream aggregator a moment later: wait, bounded, until they agree.
   */
  private void checkViews(List<Worker> workers) {
    Map<String, Integer> acknowledged = new HashMap<>();
    workers.forEach(w -> w.countedViews.forEach((p, n) -> acknowledged.merge(p, n, Integer::sum)));
    List<String> problems = List.of();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    do {
      if (!problems.isEmpty()) {
        sleep(500);
      }
      Map<String, Map<String, AttributeValue>> items = scan();
      Map<String, Integer> markers = new HashMap<>();
      items.keySet().stream()
          .filter(k -> k.startsWith(TableKeys.VIEW_MARKER_PREFIX))
          .forEach(k -> markers.merge(k.split("#")[1], 1, Integer::sum));
      List<String> found = new ArrayList<>();
      long total = 0;
      for (String post : stablePosts) {
        Map<String, AttributeValue> summary =
            items.get(itemId(TableKeys.postPk(post), TableKeys.SUMMARY));
        long views = number(summary, "views");
        total += views;
        if (views != markers.getOrDefault(post, 0)) {
          found.add(
              post + " views " + views + " != " + markers.getOrDefault(post, 0) + " view markers");
        }
        if (markers.getOrDefault(post, 0) < acknowledged.getOrDefault(post, 0)) {
          found.add(
              post
                  + ": "
                  + acknowledged.get(post)
                  + " views acknowledged as counted, only "
                  + markers.getOrDefault(post, 0)
                  + " markers");
        }
      }
      for (int a = 0; a < AUTHORS; a++) {
        String author = "author" + a;
        long sum = 0;
        for (String post : stablePosts) {
          if (author.equals(authorOf.get(post))) {
            sum += number(items.get(itemId(TableKeys.postPk(post), TableKeys.SUMMARY)), "views");
          }
        }
        long profileViews =
            number(items.get(itemId(TableKeys.userPk(author), TableKeys.PROFILE)), "views");
        if (profileViews != sum) {
          found.add(
              author + " profile views " + profileViews + " != " + sum + " views of its posts");
        }
      }
      counts.put("views stored at the end", new AtomicLong(total));
      problems = found;
    } while (!problems.isEmpty() && System.nanoTime() < deadline);
    violations.addAll(problems);
  }

  private void checkUploads(List<Worker> workers) {
    Map<String, Long> outcomes = new TreeMap<>();
    for (Worker w : workers) {
      for (String uploadId : w.uploads) {
        Reply status =
            once(
                "upload status",
                "GET",
                "/users/vip" + w.index + "/skin/uploads/" + uploadId,
                "vip" + w.index,
                null);
        String s =
            status.status() == 200
                ? String.valueOf(status.json().get("status"))
                : "HTTP " + status.status();
        outcomes.merge(s, 1L, Long::sum);
        if (!s.equals("ACCEPTED") && !s.equals("REJECTED")) {
          violations.add("upload " + uploadId + " ended " + s);
        }
      }
    }
    outcomes.forEach((s, n) -> counts.put("uploads " + s, new AtomicLong(n)));
  }

  private void equal(String what, long actual, long expected) {
    if (actual != expected) {
      violations.add(what + ": " + actual + " != " + expected);
    }
  }

  private static long number(Map<String, AttributeValue> item, String attribute) {
    if (item == null || !item.containsKey(attribute) || item.get(attribute).n() == null) {
      return 0;
    }
    return Long.parseLong(item.get(attribute).n());
  }

  /** The whole table, read directly (not through the fault proxy), keyed "pk|sk". */
  private Map<String, Map<String, AttributeValue>> scan() {
    String table = system.stack().physicalName("BlogTable");
    Map<String, Map<String, AttributeValue>> items = new HashMap<>();
    system
        .stack()
        .dynamoDb()
        .scanPaginator(r -> r.tableName(table))
        .items()
        .forEach(item -> items.put(itemId(item.get("pk").s(), item.get("sk").s()), item));
    return Collections.unmodifiableMap(items);
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

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
