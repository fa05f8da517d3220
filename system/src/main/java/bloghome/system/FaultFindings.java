package bloghome.system;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a fault run found, shared by its client threads and its checks: the counted figures and the
 * violations, both safe to add to from several threads.
 */
final class FaultFindings {

  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

  void violation(String what) {
    violations.add(what);
  }

  void violations(List<String> found) {
    violations.addAll(found);
  }

  /** Adds one to the figure {@code name}. */
  void count(String name) {
    counts.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
  }

  /** Sets the figure {@code name}. */
  void figure(String name, long value) {
    counts.put(name, new AtomicLong(value));
  }

  /** The counted figures, sorted by name. */
  Map<String, Long> figures() {
    Map<String, Long> sorted = new TreeMap<>();
    counts.forEach((k, v) -> sorted.put(k, v.get()));
    return sorted;
  }

  List<String> violations() {
    return List.copyOf(violations);
  }
}
