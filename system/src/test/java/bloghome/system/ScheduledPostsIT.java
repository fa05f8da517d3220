package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.LocalStack;
import bloghome.local.junit.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scheduled posts end to end on the local stack, every function in its own JVM: the manage function
 * makes an EventBridge Scheduler schedule (moto's), the local scheduler fires it when a controlled
 * clock reaches its time, invoking PublisherFunction through the local Lambda runtime, and the post
 * appears in the public listing then, and not before.
 */
class ScheduledPostsIT {
  private static final String GROUP = "bloghome-posts";

  private static MutableClock clock;
  private static RunningSystem system;
  private static Http http;

  @BeforeAll
  static void start() {
    clock = new MutableClock(Instant.now());
    system = RunningSystem.start(new LocalStack.Config("scheduled", 0, 0, 0, List.of()), clock);
    http = new Http(system.apiUrl());
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void aScheduledPost_appearsAtItsTime_andNotBefore_andAScheduleFiringTwicePublishesOnce()
      throws IOException {
    String token = system.tokens().mint("sched-alice", List.of(), Duration.ofMinutes(10));
    http.send("PUT", "/users/sched-alice", token, Map.of("displayName", "Alice"));
    Instant at = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Http.Reply created =
        http.send(
            "POST",
            "/users/sched-alice/posts",
            token,
            Map.of(
                "title",
                "At its time",
                "content",
                "Hello later.",
                "status",
                "scheduled",
                "publishAt",
                at.toString()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String postId = (String) created.json().get("postId");
    assertThat(system.schedules().names(GROUP))
        .containsExactly("publish-" + postId + "-" + at.getEpochSecond());

    // Not yet: a minute before its time nothing fires.
    clock.set(at.minus(1, ChronoUnit.MINUTES));
    assertThat(system.schedules().fireDue()).isZero();
    assertThat(http.send("GET", "/posts/" + postId, null, null).status()).isEqualTo(404);
    assertThat(http.send("GET", "/users/sched-alice/posts", null, null).number("total")).isZero();

    // At its time: fired once, published with publishedAt = publishAt, counted once.
    clock.set(at);
    assertThat(system.schedules().fireDue()).isEqualTo(1);
    Http.Reply page = http.send("GET", "/posts/" + postId, null, null);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(Instant.parse((String) page.json().get("publishedAt"))).isEqualTo(at);
    assertThat(http.send("GET", "/users/sched-alice/posts", null, null).number("total"))
        .isEqualTo(1);
    assertThat(system.schedules().names(GROUP)).isEmpty();
    assertThat(system.schedules().failures()).isEmpty();

    // The same schedule delivered again (the scheduler's at-least-once): nothing more.
    String again =
        system
            .runtime()
            .invoke(
                "PublisherFunction",
                "{\"postId\":\"" + postId + "\",\"publishAt\":\"" + at + "\"}");
    assertThat(again).contains("NOTHING_TO_DO");
    assertThat(http.send("GET", "/users/sched-alice/posts", null, null).number("total"))
        .isEqualTo(1);
    assertThat(http.send("GET", "/users/sched-alice", null, null).number("posts")).isEqualTo(1);
  }

  @Test
  void aRescheduledPost_appearsAtItsNewTime_theOldScheduleGone_andUnscheduledNever()
      throws IOException {
    String token = system.tokens().mint("sched-bob", List.of(), Duration.ofMinutes(10));
    Instant first = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Instant later = first.plus(1, ChronoUnit.DAYS);
    Map<String, Object> body =
        Map.of(
            "title", "Moved", "content", "c", "status", "scheduled", "publishAt", first.toString());
    String postId =
        (String) http.send("POST", "/users/sched-bob/posts", token, body).json().get("postId");
    Http.Reply moved =
        http.send(
            "PUT",
            "/posts/" + postId,
            token,
            Map.of(
                "title",
                "Moved",
                "content",
                "c",
                "status",
                "scheduled",
                "publishAt",
                later.toString(),
                "version",
                1));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(system.schedules().names(GROUP))
        .contains("publish-" + postId + "-" + later.getEpochSecond())
        .doesNotContain("publish-" + postId + "-" + first.getEpochSecond());

    clock.set(first.plusSeconds(1));
    system.schedules().fireDue();
    assertThat(http.send("GET", "/posts/" + postId, null, null).status()).isEqualTo(404);

    // Back to a draft: its schedule is removed, and nothing appears at the later time. The clock
    // the schedules follow is the sign-in's too, so the author's earlier token has expired by now.
    String laterToken = system.tokens().mint("sched-bob", List.of(), Duration.ofMinutes(10));
    Http.Reply unscheduled =
        http.send(
            "PUT",
            "/posts/" + postId,
            laterToken,
            Map.of("title", "Moved", "content", "c", "status", "draft", "version", 2));
    assertThat(unscheduled.status()).as(unscheduled.body()).isEqualTo(200);
    assertThat(system.schedules().names(GROUP)).noneMatch(name -> name.contains(postId));
    clock.set(later.plusSeconds(1));
    system.schedules().fireDue();
    assertThat(http.send("GET", "/posts/" + postId, null, null).status()).isEqualTo(404);
    assertThat(http.send("GET", "/users/sched-bob/posts", null, null).number("total")).isZero();
  }
}
