package bloghome.stats.visitor;

import java.time.LocalDate;

/** Keeps one {@link DailySalt} per UTC day, shared by every instance of the function. */
public interface SaltStore {

  /**
   * Returns the salt of {@code day}, creating it on first use. Concurrent first calls from
   * different containers must end up with the same salt (for example with a conditional put), or
   * one visitor would count twice that day. Never returns a salt that has expired.
   */
  DailySalt saltFor(LocalDate day);
}
