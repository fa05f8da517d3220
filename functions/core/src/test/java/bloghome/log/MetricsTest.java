package bloghome.log;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @AfterEach
  void restore() {
    Log.redirect(System.out);
    System.clearProperty("AWS_LAMBDA_FUNCTION_NAME");
  }

  @Test
  void count_printsOneEmfLine_thatDeclaresTheMetricItsNamespaceAndDimensions() {
    System.setProperty("AWS_LAMBDA_FUNCTION_NAME", "bloghome-stats");
    Log.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));

    Metrics.count("ViewSkipped", "Reason", "bot");

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(1);
    Map<?, ?> line = (Map<?, ?>) Json.parse(lines.get(0));
    Map<?, ?> aws = (Map<?, ?>) line.get("_aws");
    assertThat(aws.get("Timestamp")).isInstanceOf(Long.class);
    Map<?, ?> directive = (Map<?, ?>) ((List<?>) aws.get("CloudWatchMetrics")).get(0);
    assertThat(directive.get("Namespace")).isEqualTo("Bloghome");
    assertThat(directive.get("Dimensions")).isEqualTo(List.of(List.of("Function", "Reason")));
    assertThat(directive.get("Metrics"))
        .isEqualTo(List.of(Map.of("Name", "ViewSkipped", "Unit", "Count")));
    // Every dimension and the metric itself are top-level members of the same object.
    assertThat(line.get("Function")).isEqualTo("bloghome-stats");
    assertThat(line.get("Reason")).isEqualTo("bot");
    assertThat(((Number) line.get("ViewSkipped")).longValue()).isEqualTo(1);
    assertThat(line.get("level")).isEqualTo("INFO");
  }

  @Test
  void count_withoutAnExtraDimension_hasOnlyTheFunction_andALongValueIsCut() {
    Log.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));

    Metrics.count("Busy");
    Metrics.count("UploadRejected", "Code", "X".repeat(500));

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    Map<?, ?> first = (Map<?, ?>) Json.parse(lines.get(0));
    Map<?, ?> directive =
        (Map<?, ?>) ((List<?>) ((Map<?, ?>) first.get("_aws")).get("CloudWatchMetrics")).get(0);
    assertThat(directive.get("Dimensions")).isEqualTo(List.of(List.of("Function")));
    assertThat(first.get("Function")).isEqualTo("local");
    assertThat((String) ((Map<?, ?>) Json.parse(lines.get(1))).get("Code")).hasSize(64);
  }
}
