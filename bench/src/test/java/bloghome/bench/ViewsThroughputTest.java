package bloghome.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ViewsThroughputTest {

  @Test
  void counted_followsTheAnswersCountedField_andOtherwiseTheStatus() {
    assertThat(ViewsThroughput.counted("{\"counted\":false}")).isFalse();
    assertThat(ViewsThroughput.counted("{\"counted\":true,\"views\":3}")).isTrue();
    assertThat(ViewsThroughput.counted("{\"views\":3}")).isTrue();
    assertThat(ViewsThroughput.counted("")).isTrue();
    assertThat(ViewsThroughput.counted("not json")).isTrue();
  }

  @Test
  void visitors_areDistinct_andStayInTheBenchmarkingRange() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 131_072; i += 97) {
      String ip = ViewsThroughput.visitorIp(i);
      assertThat(ip).matches("198\\.(18|19)\\.\\d{1,3}\\.\\d{1,3}");
      assertThat(seen.add(ip + ViewsThroughput.browser(i))).isTrue();
    }
  }
}
