package bloghome.manage.api;

import bloghome.aws.DynamoDbClients;
import bloghome.config.Env;
import bloghome.discovery.Discovery;
import bloghome.discovery.DynamoDbDiscoveryStore;
import bloghome.errors.Problem;
import bloghome.http.ApiHandler;
import bloghome.http.ApiRequest;
import bloghome.http.Responses;
import bloghome.ids.Ids;
import bloghome.manage.schedules.EventBridgeSchedules;
import bloghome.paging.CursorCodec;
import bloghome.posts.DynamoDbPostStore;
import bloghome.posts.Importer;
import bloghome.posts.Post;
import bloghome.posts.PostScheduler;
import bloghome.posts.PostStore;
import bloghome.posts.Publishing;
import bloghome.posts.Studio;
import bloghome.posts.StudioQuery;
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
  private final Studio studio;
  private final Discovery discovery;

  /**
   * Production: clients built once per execution environment from TABLE_NAME; studio cursors signed
   * with the keys of CURSOR_KEY_PARAMETER (read at the first cursor); schedules of scheduled posts
   * in SCHEDULE_GROUP, invoking PUBLISHER_ARN as SCHEDULER_ROLE_ARN.
   */
  public ManageHandler() {
    this(
        DynamoDbClients.fromEnvironment(),
        Env.require("TABLE_NAME"),
        CursorCodec.fromEnvironment(Clock.systemUTC()),
        Clock.systemUTC(),
        EventBridgeSchedules.fromEnvironment());
    primeBeforeSnapshot("manage");
  }

  /** Tests: cursors signed with a key of this instance's own, no schedules. */
  public ManageHandler(DynamoDbClient dynamo, String table, Clock clock) {
    this(
        dynamo,
        table,
        CursorCodec.fromSecret(Ids.newId("cursor-key") + Ids.newId("k"), clock),
        clock,
        PostScheduler.NONE);
  }

  public ManageHandler(
      DynamoDbClient dynamo,
      String table,
      CursorCodec cursors,
      Clock clock,
      PostScheduler scheduler) {
    this(
        new DynamoDbPostStore(dynamo, table, clock),
        new Profiles(new DynamoDbProfileStore(dynamo, table)),
        new Discovery(new DynamoDbDiscoveryStore(dynamo, table)),
        cursors,
        clock,
        scheduler);
  }

  public ManageHandler(
      PostStore posts,
      Profiles profiles,
      Discovery discovery,
      CursorCodec cursors,
      Clock clock,
      PostScheduler scheduler) {
    this.profiles = profiles;
    this.discovery = discovery;
    this.publishing = new Publishing(posts, clock, scheduler);
    this.importer = new Importer(posts, clock);
    this.studio = new Studio(posts, cursors);
    route("PUT /users/{userId}", this::putProfile);
    route("POST /users/{userId}/posts", this::createPost);
    route("PUT /posts/{postId}", this::updatePost);
    route("DELETE /posts/{postId}", this::deletePost);
    route("POST /users/{userId}/posts/import", this::importPosts);
    route("GET /studio/posts", this::studioPosts);
    route("GET /studio/posts/{postId}", this::studioPost);
    route("GET /posts/{postId}/revisions", this::revisions);
    route("GET /posts/{postId}/revisions/{version}", this::revision);
    route("POST /posts/{postId}/revisions/{version}/restore", this::restore);
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
    return Responses.json(201, created.post().ownerJson(), headers);
  }

  private APIGatewayV2HTTPResponse updatePost(ApiRequest request) {
    var post =
        publishing.update(
            request.requireCaller(), request.pathParam("postId"), request.json(POST_BODY_MAX));
    return Responses.json(200, post.ownerJson());
  }

  private APIGatewayV2HTTPResponse deletePost(ApiRequest request) {
    publishing.delete(request.requireCaller(), request.pathParam("postId"));
    return Responses.empty(204, Map.of());
  }

  private APIGatewayV2HTTPResponse studioPosts(ApiRequest request) {
    StudioQuery query =
        StudioQuery.parse(
            request.query("state"),
            request.query("type"),
            request.query("q"),
            request.query("limit"),
            request.query("cursor"));
    return noStore(Responses.json(200, studio.posts(request.requireCaller(), query)));
  }

  private APIGatewayV2HTTPResponse studioPost(ApiRequest request) {
    Post post = publishing.ownedPost(request.requireCaller(), request.pathParam("postId"));
    return noStore(Responses.json(200, post.ownerJson()));
  }

  private APIGatewayV2HTTPResponse revisions(ApiRequest request) {
    var entries = publishing.revisions(request.requireCaller(), request.pathParam("postId"));
    return noStore(Responses.json(200, Map.of("items", entries)));
  }

  private APIGatewayV2HTTPResponse revision(ApiRequest request) {
    var revision =
        publishing.revision(request.requireCaller(), request.pathParam("postId"), version(request));
    return noStore(Responses.json(200, revision));
  }

  private APIGatewayV2HTTPResponse restore(ApiRequest request) {
    Post post =
        publishing.restore(
            request.requireCaller(),
            request.pathParam("postId"),
            version(request),
            request.json(PROFILE_BODY_MAX));
    return Responses.json(200, post.ownerJson());
  }

  /** The {version} of a revision route: a whole number from 1, else no such revision. */
  private static long version(ApiRequest request) {
    String raw = request.pathParam("version");
    if (raw.isEmpty() || raw.length() > 12 || !raw.chars().allMatch(Character::isDigit)) {
      throw Problem.notFound("REVISION_NOT_FOUND", "No such revision.");
    }
    return Long.parseLong(raw);
  }

  /** The owner's reads are never cached by a browser or a CDN. */
  private static APIGatewayV2HTTPResponse noStore(APIGatewayV2HTTPResponse response) {
    response.getHeaders().put("cache-control", "no-store");
    return response;
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
