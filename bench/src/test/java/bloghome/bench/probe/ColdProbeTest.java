package bloghome.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColdProbeTest {

  @Test
  void accepted_matchesStatusClassesAndExactStatuses() {
    assertThat(ColdProbe.accepted("2xx", 200)).isTrue();
    assertThat(ColdProbe.accepted("2xx", 204)).isTrue();
    assertThat(ColdProbe.accepted("2xx", 404)).isFalse();
    assertThat(ColdProbe.accepted("2xx,404", 404)).isTrue();
    assertThat(ColdProbe.accepted("2xx,404", 500)).isFalse();
  }
}
