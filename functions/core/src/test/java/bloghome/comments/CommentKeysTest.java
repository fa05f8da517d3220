package bloghome.comments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommentKeysTest {
  private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-03-01T10:00:00.001Z");
  private static final Instant T3 = Instant.parse("2026-03-01T11:00:00Z");

  @Test
  void timestamp_isFixedWidth_evenOnWholeSeconds() {
    assertThat(CommentKeys.timestamp(T1)).isEqualTo("2026-03-01T10:00:00.000Z");
    assertThat(CommentKeys.parseTimestamp("2026-03-01T10:00:00.001Z")).isEqualTo(T2);
  }

  @Test
  void sortKeys_putEachThreadUnderItsParent_beforeTheNextTopLevelComment() {
    String a = CommentKeys.topLevelSk(T1, "c_AAAAAAAAAAAAAAAAAAAAAA");
    String b = CommentKeys.topLevelSk(T1, "c_AAAAAAAAAAAAAAAAAAAAAB");
    String c = CommentKeys.topLevelSk(T2, "c_-AAAAAAAAAAAAAAAAAAAAA");
    String aReply = CommentKeys.replySk(a, T3, "c_zzzzzzzzzzzzzzzzzzzzzz");
    String bReply = CommentKeys.replySk(b, T2, "c_--------------------__");

    List<String> sorted = new ArrayList<>(List.of(c, bReply, b, aReply, a));
    sorted.sort(null);

    assertThat(sorted).containsExactly(a, aReply, b, bReply, c);
    assertThat(CommentKeys.parentSkOf(aReply)).isEqualTo(a);
  }

  @Test
  void afterThread_skipsTheParentAndItsReplies_butNotTheNextThread() {
    String a = CommentKeys.topLevelSk(T1, "c_AAAAAAAAAAAAAAAAAAAAAA");
    String next = CommentKeys.topLevelSk(T1, "c_AAAAAAAAAAAAAAAAAAAAAB");
    String reply = CommentKeys.replySk(a, T3, "c_zzzzzzzzzzzzzzzzzzzzzz");

    String after = CommentKeys.afterThread(a);

    assertThat(after).isGreaterThan(a).isGreaterThan(reply).isLessThan(next);
  }

  @Test
  void afterReply_andTheReplyRange_boundExactlyOneThread() {
    String parent = CommentKeys.topLevelSk(T1, "c_AAAAAAAAAAAAAAAAAAAAAA");
    String r1 = CommentKeys.replySk(parent, T1, "c_AAAAAAAAAAAAAAAAAAAAAA");
    String r2 = CommentKeys.replySk(parent, T1, "c_AAAAAAAAAAAAAAAAAAAAAB");

    assertThat(CommentKeys.afterReply(r1)).isGreaterThan(r1).isLessThan(r2);
    assertThat(r1).isBetween(CommentKeys.repliesFrom(parent), CommentKeys.repliesTo(parent));
    assertThat(CommentKeys.topLevelSk(T2, "c_AAAAAAAAAAAAAAAAAAAAAA"))
        .isGreaterThan(CommentKeys.repliesTo(parent));
  }
}
