package bloghome.skins;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadKeysTest {

  @Test
  void uploadKey_roundTrips_evenWithSpacesPlusSlashesAndChineseInTheUserId() {
    String uploadId = UploadKeys.newUploadId();
    String userId = "李 雷+1/x";

    String key = UploadKeys.uploadKey("uploads/", userId, SkinSlot.COLUMN, uploadId);

    assertThat(key).isEqualTo("uploads/李 雷+1/x/column/" + uploadId);
    assertThat(UploadKeys.parseUploadKey("uploads/", key))
        .contains(new UploadKeys.Parsed(userId, SkinSlot.COLUMN, uploadId));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "skins/alice/header/up_AAAAAAAAAAAAAAAAAAAAAA",
        "uploads/alice/header/up_short",
        "uploads/alice/footer/up_AAAAAAAAAAAAAAAAAAAAAA",
        "uploads/alice/HEADER/up_AAAAAAAAAAAAAAAAAAAAAA",
        "uploads/header/up_AAAAAAAAAAAAAAAAAAAAAA",
        "uploads//header/up_AAAAAAAAAAAAAAAAAAAAAA",
        "uploads/alice/header/up_AAAAAAAAAAAAAAAAAAAAAA/my banner.png",
        "uploads/alice/header/up_AAAAAAAAAAAAAAAAAAAA +",
        "uploads/"
      })
  void parseUploadKey_refusesKeysTheApiNeverHandsOut(String key) {
    assertThat(UploadKeys.parseUploadKey("uploads/", key)).isEmpty();
  }

  @Test
  void acceptedKey_isOutsideTheUploadPrefix_withTheFormatsExtension() {
    assertThat(UploadKeys.acceptedKey("alice", SkinSlot.HEADER, "up_x", "jpeg"))
        .isEqualTo("skins/alice/header/up_x.jpg");
    assertThat(UploadKeys.acceptedKey("alice", SkinSlot.BACKGROUND, "up_x", "png"))
        .isEqualTo("skins/alice/background/up_x.png");
  }

  @Test
  void mediaUrl_percentEncodesEachSegment_soABrowserCanLoadIt() {
    MediaUrls urls = new MediaUrls("https://d1.cloudfront.net/");

    assertThat(urls.url("skins/李 雷+1/header/up_x.png"))
        .isEqualTo("https://d1.cloudfront.net/skins/%E6%9D%8E%20%E9%9B%B7%2B1/header/up_x.png");
  }
}
