package bloghome.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The cold-start table of the report, its figures and its notes. */
final class ColdTable {
  /** Targets of issue 14: every API function at most this many times the floor ... */
  static final double TARGET_PLAIN = 7.0;

  /** ... and at most this many times the floor with an AOT cache. */
  static final double TARGET_AOT = 3.0;

  private final Bench bench;

  ColdTable(Bench bench) {
    this.bench = bench;
  }

  void write(
      List<ColdSubject> subjects,
      Map<String, ColdSeries> plain,
      Map<String, ColdSeries> aot,
      Map<String, Path> caches) {
    ColdSeries floor = plain.get("floor");
    ColdSeries floorAot = aot.get("floor");
    boolean haveFloor = floor.times.size() > 0;
    var table =
        bench.report.table(
            "Cold start",
            """
        A fresh JVM per sample (%d rounds, subjects interleaved), options `%s` (with an AOT
        cache: `%s` plus the cache flags, as JDK 25 allows no `-Xshare` beside it), class path = the
        function's shaded jar + the probe jar. Time = from just before the process starts to the
        first handled response of the real handler (production constructor, pointed at the local
        stack). The floor is a no-op handler with the same options and the same event parsing.
        Ratios are to the floor of this run (without AOT cache), so machine drift cancels out.
        CPU time is the probe process's (all its threads) at the response, less sensitive than the
        wall clock to other work on the machine.
        Targets (issue 14): each API function <= %s the floor without a cache and <= %s with
        the AOT cache (the S3-triggered validator is judged the same way, for information). Rows
        with a label in brackets are the same function with one lever applied (`--cold-variant`).
        """
                .formatted(
                    bench.options.coldSamples(),
                    String.join(" ", ColdSampler.JVM_OPTIONS),
                    String.join(" ", ColdSampler.AOT_JVM_OPTIONS),
                    Report.ratio(TARGET_PLAIN),
                    Report.ratio(TARGET_AOT)),
            "function",
            "request",
            "jar size",
            "samples (failed)",
            "median",
            "x floor",
            "CPU time (x floor's)",
            "classes loaded",
            "median with AOT cache",
            "x floor",
            "AOT speed-up",
            "target <= 7x floor",
            "target <= 3x floor with AOT cache");
    for (ColdSubject s : subjects) {
      ColdSeries p = plain.get(s.id());
      ColdSeries a = aot.get(s.id());
      String samples = p.times.size() + (p.failures > 0 ? " (" + p.failures + " failed)" : "");
      if (p.failures > 0) {
        bench.report.note(
            s.id() + ": " + p.failures + " cold-start samples failed, last: " + p.lastProblem);
      }
      if (a.failures > 0) {
        bench.report.note(
            s.id() + ": " + a.failures + " AOT cold-start samples failed, last: " + a.lastProblem);
      }
      String median = p.times.size() == 0 ? "n/a" : Report.ms(p.times.median()) + " ms";
      String ratio =
          haveFloor && p.times.size() > 0
              ? Report.ratio(p.times.median() / floor.times.median())
              : "n/a";
      String aotMedian =
          a.times.size() == 0
              ? (caches.containsKey(s.id()) ? "failed" : "n/a")
              : Report.ms(a.times.median()) + " ms";
      String aotRatio =
          haveFloor && a.times.size() > 0
              ? Report.ratio(a.times.median() / floor.times.median())
              : "n/a";
      String speedUp =
          p.times.size() > 0 && a.times.size() > 0
              ? Report.ratio(p.times.median() / a.times.median())
              : "n/a";
      String verdict = s.floor() ? "baseline" : verdict(haveFloor ? floor : null, p, TARGET_PLAIN);
      String aotVerdict = s.floor() ? "baseline" : verdict(haveFloor ? floor : null, a, TARGET_AOT);
      String name = s.floor() ? "floor (no-op handler)" : s.id();
      boolean http = !s.route().startsWith("S3 ");
      table.row(
          name,
          "`" + s.route() + "`" + (s.floor() || !http ? "" : " → " + p.statuses),
          Report.bytes(s.artifactBytes()),
          samples,
          median,
          ratio,
          cpu(p, floor),
          p.medianClasses(),
          aotMedian,
          aotRatio,
          speedUp,
          verdict,
          aotVerdict);
      bench.report.figure(
          new Report.Figure(
              "cold",
              s.id(),
              "median",
              ms(p),
              "ms",
              p.times.size(),
              "floor",
              ratio,
              "<=7x floor",
              verdict));
      bench.report.figure(
          Report.Figure.plain(
              "cold",
              s.id(),
              "cpu_median",
              p.cpu.size() == 0 ? "" : Report.num(Samples.millis(p.cpu.median()), 2),
              "ms",
              p.cpu.size()));
      bench.report.figure(
          Report.Figure.plain(
              "cold",
              s.id(),
              "classes_loaded",
              Integer.toString(p.medianClasses()),
              "classes",
              p.times.size()));
      bench.report.figure(
          Report.Figure.plain(
              "cold", s.id(), "jar_size", Long.toString(s.artifactBytes()), "bytes", 1));
      bench.report.figure(
          new Report.Figure(
              "cold",
              s.id(),
              "median_aot",
              ms(a),
              "ms",
              a.times.size(),
              "floor",
              aotRatio,
              "<=3x floor",
              aotVerdict));
    }
    if (floorAot.times.size() > 0 && haveFloor) {
      table.note(
          "The floor itself starts in "
              + Report.ms(floorAot.times.median())
              + " ms with its AOT cache ("
              + Report.ratio(floor.times.median() / floorAot.times.median())
              + " faster). AOT caches are made by one"
              + " training run per subject (`-XX:AOTCacheOutput`, that request included) and used with"
              + " `-XX:AOTMode=on -XX:AOTCache=<file>`, so a cache that cannot be used fails the sample rather than"
              + " being silently ignored.");
    }
    table.note(
        "HTTP client: every function ships the SDK's `url-connection-client` only (no Apache or"
            + " Netty client in the jars), so that is the only client measured here.");
  }

  /**
   * Met, or missed by how much, for {@code series} against {@code target} times the floor's median.
   */
  static String verdict(ColdSeries floor, ColdSeries series, double target) {
    if (floor == null || floor.times.size() == 0 || series.times.size() == 0) {
      return "not measured";
    }
    double x = series.times.median() / floor.times.median();
    return x <= target
        ? "met"
        : "missed by "
            + Report.ratio(x - target)
            + " of the floor ("
            + Report.ms(series.times.median() - target * floor.times.median())
            + " ms)";
  }

  /** Median CPU time of the probe process, and its ratio to the floor's. */
  private static String cpu(ColdSeries s, ColdSeries floor) {
    if (s.cpu.size() == 0) {
      return "n/a";
    }
    String text = Report.ms(s.cpu.median()) + " ms";
    return floor.cpu.size() == 0
        ? text
        : text + " (" + Report.ratio(s.cpu.median() / floor.cpu.median()) + ")";
  }

  private static String ms(ColdSeries s) {
    return s.times.size() == 0 ? "" : Report.num(Samples.millis(s.times.median()), 2);
  }
}
