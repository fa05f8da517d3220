package bloghome.comments.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.testing.BlogTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Counters stay exact when many requests race on one post (one handler, many threads). */
@ExtendWith(LocalAwsExtension.class)
class CommentsConcurrencyIT {
  private CommentsTestBed bed;
  private Api api;
  private BlogTable posts;
  private ExecutorService pool;

  @BeforeEach
  void setUp(LocalAws aws) {
    // The rate limit would stop 5 comments per user per minute: this test is about counting.
    bed = CommentsTestBed.withoutRateLimit(aws);
    api = bed.api;
    posts = bed.posts;
    pool = Executors.newFixedThreadPool(20);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  /** Runs all tasks at once (released together by a latch) and returns their results. */
  private <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return task.call();
              }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> f : futures) {
      results.add(f.get());
    }
    return results;
  }

  @Test
  void hundredConcurrentComments_countExactly100_pageOnce_andTenDeletesLeaveExactly90()
      throws Exception {
    // given
    String postId = posts.create("alice");

    // when 20 users post 5 comments each, all at once
    List<Callable<Api.Result>> creates = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String user = "user" + (i % 20);
      String text = "comment " + i;
      creates.add(() -> api.comment(user, postId, text));
    }
    List<Api.Result> created = race(creates);

    // then
    assertThat(created).allSatisfy(r -> assertThat(r.status()).as(r.raw()).isEqualTo(201));
    assertThat(posts.postCounter(postId, "comments")).isEqualTo(100);
    List<String> listed = listAllTopLevelIds(postId, 7);
    assertThat(listed).hasSize(100).doesNotHaveDuplicates();
    assertThat(new HashSet<>(listed))
        .isEqualTo(new HashSet<>(created.stream().map(r -> r.string("commentId")).toList()));

    // when 10 of them are deleted, 5 of those twice (by their author and by the post's author),
    // all at once
    List<Callable<Integer>> deletes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Api.Result victim = created.get(i * 10);
      String author = (String) victim.json().get("authorId");
      String id = victim.string("commentId");
      deletes.add(() -> api.delete(author, id).status());
      if (i % 2 == 0) {
        deletes.add(() -> api.delete("alice", id).status());
      }
    }
    List<Integer> statuses = race(deletes);

    // then
    assertThat(statuses).hasSize(15).containsOnly(204);
    assertThat(posts.postCounter(postId, "comments")).isEqualTo(90);
    assertThat(listAllTopLevelIds(postId, 13)).hasSize(90).doesNotHaveDuplicates();
    assertThat(api.list(postId, Map.of()).json()).containsEntry("commentCount", 90L);
  }

  @Test
  void concurrentRepliesAndDeletes_onOneThread_keepItsCountAndPreviewExact() throws Exception {
    // given a thread with 30 replies written at once
    String postId = posts.create("alice");
    String top = api.commentId("bob", postId, "top");
    List<Callable<Api.Result>> replies = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      String user = "user" + (i % 10);
      String text = "reply " + i;
      replies.add(() -> api.reply(user, postId, top, text));
    }
    List<Api.Result> created = race(replies);
    assertThat(created).allSatisfy(r -> assertThat(r.status()).as(r.raw()).isEqualTo(201));

    // when every third reply is deleted twice, all at once
    List<Callable<Integer>> deletes = new ArrayList<>();
    Set<String> deleted = new HashSet<>();
    for (int i = 0; i < 30; i += 3) {
      String id = created.get(i).string("commentId");
      String author = (String) created.get(i).json().get("authorId");
      deleted.add(id);
      deletes.add(() -> api.delete(author, id).status());
      deletes.add(() -> api.delete("alice", id).status());
    }
    assertThat(race(deletes)).containsOnly(204);

    // then the counts are exact, and the thread shows three replies inline while its cursor
    // lists all the others: every remaining reply exactly once
    assertThat(posts.postCounter(postId, "comments")).isEqualTo(1 + 20);
    List<String> all = allReplyIds(postId, top, null);
    assertThat(all).hasSize(20).doesNotHaveDuplicates().doesNotContainAnyElementsOf(deleted);
    @SuppressWarnings("unchecked")
    Map<String, Object> thread =
        (Map<String, Object>) api.list(postId, Map.of()).items().get(0).get("replies");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> shown = (List<Map<String, Object>>) thread.get("items");
    assertThat(thread).containsEntry("count", 20L);
    assertThat(shown).hasSize(3);
    List<String> together = new ArrayList<>();
    shown.forEach(r -> together.add((String) r.get("commentId")));
    together.addAll(allReplyIds(postId, top, (String) thread.get("cursor")));
    assertThat(together).hasSize(20).containsExactlyInAnyOrderElementsOf(all);
  }

  @Test
  void concurrentRetriesWithOneIdempotencyKey_createOneComment() throws Exception {
    String postId = posts.create("alice");
    List<Callable<Api.Result>> retries = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      retries.add(() -> api.post("bob", postId, "{\"body\":\"flaky network\"}", "retry-me"));
    }

    List<Api.Result> results = race(retries);

    assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.raw()).isEqualTo(201));
    assertThat(results.stream().map(r -> r.string("commentId")).distinct()).hasSize(1);
    assertThat(posts.postCounter(postId, "comments")).isEqualTo(1);
    assertThat(api.list(postId, Map.of()).items()).hasSize(1);
  }

  private List<String> listAllTopLevelIds(String postId, int limit) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      Map<String, String> query =
          cursor == null
              ? Map.of("limit", Integer.toString(limit))
              : Map.of("limit", Integer.toString(limit), "cursor", cursor);
      Api.Result page = api.list(postId, query);
      assertThat(page.status()).as(page.raw()).isEqualTo(200);
      page.items().forEach(c -> ids.add((String) c.get("commentId")));
      cursor = page.string("cursor");
    } while (cursor != null && ids.size() <= 200);
    return ids;
  }

  /** Every reply id from the thread's start, or from {@code cursor} on. */
  private List<String> allReplyIds(String postId, String top, String firstCursor) {
    List<String> ids = new ArrayList<>();
    String cursor = firstCursor;
    boolean first = true;
    while (first || cursor != null) {
      first = false;
      Map<String, String> query =
          cursor == null
              ? Map.of("replyTo", top, "limit", "7")
              : Map.of("replyTo", top, "limit", "7", "cursor", cursor);
      Api.Result page = api.list(postId, query);
      page.items().forEach(c -> ids.add((String) c.get("commentId")));
      cursor = ids.size() > 100 ? null : page.string("cursor");
    }
    return ids;
  }
}
