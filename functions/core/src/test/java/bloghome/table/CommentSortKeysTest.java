package bloghome.table;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.time.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommentSortKeysTest {
  private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-03-01T10:00:00.001Z");
  private static final Instant T3 = Instant.parse("2026-03-01T11:00:00Z");

  @Test
  void timestamp_isFixedWidth_evenOnWholeSeconds() {
    assertThat(Timestamps.format(T1)).isEqualTo("2026-03-01T10:00:00.000Z");
    assertThat(Timestamps.parse("2026-03-01T10:00:00.001Z")).isEqualTo(T2);
  }

  @Test
  void sortKeys_putEachThreadUnderItsParent_beforeTheNextTopLevelComment() {
    String a = TableKeys.topLevelCommentSk(T1, "c_AAAAAAAAAAAAAAAAAAAAAA");
    String b = TableKeys.topLevelCommentSk(T1, "c_AAAAAAAAAAAAAAAAAAAAAB");
    String c = TableKeys.topLevelCommentSk(T2, "c_-AAAAAAAAAAAAAAAAAAAAA");
    String aReply = TableKeys.replySk(a, T3, "c_zzzzzzzzzzzzzzzzzzzzzz");
    String bReply = TableKeys.replySk(b, T2, "c_--------------------__");

    List<String> sorted = new ArrayList<>(List.of(c, bReply, b, aReply, a));
    sorted.sort(null);

    assertThat(sorted).containsExactly(a, aReply, b, bReply, c);
    assertThat(TableKeys.parentSkOf(aReply)).isEqualTo(a);
  }

  @Test
  void afterThread_skipsTheParentAndItsReplies_butNotTheNextThread() {
    String a = TableKeys.topLevelCommentSk(T1, "c_AAAAAAAAAAAAAAAAAAAAAA");
    String next = TableKeys.topLevelCommentSk(T1, "c_AAAAAAAAAAAAAAAAAAAAAB");
    String reply = TableKeys.replySk(a, T3, "c_zzzzzzzzzzzzzzzzzzzzzz");

    String after = TableKeys.afterThread(a);

    assertThat(after).isGreaterThan(a).isGreaterThan(reply).isLessThan(next);
  }

  @Test
  void afterReply_andTheReplyRange_boundExactlyOneThread() {
    String parent = TableKeys.topLevelCommentSk(T1, "c_AAAAAAAAAAAAAAAAAAAAAA");
    String r1 = TableKeys.replySk(parent, T1, "c_AAAAAAAAAAAAAAAAAAAAAA");
    String r2 = TableKeys.replySk(parent, T1, "c_AAAAAAAAAAAAAAAAAAAAAB");

    assertThat(TableKeys.afterReply(r1)).isGreaterThan(r1).isLessThan(r2);
    assertThat(r1).isBetween(TableKeys.repliesFrom(parent), TableKeys.repliesTo(parent));
    assertThat(TableKeys.topLevelCommentSk(T2, "c_AAAAAAAAAAAAAAAAAAAAAA"))
        .isGreaterThan(TableKeys.repliesTo(parent));
  }
}
