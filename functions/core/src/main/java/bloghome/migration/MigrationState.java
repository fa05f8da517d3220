package bloghome.migration;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a data migration stands: running from {@code cursor} (none: from the start) or done; {@code
 * step} grows with every page and every nudge, so that two runners cannot both move it on.
 */
public record MigrationState(
    String name,
    boolean done,
    Optional<String> cursor,
    long step,
    long processed,
    Instant startedAt,
    Instant updatedAt) {}
