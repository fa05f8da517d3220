package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The contract between template.yaml and the jars the build packages ({@code CodeUri}): handlers,
 * HTTP clients, SDK services. An integration test because it needs the package phase's output.
 */
class FunctionArtifactsIT {
  private final SamTemplate template = SamTemplate.load();

  @Test
  void everyFunction_namesAHandlerClassThatExistsInTheArtifactItsCodeUriPointsAt()
      throws IOException {
    for (SamTemplate.FunctionDef f : template.functions()) {
      Path artifact = template.baseDir().resolve(f.codeUri());
      assertThat(artifact).as(f.logicalId() + " CodeUri").isRegularFile();
      try (JarFile jar = new JarFile(artifact.toFile())) {
        String entry = f.handlerClass().replace('.', '/') + ".class";
        assertThat(jar.getEntry(entry))
            .as(f.logicalId() + " handler " + entry + " in " + artifact)
            .isNotNull();
      }
    }
  }

  @Test
  void functionArtifacts_carryNoApacheOrNettyHttpClient_andNoTestOrLocalStackCode()
      throws IOException {
    for (SamTemplate.FunctionDef f : template.functions()) {
      try (JarFile jar = new JarFile(template.baseDir().resolve(f.codeUri()).toFile())) {
        List<String> offending =
            jar.stream()
                .map(e -> e.getName())
                .filter(
                    n ->
                        n.startsWith("org/apache/http")
                            || n.startsWith("io/netty")
                            || n.startsWith("software/amazon/awssdk/http/apache")
                            || n.startsWith("software/amazon/awssdk/http/nio")
                            || n.startsWith("bloghome/local/")
                            || n.startsWith("org/junit")
                            || n.startsWith("org/gaul"))
                .limit(5)
                .toList();
        assertThat(offending).as(f.logicalId()).isEmpty();
      }
    }
  }

  @Test
  void functionArtifacts_carryOnlyTheAwsServicesTheirPoliciesAllow() throws IOException {
    for (SamTemplate.FunctionDef f : template.functions()) {
      String policies = f.policies().toString();
      Set<String> allowed = new HashSet<>();
      if (policies.contains("DynamoDB") || policies.contains("dynamodb:")) {
        allowed.add("dynamodb");
      }
      if (policies.contains("s3:")) {
        allowed.add("s3");
      }
      if (policies.contains("scheduler:")) {
        allowed.add("scheduler");
      }
      try (JarFile jar = new JarFile(template.baseDir().resolve(f.codeUri()).toFile())) {
        Set<String> carried = new HashSet<>();
        jar.stream()
            .map(e -> e.getName())
            .filter(
                n -> n.startsWith("software/amazon/awssdk/services/") && n.split("/").length > 4)
            .forEach(n -> carried.add(n.split("/")[4]));
        assertThat(allowed)
            .as(f.logicalId() + " carries the SDK of " + carried)
            .containsAll(carried);
      }
    }
  }
}
