package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CI's entry point only runs the README's test command, which prepares what it needs itself. */
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
  void ciRun_onlyRunsBinTest_whichDoesItsOwnSetUp() throws IOException {
    List<String> commands =
        Files.readAllLines(script).stream()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();
    String binTest = Files.readString(script.getParent().getParent().resolve("bin/test"));

    assertThat(commands)
        .containsExactly("set -euo pipefail", "cd \"$(dirname \"$0\")/..\"", "exec bin/test");
    assertThat(binTest)
        .contains(". bin/lib/setup.sh")
        .contains("pick_python")
        .contains("ensure_chromium");
  }
}
