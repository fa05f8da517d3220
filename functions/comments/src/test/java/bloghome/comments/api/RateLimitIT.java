package bloghome.comments.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.comments.CommentsConfig;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The default limit: 5 comments per user per calendar minute, 30 per clock hour. */
@ExtendWith(LocalAwsExtension.class)
class RateLimitIT {
  private CommentsTestBed bed;
  private Api api;
  private String postId;

  @BeforeEach
  void setUp(LocalAws aws) {
    bed = new CommentsTestBed(aws, CommentsConfig.DEFAULT);
    api = bed.api;
    postId = bed.posts.create("alice");
    bed.clock.set(Instant.parse("2026-03-01T10:00:10Z"));
  }

  @Test
  void theSixthCommentInAMinute_is429WithRetryAfter_andTheNextMinuteAllowsMore() {
    // given five comments in the same minute
    for (int i = 0; i < 5; i++) {
      api.commentId("bob", postId, "burst " + i);
    }

    // when
    Api.Result sixth = api.comment("bob", postId, "one too many");

    // then
    assertThat(sixth.status()).isEqualTo(429);
    assertThat(sixth.error()).containsEntry("code", "RATE_LIMITED");
    assertThat(sixth.headers()).containsEntry("retry-after", "50");
    assertThat(bed.posts.postCounter(postId, "comments")).isEqualTo(5);
    // other users are not affected
    assertThat(api.comment("carol", postId, "me too").status()).isEqualTo(201);

    // and when the minute is over
    bed.clock.set(Instant.parse("2026-03-01T10:01:00Z"));
    assertThat(api.comment("bob", postId, "new minute").status()).isEqualTo(201);
  }

  @Test
  void theThirtyFirstCommentInAnHour_is429UntilTheHourEnds() {
    // given 30 comments, 5 in each of six minutes
    for (int minute = 0; minute < 6; minute++) {
      bed.clock.set(Instant.parse("2026-03-01T10:00:00Z").plus(Duration.ofMinutes(minute)));
      for (int i = 0; i < 5; i++) {
        api.commentId("bob", postId, "m" + minute + " c" + i);
      }
    }

    // when a new minute starts, the hour still says no
    bed.clock.set(Instant.parse("2026-03-01T10:20:00Z"));
    Api.Result thirtyFirst = api.comment("bob", postId, "31st");

    // then
    assertThat(thirtyFirst.status()).isEqualTo(429);
    assertThat(thirtyFirst.headers()).containsEntry("retry-after", Long.toString(40 * 60));
    assertThat(bed.posts.postCounter(postId, "comments")).isEqualTo(30);

    // and the next hour resets it
    bed.clock.set(Instant.parse("2026-03-01T11:00:00Z"));
    assertThat(api.comment("bob", postId, "next hour").status()).isEqualTo(201);
  }

  @Test
  void invalidRefusedAndReplayedRequests_useNoQuota() {
    // given four comments, then an invalid one, one on a missing post and a replayed one
    for (int i = 0; i < 4; i++) {
      api.commentId("bob", postId, "ok " + i);
    }
    assertThat(api.comment("bob", postId, "").status()).isEqualTo(400);
    assertThat(api.comment("bob", "p_missingPost", "on nothing").status()).isEqualTo(404);
    Api.Result fifth = api.post("bob", postId, "{\"body\":\"fifth\"}", "k");
    Api.Result replayed = api.post("bob", postId, "{\"body\":\"fifth\"}", "k");

    // then only the four and the keyed one counted: the fifth got through, the replay too
    assertThat(fifth.status()).isEqualTo(201);
    assertThat(replayed.status()).isEqualTo(201);
    assertThat(api.comment("bob", postId, "sixth").status()).isEqualTo(429);
    assertThat(bed.posts.postCounter(postId, "comments")).isEqualTo(5);
  }

  @Test
  void aConcurrentBurstFromOneUser_letsExactlyFiveThrough() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String text = "racing " + i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return api.comment("bob", postId, text).status();
                }));
      }
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : results) {
        statuses.add(f.get());
      }

      assertThat(statuses.stream().filter(s -> s == 201)).hasSize(5);
      assertThat(statuses.stream().filter(s -> s == 429)).hasSize(7);
      assertThat(bed.posts.postCounter(postId, "comments")).isEqualTo(5);
    } finally {
      pool.shutdownNow();
    }
  }
}
