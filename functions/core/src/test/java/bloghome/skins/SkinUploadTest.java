package bloghome.skins;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SkinUploadTest {
  private static final Instant CREATED = Instant.parse("2025-11-29T06:41:32.443Z");

  private final SkinUpload pending =
      SkinUpload.pending(
          "up_AAAAAAAAAAAAAAAAAAAAAA",
          "alice",
          SkinSlot.HEADER,
          "uploads/alice/header/up_AAAAAAAAAAAAAAAAAAAAAA",
          "image/png",
          100,
          CREATED,
          CREATED.plus(Duration.ofMinutes(5)));

  @Test
  void asSeenAt_staysPending_untilFiveMinutesAfterTheUrlExpired() {
    Instant lastMoment = CREATED.plus(Duration.ofMinutes(10));

    assertThat(pending.asSeenAt(lastMoment).status()).isEqualTo(UploadStatus.PENDING);
    assertThat(pending.asSeenAt(lastMoment).reasons()).isEmpty();
  }

  @Test
  void asSeenAt_readsFailedWithATimeoutReason_afterTheDeadline() {
    SkinUpload seen = pending.asSeenAt(CREATED.plus(Duration.ofMinutes(10)).plusMillis(1));

    assertThat(seen.status()).isEqualTo(UploadStatus.FAILED);
    assertThat(seen.reasons())
        .extracting(UploadReason::code)
        .containsExactly(UploadReason.VALIDATION_TIMEOUT);
  }

  @Test
  void order_followsCreationTime_evenAcrossDifferentIdsAndSecondBoundaries() {
    SkinUpload later =
        SkinUpload.pending(
            "up_000000000000000000000A",
            "alice",
            SkinSlot.HEADER,
            "k",
            "image/png",
            1,
            CREATED.plusMillis(557),
            CREATED.plusMillis(557).plus(Duration.ofMinutes(5)));

    assertThat(later.order()).isGreaterThan(pending.order());
    assertThat(pending.order()).startsWith("2025-11-29T06:41:32.443Z#");
  }
}
