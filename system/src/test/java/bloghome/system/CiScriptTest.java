package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CI's entry point still runs the README's test command, and prepares what the browser tests need.
 */
class CiScriptTest {
  private final Path script = SamTemplate.locate().getParent().resolve(".ci/run");

  @Test
  void ciRun_endsByRunningBinTest() throws IOException {
    List<String> commands =
        Files.readAllLines(script).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();

    assertThat(script).isExecutable();
    assertThat(commands.getLast()).isEqualTo("exec bin/test");
  }

  @Test
  void ciRun_installsChromiumAndItsDriver_whenMissing() throws IOException {
    String text = Files.readString(script);

    assertThat(text)
        .contains("/usr/bin/chromium")
        .contains("/usr/bin/chromedriver")
        .contains("apt-get update")
        .contains("apt-get install -y -q chromium chromium-driver");
    assertThat(text.indexOf("apt-get install")).isLessThan(text.indexOf("exec bin/test"));
  }
}
