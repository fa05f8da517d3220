package bloghome.skins.api;

import bloghome.aws.DynamoDbClients;
import bloghome.aws.S3Clients;
import bloghome.config.Env;
import bloghome.errors.Problem;
import bloghome.http.ApiHandler;
import bloghome.http.ApiRequest;
import bloghome.http.Responses;
import bloghome.images.DynamoDbPostImageStore;
import bloghome.images.PostImageKeys;
import bloghome.images.PostImages;
import bloghome.json.JsonObject;
import bloghome.skins.ColorField;
import bloghome.skins.DynamoDbSkinStore;
import bloghome.skins.DynamoDbSkinUploadStore;
import bloghome.skins.MediaUrls;
import bloghome.skins.S3UploadUrlSigner;
import bloghome.skins.SkinUploads;
import bloghome.skins.Skins;
import bloghome.skins.UploadKeys;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The skin routes. A function of its own because it is the only API function that needs the S3 SDK
 * (to presign upload URLs); the others stay smaller and start faster without it.
 */
public final class SkinsHandler extends ApiHandler {
  private static final int MAX_BODY = 4 * 1024;
  private static final Set<String> COLOR_FIELDS =
      Set.of(
          ColorField.TITLE.wireName(), ColorField.HOVER.wireName(), ColorField.SUBTITLE.wireName());
  private static final Set<String> UPLOAD_FIELDS = Set.of("slot", "contentType", "contentLength");
  private static final Set<String> IMAGE_FIELDS = Set.of("contentType", "bytes", "fileName", "use");

  private final Skins skins;
  private final SkinUploads uploads;
  private final SkinViews views;
  private final Optional<PostImages> postImages;
  private final PostImageViews imageViews;

  /** Lambda's constructor: real clients, built once per execution environment. */
  public SkinsHandler() {
    this(Wiring.fromEnvironment());
    primeBeforeSnapshot("skins");
  }

  private SkinsHandler(Wiring wiring) {
    this(wiring.skins(), wiring.uploads(), Optional.of(wiring.postImages()), wiring.mediaUrls());
  }

  public SkinsHandler(Skins skins, SkinUploads uploads, MediaUrls mediaUrls) {
    this(skins, uploads, Optional.empty(), mediaUrls);
  }

  /** With the post image routes too ({@code postImages} absent: they answer 404). */
  public SkinsHandler(
      Skins skins, SkinUploads uploads, Optional<PostImages> postImages, MediaUrls mediaUrls) {
    this.skins = skins;
    this.uploads = uploads;
    this.views = new SkinViews(mediaUrls);
    this.postImages = postImages;
    this.imageViews = new PostImageViews(mediaUrls);
    if (postImages.isPresent()) {
      route("POST /users/{userId}/images", this::createImage);
      route("GET /users/{userId}/images/{uploadId}", this::getImage);
    }
    route("GET /users/{userId}/skin", this::getSkin);
    route("PUT /users/{userId}/skin", this::putSkin);
    route("POST /users/{userId}/skin/uploads", this::createUpload);
    route("GET /users/{userId}/skin/uploads/{uploadId}", this::getUpload);
  }

  /** The real collaborators, from the Lambda environment. */
  private record Wiring(
      Skins skins, SkinUploads uploads, PostImages postImages, MediaUrls mediaUrls) {
    static Wiring fromEnvironment() {
      Clock clock = Clock.systemUTC();
      DynamoDbClient dynamoDb = DynamoDbClients.fromEnvironment();
      String table = Env.require("TABLE_NAME");
      S3UploadUrlSigner signer =
          new S3UploadUrlSigner(S3Clients.presignerFromEnvironment(), Env.require("BUCKET_NAME"));
      String prefix = Env.get("UPLOAD_PREFIX").orElse(UploadKeys.DEFAULT_UPLOAD_PREFIX);
      return new Wiring(
          new Skins(new DynamoDbSkinStore(dynamoDb, table), clock),
          new SkinUploads(new DynamoDbSkinUploadStore(dynamoDb, table), signer, prefix, clock),
          new PostImages(new DynamoDbPostImageStore(dynamoDb, table), signer, prefix, clock),
          new MediaUrls(Env.require("MEDIA_BASE_URL")));
    }
  }

  private APIGatewayV2HTTPResponse getSkin(ApiRequest request) {
    return Responses.json(200, views.skin(skins.get(request.pathParam("userId"))));
  }

  private APIGatewayV2HTTPResponse putSkin(ApiRequest request) {
    var caller = request.requireCaller();
    String userId = request.pathParam("userId");
    // Who may change the skin is checked before the body, so strangers learn nothing from it.
    caller.requireOwner(userId);
    caller.requireVip();
    JsonObject body = request.json(MAX_BODY).allowOnly(COLOR_FIELDS);
    Map<String, Optional<String>> changes = new LinkedHashMap<>();
    for (String field : body.keys()) {
      // null puts a colour back to its default; any other non-string is a 400 naming the field.
      changes.put(field, body.optString(field));
    }
    return Responses.json(200, views.skin(skins.setColors(caller, userId, changes)));
  }

  private APIGatewayV2HTTPResponse createUpload(ApiRequest request) {
    var caller = request.requireCaller();
    String userId = request.pathParam("userId");
    caller.requireOwner(userId);
    caller.requireVip();
    JsonObject body = request.json(MAX_BODY).allowOnly(UPLOAD_FIELDS);
    var created =
        uploads.create(
            caller,
            userId,
            body.string("slot"),
            body.string("contentType"),
            body.longValue("contentLength"));
    String location =
        "/users/" + SkinViews.pathSegment(userId) + "/skin/uploads/" + created.upload().uploadId();
    return Responses.json(201, views.newUpload(created), Map.of("location", location));
  }

  private APIGatewayV2HTTPResponse getUpload(ApiRequest request) {
    var caller = request.requireCaller();
    var upload = uploads.status(caller, request.pathParam("userId"), request.pathParam("uploadId"));
    return Responses.json(200, views.upload(upload));
  }

  private APIGatewayV2HTTPResponse createImage(ApiRequest request) {
    var caller = request.requireCaller();
    String userId = request.pathParam("userId");
    // Owner first: strangers learn nothing from the body. Any signed-in owner, VIP or not.
    caller.requireOwner(userId);
    JsonObject body = request.json(MAX_BODY).allowOnly(IMAGE_FIELDS);
    PostImageKeys.Use use = PostImageKeys.Use.POST;
    Optional<String> useName = body.optString("use");
    if (useName.isPresent()) {
      use =
          switch (useName.get()) {
            case "post" -> PostImageKeys.Use.POST;
            case "avatar" -> PostImageKeys.Use.AVATAR;
            default -> throw Problem.invalid("use", "use must be post or avatar.");
          };
    }
    var created =
        postImages
            .orElseThrow()
            .create(
                caller,
                userId,
                use,
                body.string("contentType"),
                body.longValue("bytes"),
                body.optString("fileName").orElse(""));
    String location =
        "/users/" + SkinViews.pathSegment(userId) + "/images/" + created.upload().uploadId();
    return Responses.json(201, imageViews.newUpload(created), Map.of("location", location));
  }

  private APIGatewayV2HTTPResponse getImage(ApiRequest request) {
    var caller = request.requireCaller();
    var upload =
        postImages
            .orElseThrow()
            .status(caller, request.pathParam("userId"), request.pathParam("uploadId"));
    return Responses.json(200, imageViews.upload(upload));
  }
}
