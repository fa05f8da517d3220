package bloghome.stats.visitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DailyVisitorIdsTest {
  private static final String IP = "2001:db8::1";
  private static final String UA = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Firefox/133.0";
  private final InMemorySaltStore salts = new InMemorySaltStore();

  private DailyVisitorIds at(String instant) {
    return new DailyVisitorIds(salts, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
  }

  @Test
  void idOf_isStableWithinOneUtcDay() {
    assertThat(at("2026-11-29T00:00:00Z").idOf(IP, UA))
        .isEqualTo(at("2026-11-29T23:59:59Z").idOf(IP, UA));
  }

  @Test
  void idOf_changesFromOneUtcDayToTheNext_soDaysCannotBeLinked() {
    assertThat(at("2026-11-29T23:59:59Z").idOf(IP, UA))
        .isNotEqualTo(at("2026-11-30T00:00:00Z").idOf(IP, UA));
  }
}
