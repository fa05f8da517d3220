package bloghome.listing.api;

import bloghome.aws.DynamoDbClients;
import bloghome.config.Env;
import bloghome.discovery.Discovery;
import bloghome.discovery.DynamoDbDiscoveryStore;
import bloghome.http.ApiHandler;
import bloghome.http.ApiRequest;
import bloghome.paging.CursorCodec;
import bloghome.posts.DynamoDbPostStore;
import bloghome.posts.ListingQuery;
import bloghome.posts.PostListing;
import bloghome.profiles.DynamoDbProfileStore;
import bloghome.profiles.Profiles;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Public reads: an author's post listing, a post page and a profile. */
public final class ListingHandler extends ApiHandler {
  private final PostListing listing;
  private final Profiles profiles;
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
    this(
        new PostListing(new DynamoDbPostStore(dynamo, table, clock), cursors.withoutExpiry()),
        new Profiles(new DynamoDbProfileStore(dynamo, table)),
        new Discovery(new DynamoDbDiscoveryStore(dynamo, table)));
  }

  public ListingHandler(PostListing listing, Profiles profiles, Discovery discovery) {
    this.listing = listing;
    this.profiles = profiles;
    this.discovery = discovery;
    route("GET /users/{userId}/posts", this::listPosts);
    route("GET /posts/{postId}", this::getPost);
    route("GET /users/{userId}", this::getProfile);
    route("GET /users/{userId}/categories", this::getCategories);
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
