package bloghome.posts;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.auth.Caller;
import bloghome.json.Json;
import bloghome.json.JsonObject;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.paging.CursorCodec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The post store's transitions on the local DynamoDB, through the use cases. */
@ExtendWith(LocalAwsExtension.class)
class PostTransitionsIT {
  private static final Caller ALICE = new Caller("alice", Set.of());

  private DynamoDbPostStore store;
  private Publishing publishing;
  private ScheduledPublishing scheduled;

  @BeforeEach
  void start(LocalAws aws) {
    String table = aws.freshTable("BlogTable");
    Clock clock = Clock.systemUTC();
    store = new DynamoDbPostStore(aws.dynamoDbClient(), table, clock);
    publishing = new Publishing(store, clock);
    scheduled = new ScheduledPublishing(store, clock);
  }

  @Test
  void draftThenPublish() {
    Post draft =
        publishing.create(ALICE, "alice", body("status", "draft"), Optional.empty()).post();
    Post published = publishing.update(ALICE, draft.postId(), body("version", 1));
    assertThat(published.summary().version()).isEqualTo(2);
  }

  @Test
  void aScheduleFiringTwice_publishesOnce_atItsTime_andCountsOnce() {
    Instant at = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Post post =
        publishing
            .create(
                ALICE,
                "alice",
                body("status", "scheduled", "publishAt", at.toString()),
                Optional.empty())
            .post();
    assertThat(listedTotal()).isZero();

    assertThat(scheduled.publish(post.postId(), at))
        .isEqualTo(ScheduledPublishing.Outcome.PUBLISHED);
    assertThat(scheduled.publish(post.postId(), at))
        .isEqualTo(ScheduledPublishing.Outcome.NOTHING_TO_DO);

    PostSummary s = store.findSummary(post.postId()).orElseThrow();
    assertThat(s.status()).isEqualTo(PostStatus.PUBLISHED);
    assertThat(s.publishedAt()).isEqualTo(at);
    assertThat(s.publishAt()).isEmpty();
    assertThat(s.version()).isEqualTo(2);
    assertThat(listedTotal()).isEqualTo(1);
  }

  @Test
  void aScheduleForATimeThePostNoLongerHas_doesNothing() {
    Instant first = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Instant later = first.plus(1, ChronoUnit.DAYS);
    Post post =
        publishing
            .create(
                ALICE,
                "alice",
                body("status", "scheduled", "publishAt", first.toString()),
                Optional.empty())
            .post();
    publishing.update(
        ALICE,
        post.postId(),
        body("status", "scheduled", "publishAt", later.toString(), "version", 1));

    assertThat(scheduled.publish(post.postId(), first))
        .isEqualTo(ScheduledPublishing.Outcome.NOTHING_TO_DO);
    assertThat(store.findSummary(post.postId()).orElseThrow().status())
        .isEqualTo(PostStatus.SCHEDULED);
    assertThat(listedTotal()).isZero();

    // Unscheduled (back to draft): the later schedule does nothing either.
    publishing.update(ALICE, post.postId(), body("status", "draft", "version", 2));
    assertThat(scheduled.publish(post.postId(), later))
        .isEqualTo(ScheduledPublishing.Outcome.NOTHING_TO_DO);
    // Deleted: nothing.
    publishing.delete(ALICE, post.postId());
    assertThat(scheduled.publish(post.postId(), later))
        .isEqualTo(ScheduledPublishing.Outcome.NOTHING_TO_DO);
  }

  @Test
  void schedulesAreMadeBeforeTheWrite_andTheReplacedOneRemovedAfterIt() {
    List<String> calls = new ArrayList<>();
    PostScheduler recording =
        new PostScheduler() {
          @Override
          public void schedule(String postId, Instant at) {
            calls.add("schedule " + at);
          }

          @Override
          public void cancel(String postId, Instant at) {
            calls.add("cancel " + at);
          }
        };
    Publishing withSchedules = new Publishing(store, Clock.systemUTC(), recording);
    Instant first = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    Instant later = first.plus(1, ChronoUnit.DAYS);
    Post post =
        withSchedules
            .create(
                ALICE,
                "alice",
                body("status", "scheduled", "publishAt", first.toString()),
                Optional.empty())
            .post();
    withSchedules.update(
        ALICE,
        post.postId(),
        body("status", "scheduled", "publishAt", first.toString(), "title", "same time"));
    withSchedules.update(
        ALICE, post.postId(), body("status", "scheduled", "publishAt", later.toString()));
    withSchedules.update(ALICE, post.postId(), body("status", "published"));

    assertThat(calls)
        .containsExactly(
            "schedule " + first, "schedule " + later, "cancel " + first, "cancel " + later);
    assertThat(listedTotal()).isEqualTo(1);
  }

  private long listedTotal() {
    return new PostListing(store, CursorCodec.withoutExpiry("k".repeat(32)))
        .list(
            ListingQuery.parse(
                "alice", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
        .total();
  }

  static JsonObject body(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", "A post");
    m.put("content", "Some text.");
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return JsonObject.parseBody(Json.write(m));
  }
}
