package bloghome.bench;

import bloghome.ids.Ids;
import bloghome.posts.Counters;
import bloghome.posts.DynamoDbPostStore;
import bloghome.posts.Post;
import bloghome.posts.PostStore;
import bloghome.posts.PostSummary;
import bloghome.posts.PostType;
import bloghome.profiles.DynamoDbProfileStore;
import bloghome.table.PostSummaryItems;
import bloghome.table.TableAccess;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Data for the GET routes to find, so they answer 200 rather than 404. Posts and the profile are
 * made through the real create-post and put-profile routes when their handler is present, otherwise
 * through the posts and profiles stores themselves: either way the items have exactly the shape the
 * readers expect.
 */
final class Seed {
  static final String AUTHOR = "alice";
  private static final String CREATE_POST = "POST /users/{userId}/posts";
  private static final String PUT_PROFILE = "PUT /users/{userId}";
  private static final Pattern POST_ID = Pattern.compile("p_[A-Za-z0-9_-]{22}");

  private final Bench bench;
  private boolean warnedPost;

  Seed(Bench bench) {
    this.bench = bench;
  }

  void profile() {
    Optional<Bench.Fn> fn = bench.functionFor(PUT_PROFILE).filter(Bench.Fn::inProcess);
    if (fn.isPresent() && bench.events.fileFor(PUT_PROFILE).isPresent()) {
      Map<String, Object> event = bench.events.http(PUT_PROFILE);
      EventCatalog.pathParameters(event, Map.of("userId", AUTHOR));
      EventCatalog.caller(event, AUTHOR);
      APIGatewayV2HTTPResponse response = Bench.invoke(fn.get(), event);
      if (response.getStatusCode() / 100 == 2) {
        return;
      }
      bench.report.note(
          "Seeding: "
              + PUT_PROFILE
              + " answered "
              + response.getStatusCode()
              + "; the profile was written with the SDK instead.");
    }
    new DynamoDbProfileStore(ddb(), bench.tableName)
        .save(AUTHOR, "Alice Moreau", "Backend engineer.");
  }

  /** A new post by {@link #AUTHOR}; returns its id. */
  String post() {
    Optional<Bench.Fn> fn = bench.functionFor(CREATE_POST).filter(Bench.Fn::inProcess);
    if (fn.isPresent() && bench.events.fileFor(CREATE_POST).isPresent()) {
      Map<String, Object> event = bench.events.http(CREATE_POST);
      EventCatalog.pathParameters(event, Map.of("userId", AUTHOR));
      EventCatalog.caller(event, AUTHOR);
      EventCatalog.header(event, "idempotency-key", UUID.randomUUID().toString());
      APIGatewayV2HTTPResponse response = Bench.invoke(fn.get(), event);
      String text =
          String.valueOf(response.getBody()) + " " + String.valueOf(response.getHeaders());
      Matcher id = POST_ID.matcher(text);
      if (response.getStatusCode() / 100 == 2 && id.find()) {
        return id.group();
      }
      if (!warnedPost) {
        warnedPost = true;
        bench.report.note(
            "Seeding: "
                + CREATE_POST
                + " answered "
                + response.getStatusCode()
                + " without a post id; posts were written with the SDK instead.");
      }
    }
    return sdkPost();
  }

  /** A post written by the posts feature's own store: every item exactly as a create writes it. */
  private String sdkPost() {
    String postId = Ids.newId("p");
    Instant published = Instant.now();
    PostSummary summary =
        new PostSummary(
            postId,
            AUTHOR,
            PostType.ORIGINAL,
            "Retries without regrets",
            "Why every retry needs an idempotency key.",
            published,
            published,
            Counters.ZERO,
            Optional.empty());
    Post post =
        new Post(
            summary,
            "# Retries\n\nKeep the key next to the write.",
            Optional.empty(),
            List.of(),
            List.of(),
            false);
    PostStore.Write written =
        new DynamoDbPostStore(ddb(), bench.tableName, Clock.systemUTC())
            .create(post, Optional.empty());
    if (written != PostStore.Write.DONE) {
      throw new IllegalStateException("seeding a post: " + written);
    }
    return postId;
  }

  /** The post's views counter as stored. */
  long views(String postId) {
    return new PostSummaryItems(new TableAccess(ddb(), bench.tableName))
        .counter(postId, PostSummaryItems.Counter.VIEWS);
  }

  private DynamoDbClient ddb() {
    return bench.stack.dynamoDb();
  }
}
