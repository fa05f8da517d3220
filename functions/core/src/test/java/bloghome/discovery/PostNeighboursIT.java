package bloghome.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.auth.Caller;
import bloghome.json.JsonObject;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.paging.CursorCodec;
import bloghome.posts.DynamoDbPostStore;
import bloghome.posts.Post;
import bloghome.posts.PostListing;
import bloghome.posts.PostStore;
import bloghome.posts.PostSummary;
import bloghome.posts.Publishing;
import bloghome.table.DiscoveryItems.Listed;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A post page's previous/next posts (the author's listing, one Query each way) and related posts
 * (the post's first category and first tag lists) against the local stack's DynamoDB.
 */
@ExtendWith(LocalAwsExtension.class)
class PostNeighboursIT {
  private static final Caller ALICE = new Caller("alice", Set.of());

  private Publishing publishing;
  private PostListing listing;
  private Discovery discovery;

  @BeforeEach
  void freshTable(LocalAws aws) {
    String table = aws.freshTable("BlogTable");
    Clock clock = new StepClock();
    DynamoDbPostStore posts = new DynamoDbPostStore(aws.dynamoDbClient(), table, clock);
    publishing = new Publishing(posts, clock);
    listing = new PostListing(posts, CursorCodec.withoutExpiry("neighbours-test-key-0123456789ab"));
    discovery = new Discovery(new DynamoDbDiscoveryStore(aws.dynamoDbClient(), table));
  }

  @Test
  void neighbours_followPublicationTime_skipUnlistedPosts_andStopAtTheEnds() {
    Post first = create("First", "public", List.of("java"), List.of());
    Post hidden = create("Hidden", "private", List.of("java"), List.of());
    Post followers = create("Fans", "followers", List.of("java"), List.of());
    Post middle = create("Middle", "public", List.of(), List.of());
    Post last = create("Last", "public", List.of(), List.of());

    assertThat(titles(listing.neighbours(first.summary()))).containsExactly("-", "Middle");
    assertThat(titles(listing.neighbours(middle.summary()))).containsExactly("First", "Last");
    assertThat(titles(listing.neighbours(last.summary()))).containsExactly("Middle", "-");
    // a post that is not listed leads nowhere
    assertThat(titles(listing.neighbours(hidden.summary()))).containsExactly("-", "-");
    assertThat(titles(listing.neighbours(followers.summary()))).containsExactly("-", "-");
  }

  @Test
  void related_shareTheFirstCategoryOrTag_newestFirst_withoutThePostOrUnlistedPosts() {
    Post post = create("Post", "public", List.of("java", "go"), List.of("后端"));
    create("Same tag", "public", List.of("java"), List.of());
    create("Private same tag", "private", List.of("java"), List.of("后端"));
    create("Same category", "public", List.of(), List.of("后端"));
    create("Both", "public", List.of("java"), List.of("后端"));
    create("Second tag only", "public", List.of("go"), List.of());
    create("Other", "public", List.of("rust"), List.of("前端"));

    assertThat(related(post)).containsExactly("Both", "Same category", "Same tag");
  }

  @Test
  void related_areAtMostFive() {
    Post post = create("Post", "public", List.of("java"), List.of());
    for (int i = 0; i < 7; i++) {
      create("T" + i, "public", List.of("java"), List.of());
    }
    assertThat(related(post)).containsExactly("T6", "T5", "T4", "T3", "T2");
  }

  private List<String> related(Post post) {
    return discovery.related("alice", post.postId(), post.categories(), post.tags()).stream()
        .map(Listed::title)
        .toList();
  }

  private static List<String> titles(PostStore.Neighbours n) {
    return List.of(
        n.older().map(PostSummary::title).orElse("-"),
        n.newer().map(PostSummary::title).orElse("-"));
  }

  private Post create(String title, String visibility, List<String> tags, List<String> cats) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title);
    m.put("content", "Body of " + title);
    m.put("visibility", visibility);
    m.put("tags", tags);
    m.put("categories", cats);
    return publishing.create(ALICE, "alice", JsonObject.of(m, "body"), Optional.empty()).post();
  }

  /** A clock one minute later at each reading, so posts created in turn are published in turn. */
  private static final class StepClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public synchronized Instant instant() {
      now = now.plusSeconds(60);
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
