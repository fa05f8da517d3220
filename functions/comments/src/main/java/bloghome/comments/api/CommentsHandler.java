package bloghome.comments.api;

import bloghome.auth.Caller;
import bloghome.aws.DynamoDbClients;
import bloghome.comments.CommentService;
import bloghome.comments.CommentStore;
import bloghome.comments.CommentsConfig;
import bloghome.comments.DynamoDbCommentStore;
import bloghome.config.Env;
import bloghome.http.ApiHandler;
import bloghome.http.ApiRequest;
import bloghome.http.Responses;
import bloghome.json.JsonObject;
import bloghome.paging.CursorCodec;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * CommentsFunction: {@code POST|GET /posts/{postId}/comments}, {@code DELETE /comments/{commentId}}
 * and {@code GET /studio/comments}. Parses the request, calls {@link CommentService}, maps the
 * result.
 */
public final class CommentsHandler extends ApiHandler {
  private static final Set<String> CREATE_FIELDS = Set.of("body", "replyTo");

  private final CommentService comments;

  /** Lambda's constructor: clients are built once per execution environment. */
  public CommentsHandler() {
    this(
        new DynamoDbCommentStore(DynamoDbClients.fromEnvironment(), Env.require("TABLE_NAME")),
        CursorCodec.fromEnvironment(Clock.systemUTC()),
        Clock.systemUTC(),
        CommentsConfig.DEFAULT);
    primeBeforeSnapshot("comments");
  }

  public CommentsHandler(
      CommentStore store, CursorCodec cursors, Clock clock, CommentsConfig config) {
    this.comments = new CommentService(store, cursors, clock, config);
    route("POST /posts/{postId}/comments", this::create);
    route("GET /posts/{postId}/comments", this::list);
    route("GET /reader/posts/{postId}/comments", this::readerList);
    route("DELETE /comments/{commentId}", this::delete);
    route("GET /studio/comments", this::studio);
  }

  /** The comments on the caller's posts, newest first; the author's own, never shared-cached. */
  private APIGatewayV2HTTPResponse studio(ApiRequest request) {
    var page =
        comments.studio(request.requireCaller(), request.query("limit"), request.query("cursor"));
    APIGatewayV2HTTPResponse response = Responses.json(200, page);
    response.getHeaders().put("cache-control", "private, no-store");
    return response;
  }

  private APIGatewayV2HTTPResponse create(ApiRequest request) {
    var caller = request.requireCaller();
    String postId = request.pathParam("postId");
    JsonObject body = request.json(comments.config().maxRequestBytes()).allowOnly(CREATE_FIELDS);
    var outcome =
        comments.create(
            caller,
            postId,
            body.string("body"),
            body.optString("replyTo"),
            request.header(CommentService.IDEMPOTENCY_HEADER));
    return Responses.json(
        201,
        outcome.comment(),
        outcome.replayed() ? Map.of("idempotent-replayed", "true") : Map.of());
  }

  private APIGatewayV2HTTPResponse list(ApiRequest request) {
    String postId = request.pathParam("postId");
    var limit = request.query("limit");
    var cursor = request.query("cursor");
    var replyTo = request.query("replyTo");
    // The route is public: a token reaches here only where a JWT authorizer runs; without one the
    // reader is anonymous and sees the comments of listed posts only.
    Optional<String> viewer = request.caller().map(Caller::userId);
    if (replyTo.isPresent()) {
      return Responses.json(
          200, comments.listReplies(postId, replyTo.get(), viewer, limit, cursor));
    }
    return Responses.json(200, comments.listThreads(postId, viewer, limit, cursor));
  }

  /**
   * The same list behind the JWT authorizer, for the readers a followers-only post is for (its
   * author and followers): the public route never sees a token. The answer depends on who asks, so
   * no shared cache keeps it.
   */
  private APIGatewayV2HTTPResponse readerList(ApiRequest request) {
    request.requireCaller();
    APIGatewayV2HTTPResponse response = list(request);
    response.getHeaders().put("cache-control", "private, no-store");
    return response;
  }

  private APIGatewayV2HTTPResponse delete(ApiRequest request) {
    var caller = request.requireCaller();
    comments.delete(caller, request.pathParam("commentId"));
    return Responses.empty(204, Map.of());
  }
}
