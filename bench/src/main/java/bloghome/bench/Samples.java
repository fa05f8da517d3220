package bloghome.bench;

import java.util.Arrays;

/** Durations in nanoseconds and their order statistics. */
final class Samples {
  private long[] values = new long[16];
  private int size;

  void add(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  void addAll(Samples other) {
    for (int i = 0; i < other.size; i++) {
      add(other.values[i]);
    }
  }

  int size() {
    return size;
  }

  /** The median; for an even count, the mean of the two middle values. */
  double median() {
    requireSome();
    long[] sorted = sorted();
    int mid = size / 2;
    return size % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }

  /** Nearest-rank percentile: the smallest value with at least {@code p}% of values at or below. */
  double percentile(double p) {
    requireSome();
    if (p <= 0 || p > 100) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
    }
    long[] sorted = sorted();
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.max(0, rank - 1)];
  }

  private long[] sorted() {
    long[] copy = Arrays.copyOf(values, size);
    Arrays.sort(copy);
    return copy;
  }

  private void requireSome() {
    if (size == 0) {
      throw new IllegalStateException("no samples");
    }
  }

  static double millis(double nanos) {
    return nanos / 1_000_000.0;
  }
}
