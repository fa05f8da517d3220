package bloghome.stats.visitor;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Gives the {@link VisitorId} of a request under today's (UTC) salt. */
public final class DailyVisitorIds {
  private final SaltStore salts;
  private final Clock clock;

  public DailyVisitorIds(SaltStore salts, Clock clock) {
    this.salts = salts;
    this.clock = clock;
  }

  public String idOf(String ip, String userAgent) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return VisitorId.of(salts.saltFor(today), ip, userAgent);
  }
}
