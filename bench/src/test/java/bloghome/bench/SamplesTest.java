package bloghome.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SamplesTest {

  @Test
  void median_isTheMiddleValue_forAnOddCount() {
    Samples samples = of(5, 1, 3);

    assertThat(samples.median()).isEqualTo(3.0);
  }

  @Test
  void median_isTheMeanOfTheTwoMiddleValues_forAnEvenCount() {
    Samples samples = of(4, 1, 3, 2);

    assertThat(samples.median()).isEqualTo(2.5);
  }

  @Test
  void percentile99_isTheNearestRank_soOneOutlierInAHundredDoesNotShowButTwoDo() {
    Samples one = new Samples();
    Samples two = new Samples();
    for (int i = 0; i < 99; i++) {
      one.add(10);
    }
    one.add(1_000);
    for (int i = 0; i < 98; i++) {
      two.add(10);
    }
    two.add(1_000);
    two.add(1_000);

    assertThat(one.percentile(99)).isEqualTo(10.0);
    assertThat(two.percentile(99)).isEqualTo(1_000.0);
  }

  @Test
  void addAll_keepsEverySampleOfBoth_pastTheInitialCapacity() {
    Samples a = of(1, 2, 3);
    Samples b = new Samples();
    for (int i = 0; i < 40; i++) {
      b.add(100);
    }

    a.addAll(b);

    assertThat(a.size()).isEqualTo(43);
    assertThat(a.percentile(100)).isEqualTo(100.0);
  }

  @Test
  void median_refusesAnEmptySeries() {
    assertThatThrownBy(() -> new Samples().median()).isInstanceOf(IllegalStateException.class);
  }

  private static Samples of(long... values) {
    Samples samples = new Samples();
    for (long v : values) {
      samples.add(v);
    }
    return samples;
  }
}
