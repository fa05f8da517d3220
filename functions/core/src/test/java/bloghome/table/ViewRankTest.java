package bloghome.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ViewRankTest {
  private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void viewRank_ordersByViewsThenNewerThenPostId() {
    assertThat(ViewRank.of(2, T, "p_AAAAA"))
        .isGreaterThan(ViewRank.of(1, T.plusSeconds(86400L * 365 * 50), "p_zzzzz"));
    assertThat(ViewRank.of(1, T.plusMillis(1), "p_-----"))
        .isGreaterThan(ViewRank.of(1, T, "p_zzzzz"));
    assertThat(ViewRank.of(1, T, "p_b")).isGreaterThan(ViewRank.of(1, T, "p_a"));
    assertThat(ViewRank.of(1, T, "p_a")).isGreaterThan(ViewRank.of(1, T, "p_Z"));
  }

  @Test
  void viewRank_fitsDynamoDbPrecision_atTheLimits() {
    String rank =
        ViewRank.of(ViewRank.MAX_VIEWS, Instant.parse("5000-12-31T23:59:59.999Z"), "p_zzzzz")
            .toString();

    assertThat(rank).hasSizeLessThanOrEqualTo(38);
    assertThat(rank.compareTo(ViewRank.TOP)).isNegative();
  }

  @Test
  void oneView_addsExactlyOneViewsWorth() {
    assertThat(ViewRank.of(5, T, "p_abcde").add(ViewRank.ONE_VIEW))
        .isEqualTo(ViewRank.of(6, T, "p_abcde"));
  }
}
