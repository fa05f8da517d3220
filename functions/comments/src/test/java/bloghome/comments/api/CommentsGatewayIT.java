package bloghome.comments.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.comments.CommentsConfig;
import bloghome.json.Json;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.local.junit.TestGateway;
import bloghome.table.PostSummaryItems;
import bloghome.table.TableKeys;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** CommentsFunction behind the local gateway: the template's routes and JWT authorizer. */
@ExtendWith(LocalAwsExtension.class)
class CommentsGatewayIT {
  private CommentsTestBed bed;
  private TestGateway gateway;
  private DynamoDbClient dynamo;

  @BeforeEach
  void setUp(LocalAws aws) {
    dynamo = aws.dynamoDbClient();
    bed = new CommentsTestBed(aws, CommentsConfig.DEFAULT);
    gateway = aws.gateway(Map.of("CommentsFunction", bed.handler));
  }

  @AfterEach
  void tearDown() {
    gateway.close();
  }

  private HttpResponse<String> create(String token, String postId, String json) {
    HttpRequest.Builder request =
        gateway
            .request("/posts/" + postId + "/comments")
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    return gateway.send(request.build());
  }

  private HttpResponse<String> delete(String token, String commentId) {
    HttpRequest.Builder request = gateway.request("/comments/" + commentId).DELETE();
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    return gateway.send(request.build());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(HttpResponse<String> response) {
    return (Map<String, Object>) Json.parse(response.body());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> error(HttpResponse<String> response) {
    return (Map<String, Object>) json(response).get("error");
  }

  @Test
  void createAndDelete_withoutAToken_are401_andNothingChanges() {
    String postId = bed.posts.create("alice");
    String commentId = bed.api.commentId("bob", postId, "hello");

    assertThat(create(null, postId, "{\"body\":\"anonymous\"}").statusCode()).isEqualTo(401);
    assertThat(delete(null, commentId).statusCode()).isEqualTo(401);

    assertThat(bed.posts.postCounter(postId, "comments")).isEqualTo(1);
  }

  @Test
  void list_isPublic() {
    String postId = bed.posts.create("alice");
    bed.api.commentId("bob", postId, "hello");

    HttpResponse<String> response =
        gateway.send(gateway.request("/posts/" + postId + "/comments?limit=5").GET().build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(json(response)).containsEntry("commentCount", 1L);
  }

  @Test
  void followersOnlyComments_areReadThroughTheJwtTwinRoute_byTheAuthorAndFollowersOnly() {
    // given alice's followers-only post, bob following her, a comment of each
    String postId = bed.posts.create("alice");
    dynamo.updateItem(
        r ->
            r.tableName(bed.table)
                .key(
                    Map.of(
                        TableKeys.PK, AttributeValue.fromS(TableKeys.postPk(postId)),
                        TableKeys.SK, AttributeValue.fromS(TableKeys.SUMMARY)))
                .updateExpression("SET #v = :v")
                .expressionAttributeNames(Map.of("#v", PostSummaryItems.VISIBILITY))
                .expressionAttributeValues(
                    Map.of(":v", AttributeValue.fromS(PostSummaryItems.FOLLOWERS))));
    dynamo.putItem(
        r ->
            r.tableName(bed.table)
                .item(
                    Map.of(
                        TableKeys.PK, AttributeValue.fromS(TableKeys.follow("bob", "alice")),
                        TableKeys.SK, AttributeValue.fromS(TableKeys.FOLLOW_OUT))));
    assertThat(create(gateway.token("bob"), postId, "{\"body\":\"as a follower\"}").statusCode())
        .isEqualTo(201);
    assertThat(create(gateway.token("alice"), postId, "{\"body\":\"thanks\"}").statusCode())
        .isEqualTo(201);

    // then the public route stays anonymous whatever token comes with it: 403 FOLLOWERS_ONLY
    HttpResponse<String> publicWithToken =
        gateway.send(
            gateway
                .request("/posts/" + postId + "/comments")
                .header("authorization", "Bearer " + gateway.token("bob"))
                .GET()
                .build());
    assertThat(publicWithToken.statusCode()).isEqualTo(403);
    assertThat(error(publicWithToken)).containsEntry("code", "FOLLOWERS_ONLY");

    // and the twin route answers the follower and the author, privately
    for (String reader : new String[] {"bob", "alice"}) {
      HttpResponse<String> list = readerList(gateway.token(reader), postId);
      assertThat(list.statusCode()).as(reader).isEqualTo(200);
      assertThat(list.headers().firstValue("cache-control")).hasValue("private, no-store");
      assertThat(json(list)).containsEntry("commentCount", 2L);
      assertThat((List<?>) json(list).get("items")).hasSize(2);
    }
    // a reader who does not follow gets the post read's 403, no token the gateway's 401
    HttpResponse<String> carol = readerList(gateway.token("carol"), postId);
    assertThat(carol.statusCode()).isEqualTo(403);
    assertThat(error(carol)).containsEntry("code", "FOLLOWERS_ONLY");
    assertThat(readerList(null, postId).statusCode()).isEqualTo(401);
  }

  private HttpResponse<String> readerList(String token, String postId) {
    HttpRequest.Builder request =
        gateway.request("/reader/posts/" + postId + "/comments?limit=10").GET();
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    return gateway.send(request.build());
  }

  @Test
  void createThenDelete_withTokens_201Then204_andSomeoneElsesDeleteIs403() {
    String postId = bed.posts.create("alice");

    HttpResponse<String> created =
        create(gateway.token("bob"), postId, "{\"body\":\"through the gateway 🚪\"}");
    String commentId = (String) json(created).get("commentId");
    HttpResponse<String> forbidden = delete(gateway.token("mallory"), commentId);
    HttpResponse<String> deleted = delete(gateway.token("bob"), commentId);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json(created))
        .containsEntry("authorId", "bob")
        .containsEntry("body", "through the gateway 🚪");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(error(forbidden))
        .containsEntry("code", "NOT_COMMENT_OR_POST_AUTHOR")
        .containsKey("message");
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(bed.posts.postCounter(postId, "comments")).isZero();
  }

  @Test
  void errors_areJsonWithCodeMessageAndField() {
    String postId = bed.posts.create("alice");
    String token = gateway.token("bob");

    HttpResponse<String> malformed = create(token, postId, "{\"body\":");
    HttpResponse<String> tooLong = create(token, postId, "{\"body\":\"" + "x".repeat(2001) + "\"}");
    HttpResponse<String> tooLarge =
        create(token, postId, "{\"body\":\"" + "x".repeat(20_000) + "\"}");
    HttpResponse<String> noPost = create(token, "p_gone", "{\"body\":\"hi\"}");
    HttpResponse<String> badLimit =
        gateway.send(gateway.request("/posts/" + postId + "/comments?limit=500").GET().build());

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(error(malformed))
        .containsEntry("code", "MALFORMED_JSON")
        .containsEntry("field", "body");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(error(tooLong)).containsEntry("code", "INVALID_BODY").containsEntry("field", "body");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(error(tooLarge)).containsEntry("code", "TOO_LARGE");
    assertThat(noPost.statusCode()).isEqualTo(404);
    assertThat(error(noPost)).containsEntry("code", "POST_NOT_FOUND").containsKey("message");
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(error(badLimit)).containsEntry("field", "limit");
  }

  @Test
  void rateLimit_answers429WithRetryAfter_throughTheGateway() {
    String postId = bed.posts.create("alice");
    String token = gateway.token("bob");
    for (int i = 0; i < 5; i++) {
      assertThat(create(token, postId, "{\"body\":\"n" + i + "\"}").statusCode()).isEqualTo(201);
    }

    HttpResponse<String> limited = create(token, postId, "{\"body\":\"n5\"}");

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).hasValue("60");
    assertThat(error(limited)).containsEntry("code", "RATE_LIMITED");
  }
}
