package bloghome.comments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimitTest {

  @Test
  void windowsAt_namesTheCalendarMinuteAndClockHour_andWhenTheyEnd() {
    Instant now = Instant.parse("2026-03-01T10:59:30.250Z");

    var windows = RateLimit.DEFAULT.windowsAt(now);

    assertThat(windows)
        .extracting(RateLimit.Window::sk)
        .containsExactly("COMMENTS#M#2026-03-01T10:59", "COMMENTS#H#2026-03-01T10");
    assertThat(windows).extracting(RateLimit.Window::limit).containsExactly(5, 30);
    assertThat(windows.get(0).secondsLeft(now)).isEqualTo(30);
    assertThat(windows.get(1).secondsLeft(now)).isEqualTo(30);
  }

  @Test
  void secondsLeft_roundsUp_andIsNeverZero() {
    var minute = RateLimit.DEFAULT.windowsAt(Instant.parse("2026-03-01T10:00:00Z")).get(0);

    assertThat(minute.secondsLeft(Instant.parse("2026-03-01T10:00:59.001Z"))).isEqualTo(1);
    assertThat(minute.secondsLeft(Instant.parse("2026-03-01T10:01:00Z"))).isEqualTo(1);
  }

  @Test
  void none_enforcesNoWindow() {
    assertThat(RateLimit.NONE.windowsAt(Instant.now())).isEmpty();
  }
}
