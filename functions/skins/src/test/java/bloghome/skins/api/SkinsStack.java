package bloghome.skins.api;

import bloghome.images.DynamoDbPostImageStore;
import bloghome.images.PostImages;
import bloghome.images.validator.PostImageValidator;
import bloghome.json.Json;
import bloghome.json.JsonObject;
import bloghome.local.S3Notifications;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.MutableClock;
import bloghome.local.junit.TestGateway;
import bloghome.skins.DynamoDbSkinStore;
import bloghome.skins.DynamoDbSkinUploadStore;
import bloghome.skins.MediaUrls;
import bloghome.skins.S3UploadUrlSigner;
import bloghome.skins.SkinUploads;
import bloghome.skins.Skins;
import bloghome.skins.validator.S3UploadObjects;
import bloghome.skins.validator.SkinValidatorHandler;
import bloghome.skins.validator.UploadValidator;
import bloghome.skins.validator.image.ImageInspector;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The skins feature on the local stack: a fresh table and bucket, the real API handler behind the
 * local gateway, and the real validator, subscribed to the bucket's uploads/ prefix (or not, for
 * tests that deliver events by hand).
 */
final class SkinsStack implements AutoCloseable {
  static final String MEDIA = "https://media.example.test";

  final LocalAws aws;
  final String table;
  final String bucket;
  final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  final DynamoDbSkinStore skinStore;
  final DynamoDbSkinUploadStore uploadStore;
  final DynamoDbPostImageStore imageStore;
  final SkinValidatorHandler validator;
  final TestGateway gateway;

  /** GetObject calls the validator made: ranged or full, each one reads body bytes. */
  final AtomicInteger validatorGets = new AtomicInteger();

  SkinsStack(LocalAws aws, boolean subscribeValidator) {
    this.aws = aws;
    this.table = aws.freshTable("BlogTable");
    this.bucket = aws.freshBucket();
    this.skinStore = new DynamoDbSkinStore(aws.dynamoDbClient(), table);
    this.uploadStore = new DynamoDbSkinUploadStore(aws.dynamoDbClient(), table);
    this.imageStore = new DynamoDbPostImageStore(aws.dynamoDbClient(), table);
    var countingS3 =
        aws.s3(
            new ExecutionInterceptor() {
              @Override
              public void beforeExecution(
                  Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof GetObjectRequest) {
                  validatorGets.incrementAndGet();
                }
              }
            });
    this.validator =
        new SkinValidatorHandler(
            new UploadValidator(
                uploadStore,
                skinStore,
                new S3UploadObjects(countingS3, bucket),
                new ImageInspector(),
                "uploads/",
                clock),
            Optional.of(
                new PostImageValidator(
                    imageStore,
                    new S3UploadObjects(countingS3, bucket),
                    new ImageInspector(),
                    "uploads/",
                    clock)),
            bucket);
    if (subscribeValidator) {
      aws.notifications()
          .subscribe(
              new S3Notifications.Subscription(
                  bucket, "uploads/", "SkinValidatorFunction", () -> validator));
    }
    SkinsHandler handler =
        new SkinsHandler(
            new Skins(skinStore, clock),
            new SkinUploads(
                uploadStore, new S3UploadUrlSigner(aws.presigner(), bucket), "uploads/", clock),
            Optional.of(
                new PostImages(
                    imageStore, new S3UploadUrlSigner(aws.presigner(), bucket), "uploads/", clock)),
            new MediaUrls(MEDIA));
    this.gateway = aws.gateway(Map.of("SkinsFunction", handler));
  }

  /** A response with its body parsed. */
  record Reply(int status, Map<String, Object> body, Map<String, List<String>> headers) {
    JsonObject json() {
      return JsonObject.of(body, "");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String field) {
      return (Map<String, Object>) body.get(field);
    }

    Map<String, Object> error() {
      return map("error");
    }
  }

  Reply call(String method, String path, String token, String body) {
    HttpRequest.Builder request = gateway.request(path);
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("content-type", "application/json");
    }
    HttpResponse<String> response = gateway.send(request.build());
    @SuppressWarnings("unchecked")
    Map<String, Object> parsed =
        response.body().isEmpty() ? Map.of() : (Map<String, Object>) Json.parse(response.body());
    return new Reply(response.statusCode(), parsed, response.headers().map());
  }

  static String userPath(String userId) {
    return "/users/" + URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  Reply createUpload(String userId, String slot, String contentType, long length) {
    return call(
        "POST",
        userPath(userId) + "/skin/uploads",
        gateway.token(userId, "vip"),
        Json.write(Map.of("slot", slot, "contentType", contentType, "contentLength", length)));
  }

  Reply uploadStatus(String userId, String uploadId) {
    return call("GET", userPath(userId) + "/skin/uploads/" + uploadId, gateway.token(userId), null);
  }

  /** {@code POST /users/{userId}/images} as {@code caller} (no VIP group). */
  Reply createImage(String caller, String userId, Map<String, Object> body) {
    return call("POST", userPath(userId) + "/images", gateway.token(caller), Json.write(body));
  }

  Reply imageStatus(String userId, String uploadId) {
    return call("GET", userPath(userId) + "/images/" + uploadId, gateway.token(userId), null);
  }

  Reply skin(String userId) {
    return call("GET", userPath(userId) + "/skin", null, null);
  }

  /** PUTs {@code bytes} to a presigned URL exactly as a browser would, with the given headers. */
  int putToPresignedUrl(Reply created, byte[] bytes) {
    HttpRequest.Builder put =
        HttpRequest.newBuilder(URI.create((String) created.body().get("url")))
            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    @SuppressWarnings("unchecked")
    Map<String, Object> headers = (Map<String, Object>) created.body().get("headers");
    // The HTTP client sets Content-Length from the body itself, as a browser does.
    headers.forEach(
        (name, value) -> {
          if (!name.equalsIgnoreCase("content-length")) {
            put.header(name, (String) value);
          }
        });
    try {
      // A fresh client per PUT: S3 closes the connection after refusing a body, and a pooled
      // connection reused after that fails with "header parser received no bytes".
      try (HttpClient s3Client = HttpClient.newHttpClient()) {
        return s3Client.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void awaitValidation() {
    try {
      aws.notifications().awaitIdle(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The object a media URL names, read straight from the bucket (CloudFront's origin). */
  byte[] fetchMedia(String url) {
    String key =
        URLDecoder.decode(
            url.substring(MEDIA.length() + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
    return aws.s3Client().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
  }

  boolean exists(String key) {
    try {
      aws.s3Client().headObject(r -> r.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    }
  }

  List<String> keys() {
    List<String> keys = new ArrayList<>();
    aws.s3Client()
        .listObjectsV2Paginator(r -> r.bucket(bucket))
        .contents()
        .forEach(o -> keys.add(o.key()));
    return keys;
  }

  /** An S3 event for {@code key}, encoded as S3 sends it (space as +). */
  S3Event event(String key, long size) {
    var bucketEntity =
        new S3EventNotification.S3BucketEntity(
            bucket, new S3EventNotification.UserIdentityEntity("A"), "arn:aws:s3:::" + bucket);
    var object =
        new S3EventNotification.S3ObjectEntity(
            S3Notifications.encodeKey(key), size, "etag", null, "0066E2A1B2C3D4E5F6");
    var record =
        new S3EventNotification.S3EventNotificationRecord(
            "us-east-1",
            "ObjectCreated:Put",
            "aws:s3",
            Instant.now().toString(),
            "2.1",
            new S3EventNotification.RequestParametersEntity("127.0.0.1"),
            new S3EventNotification.ResponseElementsEntity("x", "y"),
            new S3EventNotification.S3Entity("c", bucketEntity, object, "1.0"),
            new S3EventNotification.UserIdentityEntity("A"));
    return new S3Event(new ArrayList<>(List.of(record)));
  }

  @Override
  public void close() {
    gateway.close();
  }
}
