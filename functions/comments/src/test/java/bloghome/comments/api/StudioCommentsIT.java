package bloghome.comments.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /studio/comments}: the comments on the caller's posts in every state, newest first,
 * paged behind a cursor signed for the caller. Against the local stack.
 */
@ExtendWith(LocalAwsExtension.class)
class StudioCommentsIT {
  private CommentsTestBed bed;
  private Api api;

  @BeforeEach
  void setUp(LocalAws aws) {
    bed = CommentsTestBed.withoutRateLimit(aws);
    api = bed.api;
  }

  @Test
  void listsTheCommentsOnMyPosts_anyState_newestFirst_pageByPage() {
    // given alice's public, followers-only and draft posts, commented on; and a post of carol's
    String open = bed.posts.create("alice");
    String forFollowers = bed.posts.create("alice");
    String draft = bed.posts.create("alice");
    bed.setState(forFollowers, "published", "followers");
    bed.setState(draft, "draft", "public");
    bed.follow("bob", "alice");
    bed.posts.profile("bob", "Bob");
    String first = api.commentId("bob", open, "first, on the public post");
    bed.clock.advance(Duration.ofSeconds(1));
    String second = api.commentId("bob", forFollowers, "second, for followers");
    bed.clock.advance(Duration.ofSeconds(1));
    String third = api.commentId("alice", draft, "third, a note on my draft");
    api.commentId("bob", bed.posts.create("carol"), "on carol's post");

    // when alice reads her studio's comments two at a time
    Api.Result page1 = api.studio("alice", Map.of("limit", "2"));
    assertThat(page1.status()).as(page1.raw()).isEqualTo(200);
    assertThat(page1.headers()).containsEntry("cache-control", "private, no-store");
    assertThat(page1.items()).extracting(i -> i.get("commentId")).containsExactly(third, second);
    assertThat(page1.items().get(1))
        .containsEntry("postId", forFollowers)
        .containsEntry("postTitle", "Title of " + forFollowers)
        .containsEntry("authorId", "bob")
        .containsEntry("authorName", "Bob")
        .containsEntry("excerpt", "second, for followers")
        .containsEntry("createdAt", "2026-03-01T10:00:01.000Z");
    String cursor = page1.string("nextCursor");
    assertThat(cursor).isNotBlank();
    Api.Result page2 = api.studio("alice", Map.of("limit", "2", "cursor", cursor));
    assertThat(page2.items()).extracting(i -> i.get("commentId")).containsExactly(first);

    // then the cursor is alice's only, and a token is required
    Api.Result stolen = api.studio("carol", Map.of("cursor", cursor));
    assertThat(stolen.status()).isEqualTo(400);
    assertThat(stolen.error()).containsEntry("code", "INVALID_CURSOR");
    assertThat(api.studio(null, Map.of()).status()).isEqualTo(401);

    // and a deleted comment leaves the list
    assertThat(api.delete("alice", second).status()).isEqualTo(204);
    assertThat(api.studio("alice", Map.of()).items())
        .extracting(i -> i.get("commentId"))
        .containsExactly(third, first);
  }
}
