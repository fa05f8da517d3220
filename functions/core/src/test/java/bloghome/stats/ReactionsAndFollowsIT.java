package bloghome.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.errors.Problem;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.paging.CursorCodec;
import bloghome.paging.StorePage;
import bloghome.stats.StatsFixtures.CrashAfterWrite;
import bloghome.stats.StatsFixtures.SimulatedCrash;
import bloghome.table.PostSummaryItems;
import bloghome.table.TableKeys;
import bloghome.testing.BlogTable;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(LocalAwsExtension.class)
class ReactionsAndFollowsIT {
  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

  private LocalAws aws;
  private String table;
  private BlogTable fixtures;
  private final CursorCodec cursors =
      new CursorCodec(
          "a-test-signing-key-of-32-bytes!!".getBytes(StandardCharsets.UTF_8),
          Clock.fixed(NOW, ZoneOffset.UTC),
          Duration.ofHours(24));

  @BeforeEach
  void setUp(LocalAws aws) {
    this.aws = aws;
    this.table = aws.freshTable("BlogTable");
    this.fixtures = new BlogTable(aws.dynamoDbClient(), table);
    fixtures.post("p_1", "alice");
    fixtures.profile("alice");
    fixtures.profile("bob");
  }

  private Reactions reactions(DynamoDbClient dynamoDb, Instant at) {
    return new Reactions(
        new DynamoDbPostDirectory(dynamoDb, table),
        new DynamoDbReactionStore(dynamoDb, table),
        cursors,
        Clock.fixed(at, ZoneOffset.UTC));
  }

  private Follows follows(DynamoDbClient dynamoDb, Instant at) {
    return new Follows(
        new DynamoDbFollowStore(dynamoDb, table), cursors, Clock.fixed(at, ZoneOffset.UTC));
  }

  @Test
  void like_isIdempotent_andLikeUnlikeLikeAddsOne() {
    Reactions reactions = reactions(aws.dynamoDbClient(), NOW);

    for (int i = 0; i < 10; i++) {
      assertThat(reactions.add(Reaction.LIKE, "p_1", "bob"))
          .isEqualTo(new Reactions.State(Reaction.LIKE, true, 1));
    }
    assertThat(reactions.remove(Reaction.LIKE, "p_1", "bob").count()).isZero();
    assertThat(reactions.remove(Reaction.LIKE, "p_1", "bob").count()).isZero();
    assertThat(reactions.add(Reaction.LIKE, "p_1", "bob").count()).isEqualTo(1);

    assertThat(fixtures.postCounter("p_1", "likes")).isEqualTo(1);
    assertThat(fixtures.profileCounter("alice", "likes")).isEqualTo(1);
  }

  @Test
  void unlike_neverGoesBelowZero_whenNobodyLiked() {
    Reactions reactions = reactions(aws.dynamoDbClient(), NOW);

    Reactions.State state = reactions.remove(Reaction.LIKE, "p_1", "bob");

    assertThat(state.on()).isFalse();
    assertThat(fixtures.postCounter("p_1", "likes")).isZero();
    assertThat(fixtures.profileCounter("alice", "likes")).isZero();
  }

  @Test
  void like_addsExactly50_when50UsersLikeAtOnce_eachTwice() throws Exception {
    Reactions reactions = reactions(aws.dynamoDbClient(), NOW);

    try (ExecutorService pool = Executors.newFixedThreadPool(25)) {
      for (int i = 0; i < 100; i++) {
        String user = "user" + (i % 50);
        pool.submit(() -> reactions.add(Reaction.LIKE, "p_1", user));
      }
    }

    assertThat(fixtures.postCounter("p_1", "likes")).isEqualTo(50);
    assertThat(fixtures.profileCounter("alice", "likes")).isEqualTo(50);
  }

  @Test
  void reactionsAndFollows_endExact_whenRetriedAfterACrashFollowingAnyWrite() {
    Reactions healthyReactions = reactions(aws.dynamoDbClient(), NOW);
    Follows healthyFollows = follows(aws.dynamoDbClient(), NOW);
    List<Consumer<DynamoDbClient>> steps =
        List.of(
            db -> reactions(db, NOW).add(Reaction.LIKE, "p_1", "bob"),
            db -> reactions(db, NOW).add(Reaction.FAVORITE, "p_1", "bob"),
            db -> follows(db, NOW).follow("bob", "alice"),
            db -> reactions(db, NOW).remove(Reaction.LIKE, "p_1", "bob"),
            db -> follows(db, NOW).unfollow("bob", "alice"));
    List<Runnable> retries =
        List.of(
            () -> healthyReactions.add(Reaction.LIKE, "p_1", "bob"),
            () -> healthyReactions.add(Reaction.FAVORITE, "p_1", "bob"),
            () -> healthyFollows.follow("bob", "alice"),
            () -> healthyReactions.remove(Reaction.LIKE, "p_1", "bob"),
            () -> healthyFollows.unfollow("bob", "alice"));
    long[][] expected = {
      // likes, favorites, alice's followers, bob's following after each step and its retries
      {1, 0, 0, 0}, {1, 1, 0, 0}, {1, 1, 1, 1}, {0, 1, 1, 1}, {0, 1, 0, 0}
    };

    int crashes = 0;
    for (int step = 0; step < steps.size(); step++) {
      for (int crashAfter = 1; ; crashAfter++) {
        CrashAfterWrite crash = new CrashAfterWrite(crashAfter);
        boolean crashed = false;
        try {
          steps.get(step).accept(aws.dynamoDb(crash));
        } catch (SimulatedCrash e) {
          crashed = true;
          crashes++;
        }
        retries.get(step).run();
        retries.get(step).run();
        assertThat(
                new long[] {
                  fixtures.postCounter("p_1", "likes"),
                  fixtures.postCounter("p_1", "favorites"),
                  fixtures.profileCounter("alice", "followers"),
                  fixtures.profileCounter("bob", "following")
                })
            .as("step %d, crash after write %d", step, crashAfter)
            .containsExactly(expected[step]);
        if (!crashed) {
          break;
        }
      }
    }
    assertThat(crashes).isGreaterThanOrEqualTo(steps.size());
    assertThat(fixtures.profileCounter("alice", "likes")).isZero();
    assertThat(fixtures.profileCounter("alice", "favorites")).isEqualTo(1);
  }

  @Test
  void like_is404_forAnUnknownOrDeletedPost() {
    Reactions reactions = reactions(aws.dynamoDbClient(), NOW);
    reactions.add(Reaction.FAVORITE, "p_1", "bob");
    fixtures.deletePost("p_1");

    assertThatThrownBy(() -> reactions.add(Reaction.LIKE, "p_none", "bob"))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind().status()).isEqualTo(404));
    assertThatThrownBy(() -> reactions.add(Reaction.LIKE, "p_1", "bob"))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind().status()).isEqualTo(404));
    // The favorite of the deleted post can still be removed, once.
    assertThat(reactions.remove(Reaction.FAVORITE, "p_1", "bob").on()).isFalse();
    assertThatThrownBy(() -> reactions.remove(Reaction.FAVORITE, "p_1", "bob"))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind().status()).isEqualTo(404));
  }

  @Test
  void favorites_listNewestFirst_inSignedPages_ownerOnly_skippingDeletedPosts() {
    for (int i = 0; i < 5; i++) {
      fixtures.post("p_f" + i, "alice");
      reactions(aws.dynamoDbClient(), NOW.plusSeconds(i)).add(Reaction.FAVORITE, "p_f" + i, "bob");
    }
    fixtures.deletePost("p_f3");
    Reactions reactions = reactions(aws.dynamoDbClient(), NOW);

    StorePage<Favorite> first = reactions.favorites("bob", "bob", 2, Optional.empty());
    String cursor = reactions.cursorFor("bob", first);
    StorePage<Favorite> second = reactions.favorites("bob", "bob", 2, Optional.of(cursor));
    StorePage<Favorite> third =
        reactions.favorites("bob", "bob", 2, Optional.of(reactions.cursorFor("bob", second)));

    List<String> ids = new ArrayList<>();
    for (StorePage<Favorite> page : List.of(first, second, third)) {
      page.items().forEach(f -> ids.add(f.postId()));
    }
    assertThat(ids).containsExactly("p_f4", "p_f2", "p_f1", "p_f0");
    assertThat(first.items().get(0).favoritedAt()).isEqualTo("2026-11-29T10:00:04.000Z");
    assertThat(first.items().get(0).post().title()).isEqualTo("Title of p_f4");
    assertThatThrownBy(() -> reactions.favorites("bob", "alice", 2, Optional.empty()))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.kind().status()).isEqualTo(403));
    assertThatThrownBy(() -> reactions.favorites("alice", "alice", 2, Optional.of(cursor)))
        .isInstanceOfSatisfying(
            Problem.class, p -> assertThat(p.code()).isEqualTo("INVALID_CURSOR"));
  }

  @Test
  void favorites_listOnlyWhatTheReaderMayReadNow() {
    fixtures.profile("carol");
    for (String id : List.of("p_public", "p_private", "p_followers", "p_carols")) {
      fixtures.post(id, id.equals("p_carols") ? "carol" : "alice");
      reactions(aws.dynamoDbClient(), NOW).add(Reaction.FAVORITE, id, "bob");
    }
    reactions(aws.dynamoDbClient(), NOW).add(Reaction.FAVORITE, "p_1", "alice");
    // After bob saved them, alice made one private and one for followers only.
    setVisibility("p_private", "private");
    setVisibility("p_followers", PostSummaryItems.FOLLOWERS);
    Reactions reactions = reactions(aws.dynamoDbClient(), NOW);

    assertThat(ids(reactions.favorites("bob", "bob", 20, Optional.empty())))
        .containsExactlyInAnyOrder("p_public", "p_carols");
    follows(aws.dynamoDbClient(), NOW).follow("bob", "alice");
    assertThat(ids(reactions.favorites("bob", "bob", 20, Optional.empty())))
        .containsExactlyInAnyOrder("p_public", "p_followers", "p_carols");
    // An author's own private post stays in their own favorites.
    setVisibility("p_1", "private");
    assertThat(ids(reactions.favorites("alice", "alice", 20, Optional.empty())))
        .containsExactly("p_1");
    // Made public again, the favorite shows again: it was never removed.
    setVisibility("p_private", PostSummaryItems.PUBLIC);
    assertThat(ids(reactions.favorites("bob", "bob", 20, Optional.empty()))).contains("p_private");
  }

  private void setVisibility(String postId, String visibility) {
    aws.dynamoDbClient()
        .updateItem(
            b ->
                b.tableName(table)
                    .key(TableKeys.key(TableKeys.postPk(postId), TableKeys.SUMMARY))
                    .updateExpression("SET #v = :v")
                    .expressionAttributeNames(Map.of("#v", PostSummaryItems.VISIBILITY))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(visibility))));
  }

  private static List<String> ids(StorePage<Favorite> page) {
    return page.items().stream().map(Favorite::postId).toList();
  }

  @Test
  void follow_isIdempotent_rejectsSelfAndInvisibleUsers_andListsBothWays() {
    Follows follows = follows(aws.dynamoDbClient(), NOW);
    fixtures.profile("carol");

    assertThat(follows.follow("bob", "alice")).isEqualTo(new Follows.State(true, 1));
    assertThat(follows.follow("bob", "alice")).isEqualTo(new Follows.State(true, 1));
    follows(aws.dynamoDbClient(), NOW.plusSeconds(5)).follow("carol", "alice");
    follows(aws.dynamoDbClient(), NOW.plusSeconds(9)).follow("bob", "carol");

    assertThatThrownBy(() -> follows.follow("bob", "bob"))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.kind().status()).isEqualTo(400);
              assertThat(p.field()).isEqualTo("userId");
            });
    assertThatThrownBy(() -> follows.follow("bob", "ghost"))
        .isInstanceOfSatisfying(
            Problem.class, p -> assertThat(p.code()).isEqualTo("USER_NOT_FOUND"));
    assertThat(
            follows
                .list(Follows.Direction.FOLLOWERS, "alice", 10, Optional.empty())
                .items()
                .stream()
                .map(FollowEntry::userId))
        .containsExactly("carol", "bob");
    assertThat(
            follows.list(Follows.Direction.FOLLOWING, "bob", 10, Optional.empty()).items().stream()
                .map(FollowEntry::userId))
        .containsExactly("carol", "alice");
    assertThat(fixtures.profileCounter("bob", "following")).isEqualTo(2);
    assertThat(fixtures.profileCounter("alice", "followers")).isEqualTo(2);
    assertThat(fixtures.profileCounter("ghost", "followers")).isZero();

    assertThat(follows.unfollow("bob", "alice")).isEqualTo(new Follows.State(false, 1));
    assertThat(follows.unfollow("bob", "alice")).isEqualTo(new Follows.State(false, 1));
    assertThat(fixtures.profileCounter("bob", "following")).isEqualTo(1);
  }

  @Test
  void follow_addsExactly50_when50UsersFollowAtOnce() {
    Follows follows = follows(aws.dynamoDbClient(), NOW);

    try (ExecutorService pool = Executors.newFixedThreadPool(25)) {
      for (int i = 0; i < 100; i++) {
        String user = "fan" + (i % 50);
        pool.submit(() -> follows.follow(user, "alice"));
      }
    }

    assertThat(fixtures.profileCounter("alice", "followers")).isEqualTo(50);
    assertThat(follows.list(Follows.Direction.FOLLOWERS, "alice", 100, Optional.empty()).items())
        .hasSize(50);
  }
}
