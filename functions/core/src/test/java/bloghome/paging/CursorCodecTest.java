package bloghome.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.errors.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CursorCodecTest {
  private static final byte[] SECRET =
      "a-test-signing-key-of-32-bytes!!".getBytes(StandardCharsets.UTF_8);
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
  private final CursorCodec codec = new CursorCodec(SECRET, clock, Duration.ofHours(24));

  @Test
  void decode_returnsThePosition_forTheScopeItWasIssuedFor() {
    Map<String, String> position = Map.of("pk", "POST#p_1", "viewRank", "12300000");

    String cursor = codec.encode("posts|alice|views|all", position);

    assertThat(codec.decode("posts|alice|views|all", cursor)).isEqualTo(position);
  }

  @Test
  void decode_rejectsACursorOfAnotherUserSortOrFilter() {
    String cursor = codec.encode("posts|alice|latest|all", Map.of("k", "v"));

    for (String other :
        new String[] {
          "posts|bob|latest|all", "posts|alice|views|all", "posts|alice|latest|repost"
        }) {
      assertThatThrownBy(() -> codec.decode(other, cursor))
          .isInstanceOfSatisfying(
              Problem.class,
              p -> {
                assertThat(p.code()).isEqualTo("INVALID_CURSOR");
                assertThat(p.field()).isEqualTo("cursor");
                assertThat(p.kind().status()).isEqualTo(400);
              });
    }
  }

  @Test
  void decode_rejectsEveryOneCharacterChange() {
    String cursor = codec.encode("s", Map.of("pk", "POST#p_1"));

    for (int i = 0; i < cursor.length(); i++) {
      char c = cursor.charAt(i);
      String tampered = cursor.substring(0, i) + (c == 'A' ? 'B' : 'A') + cursor.substring(i + 1);
      assertThatThrownBy(() -> codec.decode("s", tampered)).isInstanceOf(Problem.class);
    }
  }

  @Test
  void decode_rejectsExpiredCursors_andCursorsSignedWithAnotherKey() {
    String cursor = codec.encode("s", Map.of());
    CursorCodec later =
        new CursorCodec(SECRET, Clock.offset(clock, Duration.ofHours(25)), Duration.ofHours(24));
    CursorCodec otherKey =
        new CursorCodec(
            "another-key-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8),
            clock,
            Duration.ofHours(24));

    assertThatThrownBy(() -> later.decode("s", cursor)).hasMessageContaining("expired");
    assertThatThrownBy(() -> otherKey.decode("s", cursor)).isInstanceOf(Problem.class);
  }

  @Test
  void
      withoutExpiry_encodesTheSamePositionToTheSameCursor_atAnyTime_andStillChecksScopeAndSignature() {
    CursorCodec codec = CursorCodec.withoutExpiry("a-test-signing-key-of-32-bytes!!");
    Map<String, String> position = Map.of("pk", "POST#p_1", "n", "25");

    String first = codec.encode("posts|alice|latest|all", position);
    String later = codec.encode("posts|alice|latest|all", position);

    assertThat(later).isEqualTo(first);
    assertThat(codec.decode("posts|alice|latest|all", first)).isEqualTo(position);
    assertThatThrownBy(() -> codec.decode("posts|bob|latest|all", first))
        .isInstanceOfSatisfying(
            Problem.class, p -> assertThat(p.code()).isEqualTo("INVALID_CURSOR"));
    String tampered =
        first.substring(0, 5) + (first.charAt(5) == 'A' ? 'B' : 'A') + first.substring(6);
    assertThatThrownBy(() -> codec.decode("posts|alice|latest|all", tampered))
        .isInstanceOf(Problem.class);
    assertThatThrownBy(
            () ->
                CursorCodec.withoutExpiry("another-key-of-at-least-32-bytes")
                    .decode("posts|alice|latest|all", first))
        .isInstanceOf(Problem.class);
    // A cursor a codec with a lifetime issued (before a deploy) still reads: its time is ignored.
    CursorCodec timed =
        new CursorCodec(SECRET, Clock.offset(clock, Duration.ofDays(-30)), Duration.ofHours(24));
    assertThat(codec.decode("s", timed.encode("s", Map.of("k", "v")))).isEqualTo(Map.of("k", "v"));
  }

  @Test
  void decode_rejectsGarbage() {
    for (String garbage : new String[] {"", ".", "abc", "a.b.c", "%%%.###", "x".repeat(5000)}) {
      assertThatThrownBy(() -> codec.decode("s", garbage)).isInstanceOf(Problem.class);
    }
  }
}
