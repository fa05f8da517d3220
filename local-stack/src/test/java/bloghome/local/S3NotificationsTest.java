package bloghome.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class S3NotificationsTest {
  @Test
  void encodeKey_encodesLikeS3_spaceAsPlus_plusAsPercent_slashesKept() {
    assertThat(S3Notifications.encodeKey("uploads/a b/c+d/中.png"))
        .isEqualTo("uploads/a+b/c%2Bd/%E4%B8%AD.png");
  }
}
