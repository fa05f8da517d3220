package bloghome.skins.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.images.PostImageRules;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.testing.TestImages;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Post images on the local stack: API -> presigned PUT -> S3 notification -> the real validator ->
 * status with the image's src and Markdown -> the clean copies in the bucket, never the upload.
 */
@ExtendWith(LocalAwsExtension.class)
class PostImageEndToEndIT {

  @Test
  void aWideJpeg_fromAUserWhoIsNotVip_isAccepted_withCopiesAt480_960_1600(LocalAws aws) {
    try (SkinsStack stack = new SkinsStack(aws, true)) {
      // given an upload URL asked for by a plain (non-VIP) user
      byte[] jpeg = TestImages.jpeg(TestImages.gradient(2400, 1800));
      SkinsStack.Reply created =
          stack.createImage(
              "bob",
              "bob",
              Map.of("contentType", "image/jpeg", "bytes", jpeg.length, "fileName", "cat [1].jpg"));
      assertThat(created.status()).isEqualTo(201);
      assertThat(created.body()).containsKeys("uploadId", "url", "headers", "expiresAt");
      assertThat(created.body()).containsEntry("method", "PUT");
      String id = (String) created.body().get("uploadId");

      // when the browser PUTs it and the validator runs
      assertThat(stack.putToPresignedUrl(created, jpeg)).isEqualTo(200);
      stack.awaitValidation();

      // then it is accepted, named by its widest copy, with Markdown ready to insert
      SkinsStack.Reply status = stack.imageStatus("bob", id);
      assertThat(status.body()).containsEntry("status", "ACCEPTED");
      Map<String, Object> image = status.map("image");
      String src = SkinsStack.MEDIA + "/media/bob/" + id + "/1600x1200/1600.jpg";
      assertThat(image)
          .containsEntry("src", src)
          .containsEntry("width", 1600L)
          .containsEntry("height", 1200L)
          .containsEntry("markdown", "![cat \\[1\\]](" + src + ")");
      // and the bucket holds the three clean copies and not the upload
      String dir = "media/bob/" + id + "/1600x1200/";
      assertThat(stack.keys())
          .containsExactlyInAnyOrder(dir + "480.jpg", dir + "960.jpg", dir + "1600.jpg");
      BufferedImage small =
          TestImages.decode(stack.fetchMedia(SkinsStack.MEDIA + "/" + dir + "480.jpg"));
      assertThat(small.getWidth()).isEqualTo(480);
      assertThat(small.getHeight()).isEqualTo(360);
    }
  }

  @Test
  void aRejectedImage_saysWhy_andLeavesNothingBehind(LocalAws aws) {
    try (SkinsStack stack = new SkinsStack(aws, true)) {
      byte[] png = TestImages.concat(TestImages.png(200, 100), new byte[] {1, 2, 3});
      SkinsStack.Reply created =
          stack.createImage("bob", "bob", Map.of("contentType", "image/png", "bytes", png.length));
      String id = (String) created.body().get("uploadId");

      stack.putToPresignedUrl(created, png);
      stack.awaitValidation();

      SkinsStack.Reply status = stack.imageStatus("bob", id);
      assertThat(status.body()).containsEntry("status", "REJECTED").doesNotContainKey("image");
      assertThat(status.map("reason")).containsEntry("code", "TRAILING_DATA");
      assertThat(stack.keys()).isEmpty();
    }
  }

  @Test
  void anAvatar_isA256PixelSquare(LocalAws aws) {
    try (SkinsStack stack = new SkinsStack(aws, true)) {
      byte[] png = TestImages.png(400, 300);
      SkinsStack.Reply created =
          stack.createImage(
              "bob",
              "bob",
              Map.of("contentType", "image/png", "bytes", png.length, "use", "avatar"));
      String id = (String) created.body().get("uploadId");

      stack.putToPresignedUrl(created, png);
      stack.awaitValidation();

      Map<String, Object> image = stack.imageStatus("bob", id).map("image");
      assertThat(image).containsEntry("width", 256L).containsEntry("height", 256L);
      assertThat(stack.keys()).containsExactly("media/bob/" + id + "/256x256/256.png");
    }
  }

  @Test
  void theApi_refusesStrangers_badTypes_tooManyBytes_andThe101stImageOfTheDay(LocalAws aws) {
    try (SkinsStack stack = new SkinsStack(aws, false)) {
      Map<String, Object> fine = Map.of("contentType", "image/png", "bytes", 1000);
      // someone else's images
      SkinsStack.Reply stranger = stack.createImage("eve", "bob", fine);
      assertThat(stranger.status()).isEqualTo(403);
      // a type we do not take
      SkinsStack.Reply gif =
          stack.createImage("bob", "bob", Map.of("contentType", "image/gif", "bytes", 10));
      assertThat(gif.status()).isEqualTo(400);
      assertThat(gif.error()).containsEntry("field", "contentType");
      // over 10 MiB
      SkinsStack.Reply big =
          stack.createImage(
              "bob",
              "bob",
              Map.of("contentType", "image/jpeg", "bytes", PostImageRules.MAX_BYTES + 1));
      assertThat(big.status()).isEqualTo(413);
      assertThat(big.error()).containsEntry("code", "TOO_LARGE").containsEntry("field", "bytes");
      // an unknown field
      SkinsStack.Reply unknown =
          stack.createImage(
              "bob", "bob", Map.of("contentType", "image/png", "bytes", 10, "slot", "header"));
      assertThat(unknown.status()).isEqualTo(400);
      // the day's allowance used up (99 counted directly, the 100th through the API)
      LocalDate today = LocalDate.ofInstant(stack.clock.instant(), ZoneOffset.UTC);
      for (int i = 0; i < PostImageRules.MAX_PER_DAY - 1; i++) {
        assertThat(stack.imageStore.countUpload("bob", today, PostImageRules.MAX_PER_DAY)).isTrue();
      }
      assertThat(stack.createImage("bob", "bob", fine).status()).isEqualTo(201);
      SkinsStack.Reply over = stack.createImage("bob", "bob", fine);
      assertThat(over.status()).isEqualTo(429);
      assertThat(over.error()).containsEntry("code", "DAILY_IMAGE_LIMIT");
      // and an unknown upload id
      assertThat(stack.imageStatus("bob", "im_AAAAAAAAAAAAAAAAAAAAAA").status()).isEqualTo(404);
    }
  }
}
