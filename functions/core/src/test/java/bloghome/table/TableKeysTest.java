package bloghome.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The key shapes docs/data-model.md promises, which stored items already carry. */
class TableKeysTest {
  @Test
  void postsProfilesAndListings_haveTheDocumentedKeys() {
    assertThat(TableKeys.postPk("p_1")).isEqualTo("POST#p_1");
    assertThat(TableKeys.userPk("alice")).isEqualTo("USER#alice");
    assertThat(TableKeys.userTypePk("alice", "article")).isEqualTo("USER#alice#article");
    assertThat(TableKeys.countSk(null)).isEqualTo("COUNT#all");
    assertThat(TableKeys.countSk("note")).isEqualTo("COUNT#note");
    assertThat(TableKeys.importSk("src-9")).isEqualTo("IMPORT#src-9");
    assertThat(TableKeys.postIdempotencySk("k1")).isEqualTo("IDEM#k1");
    assertThat(TableKeys.publishedKey("2026-11-01T08:00:00.000Z", "p_1"))
        .isEqualTo("2026-11-01T08:00:00.000Z#p_1");
    assertThat(TableKeys.skinUploadSk("u_1")).isEqualTo("SKIN_UPLOAD#u_1");
  }

  @Test
  void statsItems_haveTheDocumentedKeys() {
    LocalDate day = LocalDate.parse("2026-11-29");
    assertThat(TableKeys.viewMarker("p_1", day, "v9")).isEqualTo("VIEW#p_1#2026-11-29#v9");
    assertThat(TableKeys.viewMarker("p_1", day, "v9")).startsWith(TableKeys.viewMarkersOf("p_1"));
    assertThat(TableKeys.viewCountCheckpoint("shard-1")).isEqualTo("VIEWCOUNT#shard-1");
    assertThat(TableKeys.saltPk(day)).isEqualTo("SALT#2026-11-29");
    assertThat(TableKeys.reactionMarker(TableKeys.LIKE_MARKER, "p_1", "bob"))
        .isEqualTo("LIKE#p_1#bob");
    assertThat(TableKeys.reactionMarker(TableKeys.FAVORITE_MARKER, "p_1", "bob"))
        .isEqualTo("FAVORITE#p_1#bob");
    assertThat(TableKeys.favoritesOf("bob")).isEqualTo("FAVORITES#bob");
    assertThat(TableKeys.follow("bob", "alice")).isEqualTo("FOLLOW#bob#alice");
    assertThat(TableKeys.followingOf("bob")).isEqualTo("FOLLOWING#bob");
    assertThat(TableKeys.followersOf("alice")).isEqualTo("FOLLOWERS#alice");
  }

  @Test
  void viewMarkers_expireTwoDaysAfterTheStartOfTheirDay() {
    assertThat(TableKeys.viewMarkerExpiresAt(LocalDate.parse("2026-11-29")))
        .isEqualTo(Instant.parse("2026-12-01T00:00:00Z").getEpochSecond());
  }

  @Test
  void commentItems_haveTheDocumentedKeys() {
    Instant at = Instant.parse("2026-03-01T10:00:00Z");
    String top = TableKeys.topLevelCommentSk(at, "c_1");
    assertThat(top).isEqualTo("C#2026-03-01T10:00:00.000Z#c_1");
    assertThat(TableKeys.replySk(top, at, "c_2"))
        .isEqualTo(top + "#R#2026-03-01T10:00:00.000Z#c_2");
    assertThat(TableKeys.threadsPk("p_1")).isEqualTo("COMMENTS#p_1");
    assertThat(TableKeys.commentPointerPk("c_1")).isEqualTo("COMMENT#c_1");
    assertThat(TableKeys.commentIdempotencyPk("bob", "k1")).isEqualTo("IDEMPOTENCY#bob#k1");
    assertThat(TableKeys.ratePk("bob")).isEqualTo("RATE#bob");
    assertThat(TableKeys.commentMinuteWindowSk("2026-03-01T10:00"))
        .isEqualTo("COMMENTS#M#2026-03-01T10:00");
    assertThat(TableKeys.commentHourWindowSk("2026-03-01T10"))
        .isEqualTo("COMMENTS#H#2026-03-01T10");
  }
}
