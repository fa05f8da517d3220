package bloghome.comments.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.comments.RecentComments;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The blog's public recent-comments sidebar shows comments on posts listed now only: not on
 * followers-only, private or draft posts, also when the post was public when the comment was
 * written. Against the local stack.
 */
@ExtendWith(LocalAwsExtension.class)
class RecentCommentsIT {
  private CommentsTestBed bed;
  private DynamoDbClient dynamo;
  private RecentComments recent;

  @BeforeEach
  void setUp(LocalAws aws) {
    bed = CommentsTestBed.withoutRateLimit(aws);
    dynamo = aws.dynamoDbClient();
    recent = new RecentComments(dynamo, bed.table);
  }

  @Test
  void showsOnlyCommentsOnPostsListedNow() {
    // given alice's two public posts and a followers-only one, each commented by bob
    String first = bed.posts.create("alice");
    String second = bed.posts.create("alice");
    String forFollowers = bed.posts.create("alice");
    bed.setState(forFollowers, "published", "followers");
    bed.follow("bob", "alice");
    String onFirst = bed.api.commentId("bob", first, "on the first");
    bed.clock.advance(Duration.ofSeconds(1));
    String onSecond = bed.api.commentId("bob", second, "on the second");
    bed.clock.advance(Duration.ofSeconds(1));
    bed.api.commentId("bob", forFollowers, "for followers");

    // then the sidebar has the two public ones, newest first
    assertThat(recent.newest("alice", 5))
        .extracting(RecentComments.Recent::commentId)
        .containsExactly(onSecond, onFirst);

    // when the first post is taken back to draft and the second made private
    bed.setState(first, "draft", "public");
    assertThat(recent.newest("alice", 5))
        .extracting(RecentComments.Recent::commentId)
        .containsExactly(onSecond);
    bed.setState(second, "published", "private");

    // then nothing is left to show
    assertThat(recent.newest("alice", 5)).isEmpty();

    // and a post made public again shows its comments again
    bed.setState(first, "published", "public");
    assertThat(recent.newest("alice", 1))
        .extracting(RecentComments.Recent::commentId)
        .containsExactly(onFirst);
  }
}
