package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Rebuilding unchanged code must give byte-identical function jars, or every deployment publishes
 * new versions and SnapStart snapshots of every function. The build's own entries are where a build
 * time would leak in; a full double build is bin/check-reproducible-jars.
 */
class ReproducibleJarsIT {
  private final SamTemplate template = SamTemplate.load();

  @Test
  void theEntriesTheBuildWrites_carryTheFixedOutputTimestamp_notTheBuildTime() throws IOException {
    String pom = Files.readString(template.baseDir().resolve("pom.xml"));
    Matcher m =
        Pattern.compile("<project.build.outputTimestamp>([^<]+)</project.build.outputTimestamp>")
            .matcher(pom);
    assertThat(m.find()).as("project.build.outputTimestamp in the root pom").isTrue();
    Instant fixed = Instant.parse(m.group(1));
    for (SamTemplate.FunctionDef f : template.functions()) {
      try (JarFile jar = new JarFile(template.baseDir().resolve(f.codeUri()).toFile())) {
        List<String> stamped =
            jar.stream()
                .filter(
                    e ->
                        e.getName().startsWith("bloghome/")
                            || e.getName().startsWith("META-INF/maven/bloghome/"))
                .filter(e -> !e.getLastModifiedTime().toInstant().equals(fixed))
                .map(e -> e.getName() + " " + e.getLastModifiedTime())
                .limit(5)
                .toList();
        assertThat(stamped)
            .as(f.logicalId() + " entries with another time than " + fixed)
            .isEmpty();
      }
    }
  }
}
