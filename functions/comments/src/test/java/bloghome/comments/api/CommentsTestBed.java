package bloghome.comments.api;

import bloghome.comments.CommentsConfig;
import bloghome.comments.DynamoDbCommentStore;
import bloghome.comments.RateLimit;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.MutableClock;
import bloghome.paging.CursorCodec;
import bloghome.table.PostSummaryItems;
import bloghome.table.TableKeys;
import bloghome.testing.BlogTable;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A fresh table, a handler on it with a hand-moved clock, and the helpers tests share. */
final class CommentsTestBed {
  static final String SIGNING_KEY = "comments-test-signing-key-of-32+chars";

  final String table;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00.000Z"));
  final DynamoDbCommentStore store;
  final CommentsHandler handler;
  final BlogTable posts;
  final Api api;
  private final DynamoDbClient dynamo;

  CommentsTestBed(LocalAws aws, CommentsConfig config) {
    this.table = aws.freshTable("BlogTable");
    this.dynamo = aws.dynamoDbClient();
    this.store = new DynamoDbCommentStore(dynamo, table);
    this.handler =
        new CommentsHandler(store, CursorCodec.fromSecret(SIGNING_KEY, clock), clock, config);
    this.posts = new BlogTable(dynamo, table);
    this.api = new Api(handler);
  }

  /** Default limits, except that the rate limit is off unless a test is about it. */
  static CommentsTestBed withoutRateLimit(LocalAws aws) {
    return new CommentsTestBed(aws, CommentsConfig.DEFAULT.withRateLimit(RateLimit.NONE));
  }

  /** Moves a post to a state and visibility directly in its summary, as the studio would. */
  void setState(String postId, String status, String visibility) {
    dynamo.updateItem(
        r ->
            r.tableName(table)
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

  /** The follow edge's out half, the item the post read checks. */
  void follow(String followerId, String authorId) {
    dynamo.putItem(
        r ->
            r.tableName(table)
                .item(
                    Map.of(
                        TableKeys.PK, AttributeValue.fromS(TableKeys.follow(followerId, authorId)),
                        TableKeys.SK, AttributeValue.fromS(TableKeys.FOLLOW_OUT))));
  }
}
