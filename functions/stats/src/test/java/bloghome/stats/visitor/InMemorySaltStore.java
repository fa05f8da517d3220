package bloghome.stats.visitor;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SaltStore} for tests: one generated salt per day, kept in memory. */
final class InMemorySaltStore implements SaltStore {
  private final Map<LocalDate, DailySalt> salts = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  @Override
  public DailySalt saltFor(LocalDate day) {
    return salts.computeIfAbsent(day, d -> DailySalt.generate(d, random));
  }
}
