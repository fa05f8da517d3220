package bloghome.stats.api;

import bloghome.auth.Caller;
import bloghome.auth.JwksTokenVerifier;
import bloghome.aws.DynamoDbClients;
import bloghome.config.Env;
import bloghome.http.ApiHandler;
import bloghome.http.ApiRequest;
import bloghome.http.Responses;
import bloghome.paging.CursorCodec;
import bloghome.paging.PageLimit;
import bloghome.paging.StorePage;
import bloghome.stats.DynamoDbFollowStore;
import bloghome.stats.DynamoDbPostDirectory;
import bloghome.stats.DynamoDbReactionStore;
import bloghome.stats.DynamoDbViewStore;
import bloghome.stats.Favorite;
import bloghome.stats.FollowEntry;
import bloghome.stats.FollowStore;
import bloghome.stats.Follows;
import bloghome.stats.PostDirectory;
import bloghome.stats.Reaction;
import bloghome.stats.ReactionStore;
import bloghome.stats.Reactions;
import bloghome.stats.ViewStore;
import bloghome.stats.Views;
import bloghome.stats.visitor.BotDetector;
import bloghome.stats.visitor.DynamoDbSaltStore;
import bloghome.stats.visitor.SaltStore;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Views, likes, favorites and follows (StatsFunction). */
public final class StatsHandler extends ApiHandler {
  /** None of these routes takes a body; anything bigger than this is refused unread. */
  static final int MAX_BODY_BYTES = 1024;

  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 100;

  private final Views views;
  private final Reactions reactions;
  private final Follows follows;
  private final BotDetector bots;
  private final SaltStore salts;
  private final Function<String, Optional<Caller>> bearerTokens;

  /** Lambda's constructor: clients built once per execution environment. */
  public StatsHandler() {
    this(
        DynamoDbClients.fromEnvironment(),
        Env.require("TABLE_NAME"),
        CursorCodec.fromEnvironment(Clock.systemUTC()),
        Clock.systemUTC(),
        BotDetector.bundled(),
        JwksTokenVerifier.create(Env.require("JWT_ISSUER"), Env.require("JWT_AUDIENCE"))
            ::verifyBearer);
    primeBeforeSnapshot("stats");
  }

  /** Real stores on {@code table}; tests pass their own clock and token check. */
  public StatsHandler(
      DynamoDbClient dynamoDb,
      String table,
      CursorCodec cursors,
      Clock clock,
      BotDetector bots,
      Function<String, Optional<Caller>> bearerTokens) {
    this(
        new DynamoDbPostDirectory(dynamoDb, table),
        new DynamoDbViewStore(dynamoDb, table),
        new DynamoDbReactionStore(dynamoDb, table),
        new DynamoDbFollowStore(dynamoDb, table),
        new DynamoDbSaltStore(dynamoDb, table, clock),
        cursors,
        clock,
        bots,
        bearerTokens);
  }

  public StatsHandler(
      PostDirectory posts,
      ViewStore viewStore,
      ReactionStore reactionStore,
      FollowStore followStore,
      SaltStore salts,
      CursorCodec cursors,
      Clock clock,
      BotDetector bots,
      Function<String, Optional<Caller>> bearerTokens) {
    this.views = new Views(posts, viewStore, clock);
    this.reactions = new Reactions(posts, reactionStore, cursors, clock);
    this.follows = new Follows(followStore, cursors, clock);
    this.salts = salts;
    this.bots = bots;
    this.bearerTokens = bearerTokens;
    route("POST /posts/{postId}/views", this::recordView);
    route("PUT /posts/{postId}/like", r -> react(r, Reaction.LIKE, true));
    route("DELETE /posts/{postId}/like", r -> react(r, Reaction.LIKE, false));
    route("PUT /posts/{postId}/favorite", r -> react(r, Reaction.FAVORITE, true));
    route("DELETE /posts/{postId}/favorite", r -> react(r, Reaction.FAVORITE, false));
    route("GET /users/{userId}/favorites", this::listFavorites);
    route("PUT /users/{userId}/follow", r -> follow(r, true));
    route("DELETE /users/{userId}/follow", r -> follow(r, false));
    route("GET /users/{userId}/followers", r -> listFollows(r, Follows.Direction.FOLLOWERS));
    route("GET /users/{userId}/following", r -> listFollows(r, Follows.Direction.FOLLOWING));
  }

  private APIGatewayV2HTTPResponse recordView(ApiRequest request) {
    request.body(MAX_BODY_BYTES);
    String postId = request.pathParam("postId");
    String userAgent =
        request
            .header("user-agent")
            .orElseGet(
                () ->
                    request.event().getRequestContext() == null
                            || request.event().getRequestContext().getHttp() == null
                        ? ""
                        : request.event().getRequestContext().getHttp().getUserAgent());
    var visitor = new RequestVisitor(bots, salts, request.sourceIp().orElse(""), userAgent);
    boolean counted =
        views.record(
            postId,
            visitor,
            () -> request.header("authorization").flatMap(bearerTokens).map(Caller::userId));
    return Responses.json(200, Map.of("counted", counted));
  }

  private APIGatewayV2HTTPResponse react(ApiRequest request, Reaction reaction, boolean on) {
    request.body(MAX_BODY_BYTES);
    String postId = request.pathParam("postId");
    String userId = request.requireCaller().userId();
    Reactions.State state =
        on ? reactions.add(reaction, postId, userId) : reactions.remove(reaction, postId, userId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(reaction.stateName(), state.on());
    body.put(reaction.counter(), state.count());
    return Responses.json(200, body);
  }

  private APIGatewayV2HTTPResponse listFavorites(ApiRequest request) {
    String ownerId = request.pathParam("userId");
    String callerId = request.requireCaller().userId();
    int limit = limit(request);
    StorePage<Favorite> page =
        reactions.favorites(ownerId, callerId, limit, request.query("cursor"));
    return Responses.json(200, pageBody(page, reactions.cursorFor(ownerId, page)));
  }

  private APIGatewayV2HTTPResponse follow(ApiRequest request, boolean on) {
    request.body(MAX_BODY_BYTES);
    String userId = request.pathParam("userId");
    String callerId = request.requireCaller().userId();
    Follows.State state =
        on ? follows.follow(callerId, userId) : follows.unfollow(callerId, userId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("following", state.following());
    body.put("followers", state.followers());
    return Responses.json(200, body);
  }

  private APIGatewayV2HTTPResponse listFollows(ApiRequest request, Follows.Direction direction) {
    String userId = request.pathParam("userId");
    int limit = limit(request);
    StorePage<FollowEntry> page = follows.list(direction, userId, limit, request.query("cursor"));
    return Responses.json(200, pageBody(page, follows.cursorFor(direction, userId, page)));
  }

  private static Map<String, Object> pageBody(StorePage<?> page, String nextCursor) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", page.items());
    body.put("nextCursor", nextCursor);
    return body;
  }

  private static int limit(ApiRequest request) {
    return PageLimit.parse(request.query("limit"), DEFAULT_LIMIT, MAX_LIMIT);
  }
}
