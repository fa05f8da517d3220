package bloghome.migration;

import java.time.Instant;
import java.util.Optional;

/** The state item of each data migration. */
public interface MigrationStore {

  /** The state as stored (strongly consistent), if the migration was ever started. */
  Optional<MigrationState> read(String name);

  /**
   * Starts the migration from the beginning, or nudges a running one (its step grows, which wakes
   * its runner through the table's stream and stops a stale one); a finished one stays finished.
   */
  MigrationState start(String name, Instant now);

  /**
   * Moves the migration past one page: the new cursor (none: finished) and the posts processed, on
   * condition that nobody moved it since {@code from}; empty when somebody did.
   */
  Optional<MigrationState> advance(
      MigrationState from, Optional<String> cursor, long processed, Instant now);
}
