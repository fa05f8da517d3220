package bloghome.bench;

import bloghome.ids.Ids;
import bloghome.table.TableKeys;
import bloghome.table.ViewRank;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Data for the GET routes to find, so they answer 200 rather than 404. Posts and the profile are
 * made through the real create-post and put-profile routes when their handler is present (then the
 * items have exactly the shape the readers expect), otherwise written with the SDK following
 * docs/data-model.md.
 */
final class Seed {
  static final String AUTHOR = "alice";
  private static final String CREATE_POST = "POST /users/{userId}/posts";
  private static final String PUT_PROFILE = "PUT /users/{userId}";
  private static final Pattern POST_ID = Pattern.compile("p_[A-Za-z0-9_-]{22}");
  private static final DateTimeFormatter STORED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

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
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s(TableKeys.userPk(AUTHOR)));
    item.put("sk", s(TableKeys.PROFILE));
    item.put("userId", s(AUTHOR));
    item.put("displayName", s("Alice Moreau"));
    item.put("bio", s("Backend engineer."));
    for (String counter :
        new String[] {"posts", "views", "likes", "favorites", "followers", "following"}) {
      item.put(counter, n("0"));
    }
    ddb().putItem(r -> r.tableName(bench.tableName).item(item));
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

  private String sdkPost() {
    String postId = Ids.newId("p");
    Instant published = Instant.now();
    String publishedAt = STORED.format(published);
    String type = "article";
    Map<String, AttributeValue> summary = new HashMap<>();
    summary.put("pk", s(TableKeys.postPk(postId)));
    summary.put("sk", s(TableKeys.SUMMARY));
    summary.put("postId", s(postId));
    summary.put("authorId", s(AUTHOR));
    summary.put("type", s(type));
    summary.put("title", s("Retries without regrets"));
    summary.put("summary", s("Why every retry needs an idempotency key."));
    summary.put("publishedAt", s(publishedAt));
    summary.put("updatedAt", s(publishedAt));
    for (String counter : new String[] {"views", "comments", "likes", "favorites"}) {
      summary.put(counter, n("0"));
    }
    summary.put("listPk", s(TableKeys.userPk(AUTHOR)));
    summary.put("listTypePk", s(TableKeys.userTypePk(AUTHOR, type)));
    summary.put("publishedKey", s(TableKeys.publishedKey(publishedAt, postId)));
    summary.put("viewRank", n(ViewRank.of(0, published, postId).toString()));
    ddb().putItem(r -> r.tableName(bench.tableName).item(summary));
    ddb()
        .putItem(
            r ->
                r.tableName(bench.tableName)
                    .item(
                        Map.of(
                            "pk",
                            s(TableKeys.postPk(postId)),
                            "sk",
                            s(TableKeys.CONTENT),
                            "content",
                            s("# Retries\n\nKeep the key next to the write."),
                            "tags",
                            l())));
    for (String scope : new String[] {"all", type}) {
      Map<String, AttributeValue> count = new HashMap<>();
      count.put("pk", s(TableKeys.userPk(AUTHOR)));
      count.put("sk", s(TableKeys.countSk(scope.equals("all") ? null : scope)));
      count.put("publishedKey", s(TableKeys.TOP_PUBLISHED_KEY));
      count.put("viewRank", n(ViewRank.TOP));
      count.put(
          scope.equals("all") ? "listPk" : "listTypePk",
          s(scope.equals("all") ? TableKeys.userPk(AUTHOR) : TableKeys.userTypePk(AUTHOR, type)));
      ddb()
          .updateItem(
              r ->
                  r.tableName(bench.tableName)
                      .key(Map.of("pk", count.get("pk"), "sk", count.get("sk")))
                      .updateExpression(
                          "SET publishedKey = :pk, viewRank = :vr, #idx = :idx ADD #count :one")
                      .expressionAttributeNames(
                          Map.of(
                              "#count",
                              "count",
                              "#idx",
                              scope.equals("all") ? "listPk" : "listTypePk"))
                      .expressionAttributeValues(
                          Map.of(
                              ":pk",
                              count.get("publishedKey"),
                              ":vr",
                              count.get("viewRank"),
                              ":idx",
                              scope.equals("all") ? count.get("listPk") : count.get("listTypePk"),
                              ":one",
                              n("1"))));
    }
    ddb()
        .updateItem(
            r ->
                r.tableName(bench.tableName)
                    .key(Map.of("pk", s(TableKeys.userPk(AUTHOR)), "sk", s(TableKeys.PROFILE)))
                    .updateExpression("ADD posts :one")
                    .expressionAttributeValues(Map.of(":one", n("1"))));
    return postId;
  }

  /** The post's views counter as stored. */
  long views(String postId) {
    var item =
        ddb()
            .getItem(
                r ->
                    r.tableName(bench.tableName)
                        .consistentRead(true)
                        .key(Map.of("pk", s(TableKeys.postPk(postId)), "sk", s(TableKeys.SUMMARY))))
            .item();
    AttributeValue views = item == null ? null : item.get("views");
    return views == null || views.n() == null ? 0 : Long.parseLong(views.n());
  }

  private DynamoDbClient ddb() {
    return bench.stack.dynamoDb();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  private static AttributeValue l() {
    return AttributeValue.fromL(List.of());
  }
}
