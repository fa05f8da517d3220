package bloghome.skins.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.skins.SkinSlot;
import bloghome.skins.SkinUpload;
import bloghome.skins.UploadKeys;
import bloghome.skins.UploadStatus;
import bloghome.testing.TestImages;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The whole upload path on the local stack: API -> presigned PUT -> S3 notification -> the real
 * validator -> verdict on the status route -> image on the skin route.
 */
@ExtendWith(LocalAwsExtension.class)
class SkinUploadEndToEndIT {
  private static final int TWO_MIB = 2 * 1024 * 1024;

  @Test
  void headerOfExactlyTwoMiB_isAccepted_andTheSkinServesItsCleanCopy(LocalAws aws) {
    try (SkinsStack stack = new SkinsStack(aws, true)) {
      // given an upload URL for a header of exactly the limit
      byte[] png = TestImages.pngOfExactSize(1920, 120, TWO_MIB);
      SkinsStack.Reply created = stack.createUpload("alice", "header", "image/png", png.length);
      String uploadId = (String) created.body().get("uploadId");

      // when the browser PUTs it and the validator runs
      int put = stack.putToPresignedUrl(created, png);
      stack.awaitValidation();

      // then the upload is accepted
      assertThat(put).isEqualTo(200);
      Map<String, Object> status = stack.uploadStatus("alice", uploadId).body();
      assertThat(status)
          .containsEntry("status", "ACCEPTED")
          .containsEntry("width", 1920L)
          .containsEntry("height", 120L)
          .containsEntry("format", "png")
          .containsEntry("active", true)
          .containsEntry("reasons", List.of());
      // and the skin shows a URL that serves the clean copy, not the upload
      Map<String, Object> header = stack.skin("alice").map("header");
      assertThat(header).containsEntry("width", 1920L).containsEntry("height", 120L);
      String url = (String) header.get("url");
      assertThat(url).isEqualTo(SkinsStack.MEDIA + "/skins/alice/header/" + uploadId + ".png");
      byte[] served = stack.fetchMedia(url);
      assertThat(served.length).isLessThan(png.length);
      BufferedImage image = TestImages.decode(served);
      assertThat(image.getWidth()).isEqualTo(1920);
      assertThat(image.getHeight()).isEqualTo(120);
      // and the raw upload is gone
      assertThat(stack.keys()).containsExactly("skins/alice/header/" + uploadId + ".png");
    }
  }

  @Test
  void oneByteOverTheLimit_isRefusedByTheApi_andByTheValidatorWithoutReadingTheBody(LocalAws aws) {
    try (SkinsStack stack = new SkinsStack(aws, true)) {
      // the API refuses to sign it
      assertThat(stack.createUpload("alice", "header", "image/png", TWO_MIB + 1L).status())
          .isEqualTo(400);

      // given an upload recorded with that size anyway, as if the API check were bypassed
      Instant now = stack.clock.instant().truncatedTo(ChronoUnit.MILLIS);
      String uploadId = UploadKeys.newUploadId();
      String key = UploadKeys.uploadKey("uploads/", "alice", SkinSlot.HEADER, uploadId);
      stack.uploadStore.create(
          SkinUpload.pending(
              uploadId,
              "alice",
              SkinSlot.HEADER,
              key,
              "image/png",
              TWO_MIB + 1L,
              now,
              now.plus(Duration.ofMinutes(5))));
      byte[] png = TestImages.pngOfExactSize(1920, 120, TWO_MIB + 1);

      // when the object arrives
      aws.s3Client()
          .putObject(
              r -> r.bucket(stack.bucket).key(key).contentType("image/png"),
              RequestBody.fromBytes(png));
      stack.awaitValidation();

      // then it is rejected as too large, with not one GetObject made
      Map<String, Object> status = stack.uploadStatus("alice", uploadId).body();
      assertThat(status).containsEntry("status", "REJECTED");
      assertThat(status.get("reasons").toString()).contains("TOO_LARGE");
      assertThat(stack.validatorGets.get()).isZero();
      assertThat(stack.keys()).isEmpty();
      assertThat(stack.skin("alice").body()).containsEntry("header", null);
    }
  }

  @Test
  void anImageThatBreaksTheRules_isRejectedWithEveryReason_andNeverServed(LocalAws aws) {
    try (SkinsStack stack = new SkinsStack(aws, true)) {
      // a column must be exactly 300 x 38, and a JPEG declared as PNG is a mismatch
      byte[] wrongSize = TestImages.png(301, 38);
      byte[] jpeg = TestImages.jpeg(300, 38);
      SkinsStack.Reply first = stack.createUpload("alice", "column", "image/png", wrongSize.length);
      SkinsStack.Reply second = stack.createUpload("alice", "column", "image/png", jpeg.length);

      stack.putToPresignedUrl(first, wrongSize);
      stack.putToPresignedUrl(second, jpeg);
      stack.awaitValidation();

      SkinsStack.Reply firstStatus =
          stack.uploadStatus("alice", (String) first.body().get("uploadId"));
      SkinsStack.Reply secondStatus =
          stack.uploadStatus("alice", (String) second.body().get("uploadId"));
      assertThat(firstStatus.body()).containsEntry("status", "REJECTED");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> reasons =
          (List<Map<String, Object>>) firstStatus.body().get("reasons");
      assertThat(reasons).extracting(r -> r.get("code")).containsExactly("DIMENSIONS");
      assertThat((String) reasons.get(0).get("message")).contains("300 x 38").contains("301 x 38");
      assertThat(secondStatus.body().get("reasons").toString()).contains("TYPE_MISMATCH");
      assertThat(stack.skin("alice").body()).containsEntry("column", null);
      assertThat(stack.keys()).isEmpty();
    }
  }

  @Test
  void presignedUrl_refusesAnotherLengthOrType(LocalAws aws) throws Exception {
    try (SkinsStack stack = new SkinsStack(aws, true)) {
      byte[] png = TestImages.png(300, 38);
      SkinsStack.Reply created = stack.createUpload("alice", "column", "image/png", png.length);

      int longer = stack.putToPresignedUrl(created, Arrays.copyOf(png, png.length + 1));
      var otherType =
          HttpRequest.newBuilder(URI.create((String) created.body().get("url")))
              .header("content-type", "image/jpeg")
              .PUT(HttpRequest.BodyPublishers.ofByteArray(png))
              .build();
      int wrongType;
      try (HttpClient s3Client = HttpClient.newHttpClient()) {
        wrongType = s3Client.send(otherType, HttpResponse.BodyHandlers.discarding()).statusCode();
      }
      stack.awaitValidation();

      assertThat(longer).isEqualTo(403);
      assertThat(wrongType).isEqualTo(403);
      assertThat(stack.keys()).isEmpty();
    }
  }

  @Test
  void aUserIdWithPlusAndAt_goesThroughTheEncodedEventKey_andGetsALoadableUrl(LocalAws aws) {
    // User ids in routes are key-safe (letters, digits and . _ @ + -): '+' and '@' are the ones
    // that S3 event keys and URLs encode.
    try (SkinsStack stack = new SkinsStack(aws, true)) {
      String userId = "li.lei+1@example";
      byte[] jpeg = TestImages.jpeg(300, 38);
      SkinsStack.Reply created = stack.createUpload(userId, "column", "image/jpeg", jpeg.length);
      String uploadId = (String) created.body().get("uploadId");

      stack.putToPresignedUrl(created, jpeg);
      stack.awaitValidation();

      assertThat(stack.uploadStatus(userId, uploadId).body()).containsEntry("status", "ACCEPTED");
      String url = (String) stack.skin(userId).map("column").get("url");
      assertThat(url)
          .isEqualTo(SkinsStack.MEDIA + "/skins/li.lei%2B1%40example/column/" + uploadId + ".jpg");
      assertThat(TestImages.decode(stack.fetchMedia(url)).getWidth()).isEqualTo(300);
      assertThat(stack.keys()).containsExactly("skins/" + userId + "/column/" + uploadId + ".jpg");
    }
  }

  @Test
  void objectsUnderUploadsThatNoUploadOwns_areDeleted(LocalAws aws) {
    try (SkinsStack stack = new SkinsStack(aws, true)) {
      byte[] png = TestImages.png(300, 38);
      String forged =
          UploadKeys.uploadKey("uploads/", "alice", SkinSlot.COLUMN, UploadKeys.newUploadId());
      List<String> keys = List.of("uploads/alice/header/my banner+1 横幅.png", forged, "uploads/x");

      for (String key : keys) {
        aws.s3Client().putObject(r -> r.bucket(stack.bucket).key(key), RequestBody.fromBytes(png));
      }
      stack.awaitValidation();

      assertThat(stack.keys()).isEmpty();
      assertThat(stack.skin("alice").body()).containsEntry("column", null);
    }
  }

  @Test
  void theSampleUnicodeEvent_isDecodedToItsUpload(LocalAws aws) throws Exception {
    try (SkinsStack stack = new SkinsStack(aws, false)) {
      // given the upload the sample event names, and its object
      String json = Files.readString(Path.of("../../events/s3-skin-uploaded-unicode.json"));
      String uploadId = "up_9Vb3Nc6Td2RkQw7Zs1Lp4x";
      String key = "uploads/李 雷+1/column/" + uploadId;
      Instant now = stack.clock.instant().truncatedTo(ChronoUnit.MILLIS);
      byte[] png = TestImages.png(300, 38);
      stack.uploadStore.create(
          SkinUpload.pending(
              uploadId,
              "李 雷+1",
              SkinSlot.COLUMN,
              key,
              "image/png",
              png.length,
              now,
              now.plus(Duration.ofMinutes(5))));
      aws.s3Client().putObject(r -> r.bucket(stack.bucket).key(key), RequestBody.fromBytes(png));
      Path event = Files.createTempFile("s3-event", ".json");
      Files.writeString(
          event,
          json.replace("bloghome-skins-123456789012-us-east-1", stack.bucket),
          StandardCharsets.UTF_8);

      // when
      stack.validator.handleRequest(EventLoader.loadS3Event(event.toString()), null);

      // then
      // (Read from the store: such a user id is refused by the HTTP routes, which take key-safe
      // ids only; the validator still decodes whatever key S3 sends.)
      assertThat(stack.uploadStore.find("李 雷+1", uploadId).orElseThrow().status())
          .isEqualTo(UploadStatus.ACCEPTED);
      Files.delete(event);
    }
  }

  @Test
  void theSameEventDeliveredAgain_orTheUrlUsedAgain_keepsTheFirstVerdictAndImage(LocalAws aws) {
    // Deliveries are sequential here: moto 5.2.1 has no per-item lock, so truly concurrent
    // conditional writes can both pass on it. On DynamoDB they are serialised per item, and the
    // validator relies on exactly that.
    try (SkinsStack stack = new SkinsStack(aws, false)) {
      // given an uploaded header whose event has not been delivered yet
      byte[] png = TestImages.png(1920, 100);
      SkinsStack.Reply created = stack.createUpload("alice", "header", "image/png", png.length);
      String uploadId = (String) created.body().get("uploadId");
      stack.putToPresignedUrl(created, png);
      String key = "uploads/alice/header/" + uploadId;
      String served = "skins/alice/header/" + uploadId + ".png";

      // when the event is delivered, delivered again, and the still-valid URL is used once more
      // with other bytes of the same length, whose event also arrives twice
      stack.validator.handleRequest(stack.event(key, png.length), null);
      stack.validator.handleRequest(stack.event(key, png.length), null);
      byte[] other = Arrays.copyOf(png, png.length);
      other[other.length - 20] ^= 0x55;
      assertThat(stack.putToPresignedUrl(created, other)).isEqualTo(200);
      stack.validator.handleRequest(stack.event(key, png.length), null);
      stack.validator.handleRequest(stack.event(key, png.length), null);

      // then one verdict, the first image served, and nothing else left behind
      assertThat(stack.uploadStatus("alice", uploadId).body())
          .containsEntry("status", "ACCEPTED")
          .containsEntry("active", true);
      assertThat(stack.skin("alice").map("header").get("url"))
          .isEqualTo(SkinsStack.MEDIA + "/" + served);
      assertThat(stack.keys()).containsExactly(served);
      assertThat(TestImages.decode(stack.fetchMedia(SkinsStack.MEDIA + "/" + served)).getWidth())
          .isEqualTo(1920);
    }
  }

  @Test
  void eventsOutOfOrder_neverLetAnOlderUploadReplaceANewerOne(LocalAws aws) {
    try (SkinsStack stack = new SkinsStack(aws, false)) {
      // given two uploads for the header, the second asked for a second later
      byte[] older = TestImages.png(1920, 100);
      byte[] newer = TestImages.png(2000, 100);
      SkinsStack.Reply a = stack.createUpload("alice", "header", "image/png", older.length);
      stack.clock.advance(Duration.ofSeconds(1));
      SkinsStack.Reply b = stack.createUpload("alice", "header", "image/png", newer.length);
      stack.putToPresignedUrl(a, older);
      stack.putToPresignedUrl(b, newer);
      String idA = (String) a.body().get("uploadId");
      String idB = (String) b.body().get("uploadId");

      // when the newer upload's event arrives first
      stack.validator.handleRequest(stack.event("uploads/alice/header/" + idB, newer.length), null);
      stack.validator.handleRequest(stack.event("uploads/alice/header/" + idA, older.length), null);

      // then the newer image stays; the older is accepted but never shown, and its copy is gone
      assertThat(stack.skin("alice").map("header")).containsEntry("width", 2000L);
      assertThat(stack.uploadStatus("alice", idA).body())
          .containsEntry("status", "ACCEPTED")
          .containsEntry("active", false);
      assertThat(stack.keys()).containsExactly("skins/alice/header/" + idB + ".png");
    }
  }

  @Test
  void aNewerAcceptedImage_replacesTheOlder_andTheOlderCopyIsDeleted(LocalAws aws) {
    try (SkinsStack stack = new SkinsStack(aws, true)) {
      byte[] first = TestImages.png(1200, 800);
      byte[] second = TestImages.jpeg(640, 480);
      SkinsStack.Reply a = stack.createUpload("alice", "background", "image/png", first.length);
      stack.putToPresignedUrl(a, first);
      stack.awaitValidation();
      stack.clock.advance(Duration.ofSeconds(1));
      SkinsStack.Reply b = stack.createUpload("alice", "background", "image/jpeg", second.length);
      stack.putToPresignedUrl(b, second);
      stack.awaitValidation();

      String idB = (String) b.body().get("uploadId");
      assertThat(stack.skin("alice").map("background"))
          .containsEntry("width", 640L)
          .containsEntry("url", SkinsStack.MEDIA + "/skins/alice/background/" + idB + ".jpg");
      assertThat(stack.keys()).containsExactly("skins/alice/background/" + idB + ".jpg");
    }
  }

  @Test
  void anUploadArrivingAfterItsDeadline_isRecordedFailed_andNeverServed(LocalAws aws) {
    try (SkinsStack stack = new SkinsStack(aws, true)) {
      byte[] png = TestImages.png(300, 38);
      SkinsStack.Reply created = stack.createUpload("alice", "column", "image/png", png.length);
      String uploadId = (String) created.body().get("uploadId");

      // the validator's clock says the deadline has passed when the object arrives
      stack.clock.advance(Duration.ofMinutes(11));
      stack.putToPresignedUrl(created, png);
      stack.awaitValidation();

      Map<String, Object> status = stack.uploadStatus("alice", uploadId).body();
      assertThat(status).containsEntry("status", "FAILED");
      assertThat(status.get("reasons").toString()).contains("VALIDATION_TIMEOUT");
      assertThat(stack.keys()).isEmpty();
      assertThat(stack.skin("alice").body()).containsEntry("column", null);
    }
  }
}
