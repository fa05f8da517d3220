package bloghome.comments.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.comments.RecentComments;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.table.PostSummaryItems;
import bloghome.table.TableKeys;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
    setState(forFollowers, "published", "followers");
    follow("bob", "alice");
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
    setState(first, "draft", "public");
    assertThat(recent.newest("alice", 5))
        .extracting(RecentComments.Recent::commentId)
        .containsExactly(onSecond);
    setState(second, "published", "private");

    // then nothing is left to show
    assertThat(recent.newest("alice", 5)).isEmpty();

    // and a post made public again shows its comments again
    setState(first, "published", "public");
    assertThat(recent.newest("alice", 1))
        .extracting(RecentComments.Recent::commentId)
        .containsExactly(onFirst);
  }

  private void setState(String postId, String status, String visibility) {
    dynamo.updateItem(
        r ->
            r.tableName(bed.table)
                .key(
                    Map.of(
                        TableKeys.PK, AttributeValue.fromS(TableKeys.postPk(postId)),
                        TableKeys.SK, AttributeValue.fromS(TableKeys.SUMMARY)))
                .updateExpression("SET #s = :s, #v = :v")
                .expressionAttributeNames(
                    Map.of("#s", PostSummaryItems.STATUS, "#v", PostSummaryItems.VISIBILITY))
                .expressionAttributeValues(
                    Map.of(
                        ":s",
                        AttributeValue.fromS(status),
                        ":v",
                        AttributeValue.fromS(visibility))));
  }

  private void follow(String followerId, String authorId) {
    dynamo.putItem(
        r ->
            r.tableName(bed.table)
                .item(
                    Map.of(
                        TableKeys.PK, AttributeValue.fromS(TableKeys.follow(followerId, authorId)),
                        TableKeys.SK, AttributeValue.fromS(TableKeys.FOLLOW_OUT))));
  }
}
