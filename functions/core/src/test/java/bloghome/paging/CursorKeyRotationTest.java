package bloghome.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.errors.Problem;
import bloghome.local.junit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CursorKeyRotationTest {
  private static final String A = "key-a-".repeat(6);
  private static final String B = "key-b-".repeat(6);
  private static final String C = "key-c-".repeat(6);
  private static final String SCOPE = "posts|alice|latest|all";
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
  private final AtomicReference<CursorKeys> stored = new AtomicReference<>(CursorKeys.parse(A));
  private final CursorCodec codec = new CursorCodec(stored::get, clock, Duration.ofHours(24));

  @Test
  void aCursorInFlight_staysValidAfterARotation_andNewCursorsAreSignedWithTheNewKey() {
    String before = codec.encode(SCOPE, Map.of("k", "1"));

    stored.set(CursorKeys.parse(B + "," + A));

    assertThat(codec.decode(SCOPE, before)).containsEntry("k", "1");
    String after = codec.encode(SCOPE, Map.of("k", "2"));
    assertThat(
            new CursorCodec(() -> CursorKeys.parse(B), clock, Duration.ofHours(24))
                .decode(SCOPE, after))
        .containsEntry("k", "2");
    assertThatThrownBy(
            () ->
                new CursorCodec(() -> CursorKeys.parse(A), clock, Duration.ofHours(24))
                    .decode(SCOPE, after))
        .isInstanceOf(Problem.class);
  }

  @Test
  void aCursorSignedWithAKeyOlderThanThePreviousOne_isRejectedWith400() {
    String signedWithA = codec.encode(SCOPE, Map.of("k", "1"));
    stored.set(CursorKeys.parse(B + "," + A));
    String signedWithB = codec.encode(SCOPE, Map.of("k", "2"));

    stored.set(CursorKeys.parse(C + "," + B));

    assertThat(codec.decode(SCOPE, signedWithB)).containsEntry("k", "2");
    assertThatThrownBy(() -> codec.decode(SCOPE, signedWithA))
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.code()).isEqualTo("INVALID_CURSOR");
              assertThat(p.kind().status()).isEqualTo(400);
            });
  }

  @Test
  void parse_refusesShortKeysAndMoreThanTwo_withoutEchoingKeyMaterial() {
    assertThatThrownBy(() -> CursorKeys.parse("short-secret"))
        .hasMessageNotContaining("short-secret");
    assertThatThrownBy(() -> CursorKeys.parse(A + "," + B + "," + C)).hasMessageNotContaining(A);
    assertThatThrownBy(() -> CursorKeys.parse(A + ",")).isInstanceOf(IllegalStateException.class);
    assertThat(CursorKeys.parse(" " + A + " , " + B + "\n").previous()).isPresent();
  }

  @Test
  void ssmKeys_areReadOnce_thenAgainAfterTheRefreshPeriod_orAfterForget() {
    AtomicInteger reads = new AtomicInteger();
    AtomicReference<String> value = new AtomicReference<>(A);
    MutableClock moving = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    SsmCursorKeys keys =
        new SsmCursorKeys(
            () -> {
              reads.incrementAndGet();
              return value.get();
            },
            moving);

    keys.get();
    keys.get();
    assertThat(reads).hasValue(1);

    value.set(B + "," + A);
    moving.advance(SsmCursorKeys.REFRESH.minusSeconds(1));
    assertThat(new String(keys.get().current())).isEqualTo(A);
    moving.advance(Duration.ofSeconds(1));
    assertThat(new String(keys.get().current())).isEqualTo(B);
    assertThat(reads).hasValue(2);

    value.set(C);
    keys.forget();
    assertThat(new String(keys.get().current())).isEqualTo(C);
  }

  @Test
  void ssmKeys_keepTheLastKeysWhileSsmFails_butFailWhenTheyHaveNone() {
    AtomicReference<String> value = new AtomicReference<>(A);
    MutableClock moving = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    SsmCursorKeys keys =
        new SsmCursorKeys(
            () -> {
              if (value.get() == null) {
                throw new IllegalStateException("SSM unavailable");
              }
              return value.get();
            },
            moving);
    keys.get();

    value.set(null);
    moving.advance(SsmCursorKeys.REFRESH.plusSeconds(1));

    assertThat(new String(keys.get().current())).isEqualTo(A);
    keys.forget();
    assertThatThrownBy(keys::get).hasMessageContaining("SSM unavailable");
  }
}
