package bloghome.stats;

import bloghome.errors.RetryLater;
import bloghome.log.Metrics;
import bloghome.table.RetryPolicy;

/**
 * What the stats writes do when a transaction is cancelled because another one held the same item
 * (TransactionConflict, common on a popular post): a few tries with a short jittered pause, then
 * the client is asked to retry later (BUSY, 503 with Retry-After). Any other cancellation without a
 * failed condition is a bug and goes up as it is.
 */
public final class StatsRetry {
  public static final RetryPolicy POLICY =
      new RetryPolicy(
          5,
          RetryPolicy.Pause.jittered(10, Long.MAX_VALUE, 0),
          false,
          cancelled -> {
            Metrics.count("Busy");
            return new RetryLater(
                "BUSY", "This item is very busy right now; try again shortly.", 1);
          });

  private StatsRetry() {}
}
