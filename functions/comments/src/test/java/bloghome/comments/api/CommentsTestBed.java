package bloghome.comments.api;

import bloghome.comments.CommentsConfig;
import bloghome.comments.DynamoDbCommentStore;
import bloghome.comments.RateLimit;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.MutableClock;
import bloghome.paging.CursorCodec;
import bloghome.testing.BlogTable;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** A fresh table, a handler on it with a hand-moved clock, and the helpers tests share. */
final class CommentsTestBed {
  static final String SIGNING_KEY = "comments-test-signing-key-of-32+chars";

  final String table;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00.000Z"));
  final DynamoDbCommentStore store;
  final CommentsHandler handler;
  final BlogTable posts;
  final Api api;

  CommentsTestBed(LocalAws aws, CommentsConfig config) {
    this.table = aws.freshTable("BlogTable");
    DynamoDbClient dynamo = aws.dynamoDbClient();
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
}
