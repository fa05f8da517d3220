package bloghome.skins.validator;

import bloghome.aws.DynamoDbClients;
import bloghome.aws.S3Clients;
import bloghome.config.Env;
import bloghome.images.DynamoDbPostImageStore;
import bloghome.images.validator.PostImageValidator;
import bloghome.log.Log;
import bloghome.log.Metrics;
import bloghome.skins.DynamoDbSkinStore;
import bloghome.skins.DynamoDbSkinUploadStore;
import bloghome.skins.UploadKeys;
import bloghome.skins.validator.image.ImageInspector;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs on every object created under {@code uploads/}: decodes the key and hands it to {@link
 * UploadValidator}. A failure is thrown, not swallowed, so that Lambda retries the event and, after
 * the retries, sends it to the failure queue; the upload then reads as FAILED once its deadline
 * passes.
 */
public final class SkinValidatorHandler implements RequestHandler<S3Event, Void> {
  private final UploadValidator validator;
  private final Optional<PostImageValidator> postImages;
  private final String bucket;

  /** Lambda's constructor: real clients, built once per execution environment. */
  public SkinValidatorHandler() {
    this(Wiring.fromEnvironment());
  }

  private SkinValidatorHandler(Wiring wiring) {
    this(wiring.skins(), Optional.of(wiring.postImages()), Env.require("BUCKET_NAME"));
  }

  public SkinValidatorHandler(UploadValidator validator, String bucket) {
    this(validator, Optional.empty(), bucket);
  }

  /** With post images too: their keys ({@code uploads/{userId}/post/...}) go to that validator. */
  public SkinValidatorHandler(
      UploadValidator validator, Optional<PostImageValidator> postImages, String bucket) {
    this.validator = validator;
    this.postImages = postImages;
    this.bucket = bucket;
  }

  /** The real collaborators, from the Lambda environment (one client of each kind). */
  private record Wiring(UploadValidator skins, PostImageValidator postImages) {
    static Wiring fromEnvironment() {
      DynamoDbClient dynamoDb = DynamoDbClients.fromEnvironment();
      String table = Env.require("TABLE_NAME");
      S3UploadObjects objects =
          new S3UploadObjects(S3Clients.fromEnvironment(), Env.require("BUCKET_NAME"));
      String prefix = Env.get("UPLOAD_PREFIX").orElse(UploadKeys.DEFAULT_UPLOAD_PREFIX);
      ImageInspector inspector = new ImageInspector();
      return new Wiring(
          new UploadValidator(
              new DynamoDbSkinUploadStore(dynamoDb, table),
              new DynamoDbSkinStore(dynamoDb, table),
              objects,
              inspector,
              prefix,
              Clock.systemUTC()),
          new PostImageValidator(
              new DynamoDbPostImageStore(dynamoDb, table),
              objects,
              inspector,
              prefix,
              Clock.systemUTC()));
    }
  }

  @Override
  public Void handleRequest(S3Event event, Context context) {
    for (S3EventNotification.S3EventNotificationRecord record : event.getRecords()) {
      String eventBucket = record.getS3().getBucket().getName();
      // S3 sends keys URL-encoded, with + for a space; a literal + arrives as %2B.
      String key = URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
      if (!bucket.equals(eventBucket)) {
        Log.warn("skin-upload-other-bucket", Map.of("bucket", eventBucket, "key", key));
        continue;
      }
      long started = System.nanoTime();
      ValidationOutcome outcome;
      try {
        Optional<PostImageValidator> post = postImages.filter(v -> v.handles(key));
        outcome = post.isPresent() ? post.get().validate(key) : validator.validate(key);
      } catch (IOException e) {
        throw new UncheckedIOException("validation of " + key + " failed; retrying", e);
      }
      log(key, outcome, started);
    }
    return null;
  }

  private static void log(String key, ValidationOutcome outcome, long started) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("key", key);
    line.put("outcome", outcome.getClass().getSimpleName());
    switch (outcome) {
      case ValidationOutcome.Accepted a -> {
        line.put("uploadId", a.uploadId());
        line.put("active", a.active());
        Metrics.count("UploadAccepted");
      }
      case ValidationOutcome.Rejected r -> {
        line.put("uploadId", r.uploadId());
        line.put("codes", r.reasons().stream().map(reason -> reason.code()).toList());
        r.reasons().forEach(reason -> Metrics.count("UploadRejected", "Code", reason.code()));
      }
      case ValidationOutcome.AlreadyDecided d -> line.put("uploadId", d.uploadId());
      case ValidationOutcome.TooLate t -> line.put("uploadId", t.uploadId());
      case ValidationOutcome.ObjectMissing m -> line.put("uploadId", m.uploadId());
      case ValidationOutcome.UnknownKey u -> line.put("deleted", true);
    }
    line.put("bytesRead", outcome.bytesRead());
    line.put("durationMs", (System.nanoTime() - started) / 1_000_000.0);
    Log.info("skin-upload-validated", line);
  }
}
