package bloghome.skins.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.skins.SkinSlot;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(LocalAwsExtension.class)
class SkinsHandlerIT {
  private SkinsStack stack;

  @BeforeEach
  void start(LocalAws aws) {
    stack = new SkinsStack(aws, false);
  }

  @AfterEach
  void stop() {
    stack.close();
  }

  private String vip(String userId) {
    return stack.gateway.token(userId, "vip");
  }

  @Test
  void getSkin_givesDefaultColoursAndNoImages_toAnyoneWithoutAToken_whenNoSkinWasSet() {
    SkinsStack.Reply reply = stack.skin("nobody");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body())
        .containsEntry("titleColor", "#1F2328")
        .containsEntry("hoverColor", "#0969DA")
        .containsEntry("subtitleColor", "#59636E")
        .containsEntry("header", null)
        .containsEntry("background", null)
        .containsEntry("column", null);
  }

  @Test
  void putSkin_storesColoursUpperCase_keepsOmittedOnes_andNullResetsToTheDefault() {
    // given
    stack.call(
        "PUT",
        "/users/alice/skin",
        vip("alice"),
        "{\"titleColor\":\"#abcdef\",\"hoverColor\":\"#00fF00\"}");

    // when
    SkinsStack.Reply reply =
        stack.call(
            "PUT",
            "/users/alice/skin",
            vip("alice"),
            "{\"subtitleColor\":\"#123abc\",\"hoverColor\":null}");

    // then
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body())
        .containsEntry("titleColor", "#ABCDEF")
        .containsEntry("hoverColor", "#0969DA")
        .containsEntry("subtitleColor", "#123ABC");
    assertThat(stack.skin("alice").body()).isEqualTo(reply.body());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"titleColor\":\"#FFF\"}|titleColor|INVALID_TITLE_COLOR",
        "{\"hoverColor\":\"00FF00\"}|hoverColor|INVALID_HOVER_COLOR",
        "{\"subtitleColor\":\"#GG0000\"}|subtitleColor|INVALID_SUBTITLE_COLOR",
        "{\"titleColor\":\"#00FF00\",\"subtitleColor\":\"#12345😀\"}|subtitleColor|INVALID_SUBTITLE_COLOR",
        "{\"titleColor\":123456}|titleColor|INVALID_TITLE_COLOR",
        "{\"titleColor\":[\"#FFFFFF\"]}|titleColor|INVALID_TITLE_COLOR",
        "{\"accentColor\":\"#FFFFFF\"}|accentColor|UNKNOWN_FIELD",
        "{}|body|INVALID_BODY",
        "{\"titleColor\":|body|MALFORMED_JSON",
        "[]|body|MALFORMED_JSON"
      })
  void putSkin_refusesAnythingButHexColours_namingTheField(String body, String field, String code) {
    SkinsStack.Reply reply = stack.call("PUT", "/users/alice/skin", vip("alice"), body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.error()).containsEntry("field", field).containsEntry("code", code);
    assertThat(stack.skin("alice").body()).containsEntry("titleColor", "#1F2328");
  }

  @Test
  void putSkin_isRefused_toANonVipOwner_toAnotherUser_andWithoutAToken() {
    String colours = "{\"titleColor\":\"#000000\"}";

    SkinsStack.Reply nonVip =
        stack.call("PUT", "/users/alice/skin", stack.gateway.token("alice"), colours);
    SkinsStack.Reply stranger = stack.call("PUT", "/users/alice/skin", vip("mallory"), colours);
    SkinsStack.Reply anonymous = stack.call("PUT", "/users/alice/skin", null, colours);

    assertThat(nonVip.status()).isEqualTo(403);
    assertThat(nonVip.error()).containsEntry("code", "VIP_REQUIRED");
    assertThat(stranger.status()).isEqualTo(403);
    assertThat(stranger.error()).containsEntry("code", "NOT_OWNER");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(stack.skin("alice").body()).containsEntry("titleColor", "#1F2328");
  }

  @Test
  void createUpload_signsAFiveMinutePutOfExactlyTheDeclaredTypeAndLength_andRecordsItPending() {
    // when
    Instant before = stack.clock.instant();
    SkinsStack.Reply created = stack.createUpload("alice", "HEADER", "Image/PNG", 48_213);

    // then
    assertThat(created.status()).isEqualTo(201);
    String uploadId = (String) created.body().get("uploadId");
    assertThat(uploadId).matches("up_[A-Za-z0-9_-]{22}");
    assertThat(created.body()).containsEntry("method", "PUT").containsEntry("slot", "header");
    assertThat(created.map("headers"))
        .containsEntry("content-type", "image/png")
        .containsEntry("content-length", "48213");
    URI url = URI.create((String) created.body().get("url"));
    assertThat(url.getPath()).endsWith("/uploads/alice/header/" + uploadId);
    assertThat(url.getQuery()).contains("X-Amz-Expires=300").contains("content-length");
    Instant expiresAt = Instant.parse((String) created.body().get("expiresAt"));
    assertThat(expiresAt).isBetween(before, before.plus(Duration.ofMinutes(5)));
    assertThat(created.headers().get("location"))
        .containsExactly("/users/alice/skin/uploads/" + uploadId);

    SkinsStack.Reply status = stack.uploadStatus("alice", uploadId);
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.body())
        .containsEntry("status", "PENDING")
        .containsEntry("reasons", List.of())
        .containsEntry("contentType", "image/png")
        .containsEntry("contentLength", 48_213L);
  }

  @Test
  void createUpload_givesEveryUploadItsOwnUnguessableKey() {
    String first =
        (String) stack.createUpload("alice", "column", "image/jpeg", 10).body().get("url");
    String second =
        (String) stack.createUpload("alice", "column", "image/jpeg", 10).body().get("url");

    assertThat(URI.create(first).getPath()).isNotEqualTo(URI.create(second).getPath());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"slot\":\"footer\",\"contentType\":\"image/png\",\"contentLength\":10}|slot|INVALID_SLOT",
        "{\"slot\":\"header\",\"contentType\":\"image/gif\",\"contentLength\":10}|contentType|INVALID_CONTENT_TYPE",
        "{\"slot\":\"header\",\"contentType\":\"image/svg+xml\",\"contentLength\":10}|contentType|INVALID_CONTENT_TYPE",
        "{\"slot\":\"header\",\"contentType\":\"image/png\",\"contentLength\":0}|contentLength|INVALID_CONTENT_LENGTH",
        "{\"slot\":\"header\",\"contentType\":\"image/png\",\"contentLength\":-1}|contentLength|INVALID_CONTENT_LENGTH",
        "{\"slot\":\"header\",\"contentType\":\"image/png\",\"contentLength\":2097153}|contentLength|CONTENT_LENGTH_TOO_LARGE",
        "{\"slot\":\"background\",\"contentType\":\"image/png\",\"contentLength\":1048577}|contentLength|CONTENT_LENGTH_TOO_LARGE",
        "{\"slot\":\"column\",\"contentType\":\"image/png\",\"contentLength\":524289}|contentLength|CONTENT_LENGTH_TOO_LARGE",
        "{\"slot\":\"column\",\"contentType\":\"image/png\",\"contentLength\":10.5}|contentLength|INVALID_CONTENT_LENGTH",
        "{\"slot\":\"column\",\"contentType\":\"image/png\",\"contentLength\":\"10\"}|contentLength|INVALID_CONTENT_LENGTH",
        "{\"slot\":\"column\",\"contentType\":\"image/png\",\"contentLength\":99999999999999999999999}|contentLength|INVALID_CONTENT_LENGTH",
        "{\"contentType\":\"image/png\",\"contentLength\":10}|slot|INVALID_SLOT",
        "{\"slot\":\"column\",\"contentLength\":10}|contentType|INVALID_CONTENT_TYPE",
        "{\"slot\":\"column\",\"contentType\":\"image/png\"}|contentLength|INVALID_CONTENT_LENGTH",
        "{\"slot\":\"column\",\"contentType\":\"image/png\",\"contentLength\":10,\"fileName\":\"a.png\"}|fileName|UNKNOWN_FIELD",
        "not json|body|MALFORMED_JSON"
      })
  void createUpload_refusesAtOnce_whatTheValidatorWouldRefuse(
      String body, String field, String code) {
    SkinsStack.Reply reply = stack.call("POST", "/users/alice/skin/uploads", vip("alice"), body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.error()).containsEntry("field", field).containsEntry("code", code);
  }

  @Test
  void createUpload_acceptsExactlyEachSlotsLimit() {
    for (SkinSlot slot : SkinSlot.values()) {
      assertThat(
              stack.createUpload("alice", slot.wireName(), "image/png", slot.maxBytes()).status())
          .as(slot.wireName())
          .isEqualTo(201);
    }
  }

  @Test
  void createUpload_isRefused_toANonVipOwner_andToAnotherUser() {
    String body = "{\"slot\":\"header\",\"contentType\":\"image/png\",\"contentLength\":10}";

    SkinsStack.Reply nonVip =
        stack.call("POST", "/users/alice/skin/uploads", stack.gateway.token("alice"), body);
    SkinsStack.Reply stranger = stack.call("POST", "/users/alice/skin/uploads", vip("bob"), body);

    assertThat(nonVip.status()).isEqualTo(403);
    assertThat(nonVip.error()).containsEntry("code", "VIP_REQUIRED");
    assertThat(stranger.status()).isEqualTo(403);
    assertThat(stranger.error()).containsEntry("code", "NOT_OWNER");
  }

  @Test
  void uploadStatus_isForTheOwnerOnly_and404ForUnknownIds() {
    String uploadId =
        (String) stack.createUpload("alice", "column", "image/png", 10).body().get("uploadId");

    SkinsStack.Reply stranger =
        stack.call("GET", "/users/alice/skin/uploads/" + uploadId, vip("bob"), null);
    SkinsStack.Reply bobsView =
        stack.call("GET", "/users/bob/skin/uploads/" + uploadId, vip("bob"), null);
    SkinsStack.Reply malformed =
        stack.call("GET", "/users/alice/skin/uploads/nope", vip("alice"), null);

    assertThat(stranger.status()).isEqualTo(403);
    assertThat(bobsView.status()).isEqualTo(404);
    assertThat(bobsView.error()).containsEntry("code", "UPLOAD_NOT_FOUND");
    assertThat(malformed.status()).isEqualTo(404);
  }

  @Test
  void uploadStatus_readsFailed_fiveMinutesAfterTheUrlExpired_neverPendingForever() {
    String uploadId =
        (String) stack.createUpload("alice", "header", "image/png", 10).body().get("uploadId");

    stack.clock.advance(Duration.ofMinutes(10));
    Map<String, Object> stillWaiting = stack.uploadStatus("alice", uploadId).body();
    stack.clock.advance(Duration.ofSeconds(1));
    Map<String, Object> given_up = stack.uploadStatus("alice", uploadId).body();

    assertThat(stillWaiting).containsEntry("status", "PENDING");
    assertThat(given_up).containsEntry("status", "FAILED");
    assertThat(given_up.get("reasons").toString()).contains("VALIDATION_TIMEOUT");
  }
}
