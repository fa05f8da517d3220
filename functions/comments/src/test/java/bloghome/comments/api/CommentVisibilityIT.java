package bloghome.comments.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.testing.BlogTable;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Comments of a post are refused exactly as reading the post is: drafts, scheduled and private
 * posts are 404 to everyone but the author; followers-only posts are 403 FOLLOWERS_ONLY to everyone
 * but the author and the author's followers. Against the local stack.
 */
@ExtendWith(LocalAwsExtension.class)
class CommentVisibilityIT {
  private CommentsTestBed bed;
  private Api api;
  private BlogTable posts;

  @BeforeEach
  void setUp(LocalAws aws) {
    bed = CommentsTestBed.withoutRateLimit(aws);
    api = bed.api;
    posts = bed.posts;
  }

  @Test
  void draftScheduledAndPrivatePosts_are404ToOthers_forCommentingAndReading() {
    for (String[] state :
        new String[][] {{"draft", "public"}, {"scheduled", "public"}, {"published", "private"}}) {
      // given alice's post in that state, with a comment of her own
      String postId = posts.create("alice");
      bed.setState(postId, state[0], state[1]);
      String own = api.commentId("alice", postId, "note to self");

      // then bob can neither comment nor read, anonymous readers cannot read, as for a missing post
      Api.Result create = api.comment("bob", postId, "let me in");
      assertThat(create.status()).as(create.raw()).isEqualTo(404);
      assertThat(create.error()).containsEntry("code", "POST_NOT_FOUND");
      assertThat(api.listAs("bob", postId, Map.of()).status()).isEqualTo(404);
      Api.Result anonymous = api.list(postId, Map.of());
      assertThat(anonymous.status()).isEqualTo(404);
      assertThat(anonymous.error()).containsEntry("code", "POST_NOT_FOUND");
      assertThat(api.list(postId, Map.of("replyTo", own)).status()).isEqualTo(404);
      // and the author still reads and writes
      assertThat(api.listAs("alice", postId, Map.of()).items()).hasSize(1);
      assertThat(posts.postCounter(postId, "comments")).isEqualTo(1);
    }
  }

  @Test
  void followersOnlyPosts_areForTheAuthorAndFollowers_403ForOthers() {
    // given alice's followers-only post and bob following her
    String postId = posts.create("alice");
    bed.setState(postId, "published", "followers");
    bed.follow("bob", "alice");

    // when / then a follower comments and reads, so does the author
    api.commentId("bob", postId, "as a follower");
    api.commentId("alice", postId, "thanks");
    assertThat(api.listAs("bob", postId, Map.of()).items()).hasSize(2);
    assertThat(api.listAs("alice", postId, Map.of()).items()).hasSize(2);

    // and anyone else gets the post read's 403 FOLLOWERS_ONLY
    Api.Result create = api.comment("carol", postId, "not a follower");
    assertThat(create.status()).isEqualTo(403);
    assertThat(create.error()).containsEntry("code", "FOLLOWERS_ONLY");
    Api.Result carol = api.listAs("carol", postId, Map.of());
    assertThat(carol.status()).isEqualTo(403);
    assertThat(carol.error()).containsEntry("code", "FOLLOWERS_ONLY");
    Api.Result anonymous = api.list(postId, Map.of());
    assertThat(anonymous.status()).isEqualTo(403);
    assertThat(anonymous.error()).containsEntry("code", "FOLLOWERS_ONLY");
    assertThat(posts.postCounter(postId, "comments")).isEqualTo(2);
  }

  @Test
  void aPostTakenBackToDraft_hidesItsExistingComments() {
    // given a public post with bob's comment
    String postId = posts.create("alice");
    api.commentId("bob", postId, "public remark");
    assertThat(api.list(postId, Map.of()).items()).hasSize(1);

    // when alice makes it private
    bed.setState(postId, "published", "private");

    // then its comments are no longer readable by others
    assertThat(api.list(postId, Map.of()).status()).isEqualTo(404);
    assertThat(api.listAs("bob", postId, Map.of()).status()).isEqualTo(404);
  }
}
