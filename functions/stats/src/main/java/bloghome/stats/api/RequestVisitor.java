package bloghome.stats.api;

import bloghome.stats.Views;
import bloghome.stats.visitor.BotDetector;
import bloghome.stats.visitor.SaltStore;
import bloghome.stats.visitor.VisitorId;
import java.time.LocalDate;

/**
 * The visitor of one view request: a bot or not (from the User-Agent), and the day's keyed hash of
 * source IP and User-Agent. The raw values live only in this object, for one request.
 */
final class RequestVisitor implements Views.Visitor {
  private final BotDetector bots;
  private final SaltStore salts;
  private final String sourceIp;
  private final String userAgent;

  RequestVisitor(BotDetector bots, SaltStore salts, String sourceIp, String userAgent) {
    this.bots = bots;
    this.salts = salts;
    this.sourceIp = sourceIp == null ? "" : sourceIp;
    this.userAgent = userAgent == null ? "" : userAgent;
  }

  @Override
  public boolean countable() {
    return !userAgent.isBlank() && !bots.isBot(userAgent);
  }

  @Override
  public String key(LocalDate day) {
    return VisitorId.of(salts.saltFor(day), sourceIp, userAgent);
  }
}
