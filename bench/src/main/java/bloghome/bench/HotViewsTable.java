package bloghome.bench;

import bloghome.local.SamTemplate;
import java.time.Duration;
import java.util.List;

/** The hot-post table of the report (old design against new) and its figures. */
final class HotViewsTable {

  /** What one design's run did. */
  record Run(
      String design,
      int views,
      int counted,
      int failed,
      double seconds,
      int throttled,
      long stored,
      long markers,
      Duration settle) {}

  private final Bench bench;

  HotViewsTable(Bench bench) {
    this.bench = bench;
  }

  void write(int limit, SamTemplate.StreamTrigger trigger, List<Run> runs) {
    var table =
        bench.report.table(
            "Hot post: old design against new, per-item write limit on",
            """
        One post viewed by %d distinct visitors from %d threads as fast as this machine goes, on a
        local DynamoDB of its own that throttles writes to one item above %d per second
        (`BLOGHOME_DYNAMODB_ITEM_WRITE_LIMIT`, a scaled-down partition limit) with
        `ProvisionedThroughputExceededException`. Both designs run the views use case with the
        SDK's default retries; "throttled" counts the throttled attempts the SDK saw, "failed" the
        views still refused after its retries. "Exact" compares the summary's `views` with the
        number of markers stored. For the new design the counters come from the real aggregator
        behind the local event source mapping (batch size %d, window %d s, as in template.yaml);
        "delay" runs from the last view answered to the counter equal to the markers.
        """
                .formatted(
                    bench.options.hotViews(),
                    bench.options.hotClients(),
                    limit,
                    trigger.batchSize(),
                    trigger.maximumBatchingWindowSeconds()),
            "design",
            "views sent",
            "counted",
            "failed",
            "views/s",
            "throttled attempts",
            "markers",
            "stored views",
            "check",
            "delay to exact count");
    for (Run r : runs) {
      boolean exact = r.stored() == r.markers();
      table.row(
          r.design(),
          r.views(),
          r.counted(),
          r.failed(),
          Report.num(r.counted() / r.seconds(), 1),
          r.throttled(),
          r.markers(),
          r.stored(),
          exact ? "exact" : "MISMATCH (" + (r.stored() - r.markers()) + ")",
          r.settle().isZero()
              ? "0 (in the request)"
              : Report.num(r.settle().toMillis() / 1000.0, 2) + " s");
      String subject = r.design().startsWith("old") ? "old" : "new";
      bench.report.figure(
          Report.Figure.plain(
              "hot",
              subject,
              "views_per_second",
              Report.num(r.counted() / r.seconds(), 1),
              "1/s",
              r.views()));
      bench.report.figure(
          Report.Figure.plain(
              "hot",
              subject,
              "throttled_attempts",
              Integer.toString(r.throttled()),
              "requests",
              r.views()));
      bench.report.figure(
          new Report.Figure(
              "hot",
              subject,
              "failed_views",
              Integer.toString(r.failed()),
              "views",
              r.views(),
              "",
              "",
              "0",
              r.failed() == 0 ? "met" : "missed"));
      bench.report.figure(
          new Report.Figure(
              "hot",
              subject,
              "stored_minus_markers",
              Long.toString(r.stored() - r.markers()),
              "views",
              r.views(),
              "",
              "",
              "0",
              exact ? "exact" : "mismatch"));
      bench.report.figure(
          Report.Figure.plain(
              "hot",
              subject,
              "delay_to_exact_count",
              Report.num(r.settle().toMillis() / 1000.0, 2),
              "s",
              1));
    }
  }
}
