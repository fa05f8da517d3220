package bloghome.skins;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.skins.SkinUploadStore.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAwsExtension.class)
class DynamoDbSkinStoresIT {
  private static final Instant T0 = Instant.parse("2025-11-29T06:41:32.443Z");

  private DynamoDbSkinStore skins;
  private DynamoDbSkinUploadStore uploads;

  @BeforeEach
  void freshTable(LocalAws aws) {
    String table = aws.freshTable("BlogTable");
    skins = new DynamoDbSkinStore(aws.dynamoDbClient(), table);
    uploads = new DynamoDbSkinUploadStore(aws.dynamoDbClient(), table);
  }

  @Test
  void updateColors_setsAndResetsOnlyTheGivenColours_andLeavesImagesAlone() {
    // given a skin with a header image and a title colour
    SkinUpload upload = pending("alice", T0);
    uploads.create(upload);
    assertThat(uploads.acceptAsActive(upload, image(upload), Optional.empty(), T0))
        .isEqualTo(Decision.RECORDED);
    skins.updateColors("alice", Map.of(ColorField.TITLE, Optional.of("#111111")), T0);

    // when the hover colour is set and the title colour reset
    Skin after =
        skins.updateColors(
            "alice",
            Map.of(ColorField.HOVER, Optional.of("#ABCDEF"), ColorField.TITLE, Optional.empty()),
            T0.plusSeconds(1));

    // then
    assertThat(after.colors()).containsExactlyEntriesOf(Map.of(ColorField.HOVER, "#ABCDEF"));
    assertThat(after.color(ColorField.TITLE)).isEqualTo(ColorField.TITLE.defaultColor());
    assertThat(after.image(SkinSlot.HEADER)).contains(image(upload));
    assertThat(skins.find("alice")).contains(after);
    assertThat(skins.find("bob")).isEmpty();
  }

  @Test
  void upload_roundTripsThroughTheTable() {
    SkinUpload upload = pending("李 雷+1", T0);

    uploads.create(upload);

    assertThat(uploads.find("李 雷+1", upload.uploadId())).contains(upload);
    assertThat(uploads.find("alice", upload.uploadId())).isEmpty();
  }

  @Test
  void reject_recordsOneVerdict_andARepeatedDeliveryChangesNothing() {
    // given
    SkinUpload upload = pending("alice", T0);
    uploads.create(upload);
    List<UploadReason> reasons =
        List.of(new UploadReason("DIMENSIONS", "too small"), new UploadReason("ANIMATED", "no"));

    // when the event is delivered twice (the second time with another outcome, as after a re-PUT)
    Decision first = uploads.reject(upload, reasons, T0.plusSeconds(30));
    Decision second =
        uploads.reject(upload, List.of(new UploadReason("CORRUPT", "x")), T0.plusSeconds(31));
    Decision accept =
        uploads.acceptAsActive(upload, image(upload), Optional.empty(), T0.plusSeconds(32));

    // then only the first verdict is recorded
    // (Racing deliveries are not tested here: moto 5.2.1 has no per-item lock, so concurrent
    // conditional updates can both pass on it; DynamoDB serialises writes to one item.)
    assertThat(first).isEqualTo(Decision.RECORDED);
    assertThat(second).isEqualTo(Decision.ALREADY_DECIDED);
    assertThat(accept).isEqualTo(Decision.ALREADY_DECIDED);
    SkinUpload stored = uploads.find("alice", upload.uploadId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(UploadStatus.REJECTED);
    assertThat(stored.reasons()).isEqualTo(reasons);
    assertThat(stored.decidedAt()).contains(T0.plusSeconds(30));
    assertThat(skins.find("alice")).isEmpty();
  }

  @Test
  void verdicts_pastTheDeadline_areRefused_butFailingStillWorks() {
    SkinUpload upload = pending("alice", T0);
    uploads.create(upload);
    Instant late = upload.failAfter().plusMillis(1);

    assertThat(uploads.reject(upload, List.of(UploadReason.timedOut()), late))
        .isEqualTo(Decision.ALREADY_DECIDED);
    assertThat(uploads.acceptAsActive(upload, image(upload), Optional.empty(), late))
        .isEqualTo(Decision.ALREADY_DECIDED);
    assertThat(uploads.fail(upload, List.of(UploadReason.timedOut()), late))
        .isEqualTo(Decision.RECORDED);
    assertThat(uploads.find("alice", upload.uploadId()).orElseThrow().status())
        .isEqualTo(UploadStatus.FAILED);
    assertThat(skins.find("alice")).isEmpty();
  }

  @Test
  void acceptAsActive_reportsSlotChanged_whenTheSlotNoLongerHoldsWhatWasRead_andChangesNothing() {
    // given the slot holds upload A
    SkinUpload a = pending("alice", T0);
    SkinUpload b = pending("alice", T0.plusSeconds(1));
    uploads.create(a);
    uploads.create(b);
    uploads.acceptAsActive(a, image(a), Optional.empty(), T0);

    // when B is accepted believing the slot empty
    Decision decision = uploads.acceptAsActive(b, image(b), Optional.empty(), T0.plusSeconds(2));

    // then nothing changed, and B is still open to a retry
    assertThat(decision).isEqualTo(Decision.SLOT_CHANGED);
    assertThat(uploads.find("alice", b.uploadId()).orElseThrow().status())
        .isEqualTo(UploadStatus.PENDING);
    assertThat(skins.find("alice").orElseThrow().image(SkinSlot.HEADER)).contains(image(a));

    // and with the right expectation it replaces A
    assertThat(uploads.acceptAsActive(b, image(b), Optional.of(image(a)), T0.plusSeconds(2)))
        .isEqualTo(Decision.RECORDED);
    assertThat(skins.find("alice").orElseThrow().image(SkinSlot.HEADER)).contains(image(b));
    SkinUpload stored = uploads.find("alice", b.uploadId()).orElseThrow();
    assertThat(stored.active()).isTrue();
    assertThat(stored.accepted()).contains(image(b));
  }

  @Test
  void acceptSuperseded_recordsAcceptedButInactive_withoutTouchingTheSlot() {
    SkinUpload upload = pending("alice", T0);
    uploads.create(upload);

    assertThat(uploads.acceptSuperseded(upload, image(upload), T0)).isEqualTo(Decision.RECORDED);
    assertThat(uploads.acceptSuperseded(upload, image(upload), T0))
        .isEqualTo(Decision.ALREADY_DECIDED);

    SkinUpload stored = uploads.find("alice", upload.uploadId()).orElseThrow();
    assertThat(stored.status()).isEqualTo(UploadStatus.ACCEPTED);
    assertThat(stored.active()).isFalse();
    assertThat(skins.find("alice")).isEmpty();
  }

  private static SkinUpload pending(String userId, Instant createdAt) {
    String id = UploadKeys.newUploadId();
    return SkinUpload.pending(
        id,
        userId,
        SkinSlot.HEADER,
        UploadKeys.uploadKey("uploads/", userId, SkinSlot.HEADER, id),
        "image/png",
        1234,
        createdAt,
        createdAt.plus(Duration.ofMinutes(5)));
  }

  private static SkinImage image(SkinUpload upload) {
    return new SkinImage(
        upload.slot(),
        upload.uploadId(),
        UploadKeys.acceptedKey(upload.userId(), upload.slot(), upload.uploadId(), "png"),
        1920,
        100,
        999,
        "png",
        "image/png",
        upload.order(),
        upload.createdAt());
  }
}
