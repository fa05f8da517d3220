package bloghome.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.errors.Problem;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageLimitTest {
  @Test
  void limit_isTheDefaultWhenAbsent_andTheNumberWhenDigitsWithinRange() {
    assertThat(PageLimit.parse(Optional.empty(), 20, 100)).isEqualTo(20);
    assertThat(PageLimit.parse(Optional.of("1"), 20, 100)).isEqualTo(1);
    assertThat(PageLimit.parse(Optional.of("100"), 20, 100)).isEqualTo(100);
    assertThat(PageLimit.parse(Optional.of("007"), 20, 100)).isEqualTo(7);
  }

  @Test
  void limit_isA400OnLimit_forAnythingButPlainDigitsFrom1ToTheMaximum() {
    for (String bad :
        List.of(
            "",
            " 5",
            "5 ",
            "+5",
            "-1",
            "0",
            "101",
            "0100",
            "5.0",
            "1e2",
            "ten",
            "٥",
            "9999999999")) {
      assertThatThrownBy(() -> PageLimit.parse(Optional.of(bad), 20, 100))
          .as(bad)
          .isInstanceOfSatisfying(
              Problem.class,
              p -> {
                assertThat(p.code()).isEqualTo("INVALID_LIMIT");
                assertThat(p.field()).isEqualTo("limit");
                assertThat(p.getMessage()).isEqualTo("limit must be a whole number from 1 to 100.");
              });
    }
  }
}
