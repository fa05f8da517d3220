package bloghome.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The samples of one cold-start subject under one set of JVM options. */
final class ColdSeries {
  final Samples times = new Samples();
  final Samples cpu = new Samples();
  final List<Integer> classes = new ArrayList<>();
  final TreeSet<Integer> statuses = new TreeSet<>();
  int failures;
  String lastProblem;

  void add(ColdSampler.Sample s) {
    if (s.ok()) {
      times.add(s.nanos());
      if (s.cpuNanos() >= 0) {
        cpu.add(s.cpuNanos());
      }
      classes.add(s.classes());
      statuses.add(s.status());
    } else {
      failures++;
      lastProblem = s.problem();
    }
  }

  int medianClasses() {
    List<Integer> sorted = classes.stream().sorted().toList();
    return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
  }
}
