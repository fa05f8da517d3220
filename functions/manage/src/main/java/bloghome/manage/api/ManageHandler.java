package bloghome.manage.api;

import bloghome.aws.DynamoDbClients;
import bloghome.config.Env;
import bloghome.discovery.Discovery;
import bloghome.discovery.DynamoDbDiscoveryStore;
import bloghome.http.ApiHandler;
import bloghome.http.ApiRequest;
import bloghome.http.Responses;
import bloghome.posts.DynamoDbPostStore;
import bloghome.posts.Importer;
import bloghome.posts.PostStore;
import bloghome.posts.Publishing;
import bloghome.profiles.DynamoDbProfileStore;
import bloghome.profiles.Profiles;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The author's writes: profile, posts and imports. Every route acts for the token's subject only.
 */
public final class ManageHandler extends ApiHandler {
  /** A post's content may be 200 KB; JSON escaping and the other fields need some room. */
  static final int POST_BODY_MAX = 256 * 1024;

  static final int IMPORT_BODY_MAX = 2 * 1024 * 1024;
  static final int PROFILE_BODY_MAX = 16 * 1024;

  private final Profiles profiles;
  private final Publishing publishing;
  private final Importer importer;
  private final Discovery discovery;

  /** Production: clients built once per execution environment from TABLE_NAME. */
  public ManageHandler() {
    this(DynamoDbClients.fromEnvironment(), Env.require("TABLE_NAME"), Clock.systemUTC());
    primeBeforeSnapshot("manage");
  }

  public ManageHandler(DynamoDbClient dynamo, String table, Clock clock) {
    this(
        new DynamoDbPostStore(dynamo, table, clock),
        new Profiles(new DynamoDbProfileStore(dynamo, table)),
        new Discovery(new DynamoDbDiscoveryStore(dynamo, table)),
        clock);
  }

  public ManageHandler(PostStore posts, Profiles profiles, Discovery discovery, Clock clock) {
    this.profiles = profiles;
    this.discovery = discovery;
    this.publishing = new Publishing(posts, clock);
    this.importer = new Importer(posts, clock);
    route("PUT /users/{userId}", this::putProfile);
    route("POST /users/{userId}/posts", this::createPost);
    route("PUT /posts/{postId}", this::updatePost);
    route("DELETE /posts/{postId}", this::deletePost);
    route("POST /users/{userId}/posts/import", this::importPosts);
    route("PUT /users/{userId}/categories", this::putCategories);
  }

  /**
   * Adds an update of a post that does not exist: parses and validates a body, reads, writes
   * nothing.
   */
  @Override
  protected List<APIGatewayV2HTTPEvent> primingRequests() {
    var events = new ArrayList<>(super.primingRequests());
    events.add(
        primingEvent(
            "PUT /posts/{postId}",
            "priming-user",
            "{\"type\":\"original\",\"title\":\"Priming\",\"content\":\"# Warm\\nup *text*\",\"tags\":[\"a\"]}"));
    return events;
  }

  private APIGatewayV2HTTPResponse putProfile(ApiRequest request) {
    var profile =
        profiles.put(
            request.requireCaller(), request.pathParam("userId"), request.json(PROFILE_BODY_MAX));
    return Responses.json(200, profile);
  }

  private APIGatewayV2HTTPResponse createPost(ApiRequest request) {
    var created =
        publishing.create(
            request.requireCaller(),
            request.pathParam("userId"),
            request.json(POST_BODY_MAX),
            request.header("idempotency-key"));
    Map<String, String> headers = new HashMap<>();
    headers.put("location", "/posts/" + created.post().postId());
    if (created.replayed()) {
      headers.put("idempotent-replayed", "true");
    }
    return Responses.json(201, created.post(), headers);
  }

  private APIGatewayV2HTTPResponse updatePost(ApiRequest request) {
    var post =
        publishing.update(
            request.requireCaller(), request.pathParam("postId"), request.json(POST_BODY_MAX));
    return Responses.json(200, post);
  }

  private APIGatewayV2HTTPResponse deletePost(ApiRequest request) {
    publishing.delete(request.requireCaller(), request.pathParam("postId"));
    return Responses.empty(204, Map.of());
  }

  /** The author's category order and feed choice (docs/discovery.md). */
  private APIGatewayV2HTTPResponse putCategories(ApiRequest request) {
    var categories =
        discovery.saveCategories(
            request.requireCaller(), request.pathParam("userId"), request.json(PROFILE_BODY_MAX));
    return Responses.json(200, categories);
  }

  private APIGatewayV2HTTPResponse importPosts(ApiRequest request) {
    var report =
        importer.importPosts(
            request.requireCaller(), request.pathParam("userId"), request.json(IMPORT_BODY_MAX));
    return Responses.json(200, report);
  }
}
