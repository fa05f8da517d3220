package bloghome.listing.api;

import bloghome.auth.Caller;
import bloghome.aws.DynamoDbClients;
import bloghome.config.Env;
import bloghome.discovery.Discovery;
import bloghome.discovery.DynamoDbDiscoveryStore;
import bloghome.http.ApiHandler;
import bloghome.http.ApiRequest;
import bloghome.http.Responses;
import bloghome.paging.CursorCodec;
import bloghome.posts.DynamoDbPostStore;
import bloghome.posts.ListingQuery;
import bloghome.posts.PostListing;
import bloghome.posts.Studio;
import bloghome.profiles.DynamoDbProfileStore;
import bloghome.profiles.Profiles;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Public reads: an author's post listing, a post page and a profile. */
public final class ListingHandler extends ApiHandler {
  private final PostListing listing;
  private final Profiles profiles;
  private final Studio studio;
  private final Discovery discovery;

  /**
   * Production: clients built once per execution environment from TABLE_NAME; the cursor keys from
   * the SSM parameter CURSOR_KEY_PARAMETER names, read at the first cursor (not at init).
   */
  public ListingHandler() {
    this(
        DynamoDbClients.fromEnvironment(),
        Env.require("TABLE_NAME"),
        CursorCodec.fromEnvironment(Clock.systemUTC()),
        Clock.systemUTC());
    primeBeforeSnapshot("listing");
  }

  /**
   * Listing cursors carry no time (see {@link CursorCodec#withoutExpiry}): a page's body, and so
   * its ETag, stays the same while its posts do not change.
   */
  public ListingHandler(DynamoDbClient dynamo, String table, String cursorSigningKey, Clock clock) {
    this(dynamo, table, CursorCodec.fromSecret(cursorSigningKey, clock), clock);
  }

  public ListingHandler(DynamoDbClient dynamo, String table, CursorCodec cursors, Clock clock) {
    this(new DynamoDbPostStore(dynamo, table, clock), cursors, dynamo, table);
  }

  private ListingHandler(
      DynamoDbPostStore posts, CursorCodec cursors, DynamoDbClient dynamo, String table) {
    this(
        new PostListing(posts, cursors.withoutExpiry()),
        new Profiles(new DynamoDbProfileStore(dynamo, table)),
        new Studio(posts, cursors),
        new Discovery(new DynamoDbDiscoveryStore(dynamo, table)));
  }

  public ListingHandler(
      PostListing listing, Profiles profiles, Studio studio, Discovery discovery) {
    this.listing = listing;
    this.profiles = profiles;
    this.studio = studio;
    this.discovery = discovery;
    route("GET /users/{userId}/posts", this::listPosts);
    route("GET /posts/{postId}", this::getPost);
    route("GET /users/{userId}", this::getProfile);
    route("GET /users/{userId}/categories", this::getCategories);
    // Behind the JWT authorizer: what depends on who reads (followers-only posts).
    route("GET /reader/posts/{postId}", this::readPost);
    route("GET /users/{userId}/followers-posts", this::followersPosts);
  }

  /**
   * A post as the signed-in caller may read it: the author any state, a follower followers-only
   * posts, everyone listed posts; never cached by a shared cache.
   */
  private APIGatewayV2HTTPResponse readPost(ApiRequest request) {
    Caller caller = request.requireCaller();
    var post = listing.read(request.pathParam("postId"), Optional.of(caller.userId()));
    return privateAnswer(Responses.json(200, post));
  }

  private APIGatewayV2HTTPResponse followersPosts(ApiRequest request) {
    var page =
        studio.followersPosts(
            request.requireCaller(),
            request.pathParam("userId"),
            request.query("limit"),
            request.query("cursor"));
    return privateAnswer(Responses.json(200, page));
  }

  private static APIGatewayV2HTTPResponse privateAnswer(APIGatewayV2HTTPResponse response) {
    response.getHeaders().put("cache-control", "private, no-store");
    return response;
  }

  private APIGatewayV2HTTPResponse getCategories(ApiRequest request) {
    return CacheableResponses.ok(request, discovery.categoriesView(request.pathParam("userId")));
  }

  private APIGatewayV2HTTPResponse listPosts(ApiRequest request) {
    ListingQuery query =
        ListingQuery.parse(
            request.pathParam("userId"),
            request.query("limit"),
            request.query("sort"),
            request.query("type"),
            request.query("cursor"));
    return CacheableResponses.ok(request, listing.list(query));
  }

  private APIGatewayV2HTTPResponse getPost(ApiRequest request) {
    return CacheableResponses.ok(request, listing.get(request.pathParam("postId")));
  }

  private APIGatewayV2HTTPResponse getProfile(ApiRequest request) {
    return CacheableResponses.ok(request, profiles.get(request.pathParam("userId")));
  }
}
