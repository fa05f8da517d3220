package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.SamTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up that bin/test and bin/run-local share ({@code bin/lib/setup.sh}), run as on a fresh
 * machine: {@code HOME} an empty directory and a {@code PATH} of {@code /usr/bin:/bin} only (no
 * pyenv, no Python with moto). The package index here does not serve moto, so pip is pointed at a
 * local wheel directory ({@code PIP_FIND_LINKS}, {@code PIP_NO_INDEX}) holding small stand-ins for
 * moto 5.2.1, cfn-lint 1.51.0 and aws-sam-translator built by this test: they provide the import
 * names the script checks ({@code moto.server}, {@code cfnlint}, {@code samtranslator}), not the
 * real code.
 */
class SetUpScriptIT {
  private static final Path ROOT = SamTemplate.locate().getParent();

  @TempDir static Path tmp;
  private static Path wheels;
  private static Path home;

  @BeforeAll
  static void wheels() throws IOException {
    home = Files.createDirectories(tmp.resolve("home"));
    wheels = Files.createDirectories(tmp.resolve("wheels"));
    wheel(
        "moto",
        "5.2.1",
        List.of("Provides-Extra: server"),
        Map.of("moto/__init__.py", "", "moto/server.py", "def main():\n    pass\n"));
    wheel(
        "cfn-lint",
        "1.51.0",
        List.of("Requires-Dist: aws-sam-translator>=1.110.0"),
        Map.of("cfnlint/__init__.py", "", "cfnlint/runner.py", "def main():\n    return 0\n"));
    wheel("aws-sam-translator", "1.110.0", List.of(), Map.of("samtranslator/__init__.py", ""));
  }

  @Test
  void withoutAPythonThatHasMoto_aVenvIsMadeOnce_fromTheWheelDirectory_andThenReused()
      throws Exception {
    Path venv = tmp.resolve("venv-once");

    Run first = pickPython(venv, wheels, Map.of());
    Run second = pickPython(venv, wheels, Map.of());

    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(first.output()).contains("making " + venv);
    assertThat(first.python()).isEqualTo(venv.resolve("bin/python3").toString());
    assertThat(second.exit()).as(second.output()).isZero();
    assertThat(second.output()).doesNotContain("making");
    assertThat(second.python()).isEqualTo(first.python());
    Run imports =
        run(
            List.of(
                first.python(), "-c", "import moto.server, samtranslator, cfnlint; print('ok')"),
            Map.of());
    assertThat(imports.output()).contains("ok");
  }

  @Test
  void aPythonThatHasTheTools_isUsed_andNoVenvIsMade() throws Exception {
    Path made = tmp.resolve("venv-tools");
    Run setUp = pickPython(made, wheels, Map.of());
    assertThat(setUp.exit()).as(setUp.output()).isZero();
    Path unused = tmp.resolve("venv-unused");

    Run picked = pickPython(unused, wheels, Map.of("BLOGHOME_PYTHON", setUp.python()));

    assertThat(picked.exit()).as(picked.output()).isZero();
    assertThat(picked.python()).isEqualTo(setUp.python());
    assertThat(unused).doesNotExist();
  }

  @Test
  void whenPipCannotFindMoto_itStopsWithWhatToDo_andLeavesNoHalfMadeVenv() throws Exception {
    Path venv = tmp.resolve("venv-none");
    Path noWheels = Files.createDirectories(tmp.resolve("no-wheels"));

    Run run = pickPython(venv, noWheels, Map.of());

    assertThat(run.exit()).isNotZero();
    assertThat(run.output())
        .contains("could not install moto[server]==5.2.1 cfn-lint==1.51.0")
        .contains("PIP_FIND_LINKS");
    assertThat(venv).doesNotExist();
  }

  @Test
  void withoutChromiumAndWithoutRootOrSudo_itStopsWithTheExactCommand() throws Exception {
    // Stand-ins that make this shell a user without root and without passwordless sudo.
    Path fakes = Files.createDirectories(tmp.resolve("not-root"));
    script(fakes.resolve("id"), "#!/bin/sh\necho 1000\n");
    script(fakes.resolve("sudo"), "#!/bin/sh\nexit 1\n");

    Run run =
        run(
            List.of("bash", "-c", ". bin/lib/setup.sh && ensure_chromium"),
            Map.of(
                "PATH",
                fakes + ":/usr/bin:/bin",
                "BLOGHOME_CHROMIUM",
                tmp.resolve("no-chromium").toString()));

    assertThat(run.exit()).isNotZero();
    assertThat(run.output())
        .contains("sudo sh -c 'apt-get update && apt-get install -y chromium chromium-driver'");
  }

  @Test
  void binTest_doesItsWholeSetUp_withAnEmptyHome_andNoStepByHand() throws Exception {
    Path venv = tmp.resolve("venv-bin-test");

    Run run =
        run(
            List.of("bin/test"),
            Map.of(
                "BLOGHOME_SETUP_ONLY",
                "1",
                "BLOGHOME_VENV",
                venv.toString(),
                "PIP_FIND_LINKS",
                wheels.toString()));

    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("python for moto, cfn-lint and the SAM transform: " + venv)
        .contains("set-up done");
  }

  // ------------------------------------------------------------------ helpers

  record Run(int exit, String output) {
    String python() {
      return output
          .lines()
          .filter(l -> l.startsWith("PYTHON="))
          .map(l -> l.substring("PYTHON=".length()))
          .findFirst()
          .orElse("");
    }
  }

  private static Run pickPython(Path venv, Path wheelDir, Map<String, String> extra)
      throws Exception {
    Map<String, String> env = new LinkedHashMap<>(extra);
    env.put("BLOGHOME_VENV", venv.toString());
    env.put("PIP_FIND_LINKS", wheelDir.toString());
    return run(
        List.of("bash", "-c", ". bin/lib/setup.sh && pick_python && echo PYTHON=$BLOGHOME_PYTHON"),
        env);
  }

  /** Runs in the project root with a fresh machine's environment plus {@code extra}. */
  private static Run run(List<String> command, Map<String, String> extra) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("HOME", home.toString());
    env.put("PATH", "/usr/bin:/bin");
    env.put("LANG", "C.UTF-8");
    // pip reads no configuration file of this machine and asks no index: only the wheel directory.
    env.put("PIP_CONFIG_FILE", "/dev/null");
    env.put("PIP_NO_INDEX", "1");
    env.putAll(extra);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static void script(Path file, String text) throws IOException {
    Files.writeString(file, text);
    assertThat(file.toFile().setExecutable(true)).isTrue();
  }

  /** A pure-Python wheel with a RECORD that pip accepts. */
  private static void wheel(
      String name, String version, List<String> metadata, Map<String, String> files)
      throws IOException {
    String dist = name.replace('-', '_');
    String info = dist + "-" + version + ".dist-info/";
    Map<String, String> entries = new LinkedHashMap<>(files);
    entries.put(
        info + "METADATA",
        "Metadata-Version: 2.1\nName: "
            + name
            + "\nVersion: "
            + version
            + "\n"
            + String.join("\n", metadata)
            + (metadata.isEmpty() ? "" : "\n"));
    entries.put(
        info + "WHEEL",
        "Wheel-Version: 1.0\nGenerator: bloghome-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
    List<String> record = new ArrayList<>();
    for (var e : entries.entrySet()) {
      byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
      record.add(e.getKey() + ",sha256=" + sha256(bytes) + "," + bytes.length);
    }
    record.add(info + "RECORD,,");
    entries.put(info + "RECORD", String.join("\n", record) + "\n");
    Path file = wheels.resolve(dist + "-" + version + "-py3-none-any.whl");
    try (OutputStream os = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(os)) {
      for (var e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
