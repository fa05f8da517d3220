package bloghome.system;

import bloghome.json.Json;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What CloudFormation receives: template.yaml after the AWS::Serverless transform, made offline by
 * aws-sam-translator (it comes with cfn-lint) through {@code transform_template.py}.
 *
 * <p>Which Python: {@code BLOGHOME_PYTHON} when set, else the first of {@code python3}, pyenv's
 * versions and {@code /usr/bin/python3} that can import samtranslator and cfnlint. None is a test
 * failure, not a skip: {@code .ci/run} installs one.
 */
final class TransformedTemplate {
  static final String INSTALL_HINT = "pip install cfn-lint==1.51.0 (it brings aws-sam-translator)";
  private static volatile String python;

  private TransformedTemplate() {}

  /** The transformed template as parsed JSON, with parameters at their defaults unless given. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> of(Path template, String... parameters) {
    try {
      Path script = Files.createTempFile("transform_template", ".py");
      try (InputStream in =
          TransformedTemplate.class.getResourceAsStream("/transform_template.py")) {
        Files.write(script, in.readAllBytes());
      }
      Path stderr = Files.createTempFile("transform_template", ".err");
      List<String> command =
          new ArrayList<>(List.of(python(), script.toString(), template.toString()));
      command.addAll(List.of(parameters));
      Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError(
            "The SAM transform of " + template + " failed: " + Files.readString(stderr));
      }
      Files.deleteIfExists(script);
      Files.deleteIfExists(stderr);
      return (Map<String, Object>) Json.parse(new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("Cannot run the SAM transform: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static synchronized String python() {
    if (python != null) {
      return python;
    }
    Optional<String> chosen =
        Optional.ofNullable(System.getenv("BLOGHOME_PYTHON")).filter(s -> !s.isBlank());
    if (chosen.isPresent()) {
      if (!canTransform(chosen.get())) {
        throw new AssertionError(
            "BLOGHOME_PYTHON="
                + chosen.get()
                + " cannot import samtranslator and cfnlint: "
                + INSTALL_HINT
                + " into it, or point BLOGHOME_PYTHON at a python that has them.");
      }
      python = chosen.get();
      return python;
    }
    List<String> candidates = new ArrayList<>(List.of("python3"));
    File[] versions = new File(System.getProperty("user.home"), ".pyenv/versions").listFiles();
    if (versions != null) {
      for (File v : versions) {
        candidates.add(new File(v, "bin/python3").getPath());
      }
    }
    candidates.add("/usr/local/bin/python3");
    candidates.add("/usr/bin/python3");
    for (String candidate : candidates) {
      if (canTransform(candidate)) {
        python = candidate;
        return python;
      }
    }
    throw new AssertionError(
        "No Python 3 with aws-sam-translator and cfn-lint found (tried "
            + candidates
            + "): "
            + INSTALL_HINT
            + ", or set BLOGHOME_PYTHON to a python that has them.");
  }

  private static boolean canTransform(String candidate) {
    try {
      Process p =
          new ProcessBuilder(candidate, "-c", "import samtranslator, cfnlint")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
