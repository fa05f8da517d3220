package bloghome.bench;

import bloghome.json.Json;
import bloghome.local.LocalStack;
import bloghome.local.Ports;
import bloghome.system.RunningSystem;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Index update lag after a write, end to end on the whole local system (the functions in their own
 * JVMs through the Lambda runtime client, the table stream's filtered event source mapping, S3 for
 * the index): a blog of {@code posts} posts is imported through the API and indexed, then each
 * probe creates a post with a word no other post has and polls {@code GET /users/{u}/search} every
 * 50 ms until the post is found. Lag = from the create request's start to the first search that
 * finds it.
 */
final class SearchLag {
  private static final Duration GIVE_UP = Duration.ofMinutes(2);

  /**
   * Posts per import call: the API takes up to 100, but on a loaded 2-core machine a call of 100
   * can pass the function's 10 s timeout on the local DynamoDB.
   */
  private static final int IMPORT_BATCH = 25;

  private SearchLag() {}

  static void run(int posts, int probes) {
    long started = System.nanoTime();
    int port = Ports.free();
    try (RunningSystem system =
        RunningSystem.start(
            new LocalStack.Config("searchlag", port, 0, 0, List.of("http://127.0.0.1:" + port)))) {
      URI api = system.apiUrl();
      String token = system.tokens().mint("lagblog", List.of("vip"), Duration.ofHours(2));
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      send(http, api, "PUT", "/users/lagblog", token, Map.of("displayName", "Lag"));
      Random random = new Random(7);
      long imported = System.nanoTime();
      for (int from = 0; from < posts; from += IMPORT_BATCH) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = from; i < Math.min(posts, from + IMPORT_BATCH); i++) {
          var doc = SearchBench.post(random, i);
          Map<String, Object> post = new LinkedHashMap<>();
          post.put("sourceId", "lag-" + i);
          post.put("type", "original");
          post.put("title", doc.title());
          post.put("content", doc.content());
          post.put("tags", doc.tags());
          post.put("publishedAt", doc.publishedAt().toString());
          batch.add(post);
        }
        send(http, api, "POST", "/users/lagblog/posts/import", token, Map.of("posts", batch));
      }
      long importSeconds = (System.nanoTime() - imported) / 1_000_000_000;
      // The blog indexed: every stream record the import wrote has been handled.
      long indexing = System.nanoTime();
      system.awaitSettled(GIVE_UP.multipliedBy(5));
      long indexSeconds = (System.nanoTime() - indexing) / 1_000_000_000;
      List<Long> lags = new ArrayList<>();
      for (int i = 0; i < probes; i++) {
        String word = "lagprobe" + (char) ('a' + i) + "zq";
        long t0 = System.nanoTime();
        send(
            http,
            api,
            "POST",
            "/users/lagblog/posts",
            token,
            Map.of("type", "original", "title", "探针 " + word, "content", word + " 的内容。"));
        awaitFound(http, api, token, word, 1);
        lags.add(System.nanoTime() - t0);
      }
      List<Long> sorted = lags.stream().sorted().toList();
      System.out.printf(
          "%nIndex update lag after a write, whole local system, blog of %,d posts (imported in %d s,"
              + " indexed %d s later): %d probes, p50 %,d ms, max %,d ms (all: %s ms); %s total%n",
          posts,
          importSeconds,
          indexSeconds,
          probes,
          sorted.get((sorted.size() - 1) / 2) / 1_000_000,
          sorted.get(sorted.size() - 1) / 1_000_000,
          lags.stream().map(l -> Long.toString(l / 1_000_000)).toList(),
          Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
    }
  }

  private static void awaitFound(
      HttpClient http, URI api, String token, String query, long atLeast) {
    Instant deadline = Instant.now().plus(GIVE_UP);
    while (Instant.now().isBefore(deadline)) {
      Map<?, ?> answer =
          send(
              http,
              api,
              "GET",
              "/users/lagblog/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
              null,
              null);
      if (((Number) answer.get("total")).longValue() >= atLeast) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("search never found \"" + query + "\" within " + GIVE_UP);
  }

  private static Map<?, ?> send(
      HttpClient http, URI api, String method, String path, String token, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(api.resolve(path))
            .timeout(Duration.ofSeconds(120))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Json.write(body)));
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("content-type", "application/json");
    }
    try {
      HttpResponse<String> answer =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      // A loaded machine's local DynamoDB can time a call out (503) or the function (500); the
      // import is idempotent (sourceId), a probe created twice is still found: retry as a client.
      for (int retry = 1; retry <= 5 && answer.statusCode() >= 500; retry++) {
        Thread.sleep(1_000L * retry);
        answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      }
      if (answer.statusCode() / 100 != 2) {
        throw new IllegalStateException(method + " " + path + " answered " + answer.statusCode());
      }
      return answer.body().isEmpty() ? Map.of() : (Map<?, ?>) Json.parse(answer.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
