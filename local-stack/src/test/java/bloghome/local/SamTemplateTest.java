package bloghome.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamTemplateTest {

  @Test
  void load_readsFunctionsRoutesAndTriggers_fromTheProjectTemplate() {
    SamTemplate template = SamTemplate.load();

    var functions = template.functions();
    assertThat(functions).isNotEmpty();
    var listing =
        functions.stream()
            .filter(f -> f.logicalId().equals("ListingFunction"))
            .findFirst()
            .orElseThrow();
    assertThat(listing.routes())
        .contains(new SamTemplate.HttpRoute("GET", "/users/{userId}/posts", false));
    var manage =
        functions.stream()
            .filter(f -> f.logicalId().equals("ManageFunction"))
            .findFirst()
            .orElseThrow();
    assertThat(manage.routes()).allMatch(SamTemplate.HttpRoute::requiresToken);
    var validator =
        functions.stream().filter(f -> !f.s3Triggers().isEmpty()).findFirst().orElseThrow();
    assertThat(validator.s3Triggers().get(0).prefix()).isEqualTo("uploads/");
  }

  @Test
  void load_failsWithOneClearLine_whenTheTemplateIsNotYaml(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("template.yaml");
    Files.writeString(bad, "Resources: [unclosed\n  - : :");

    assertThatThrownBy(() -> SamTemplate.load(bad))
        .isInstanceOf(LocalStackException.class)
        .hasMessageStartingWith("template.yaml is not valid YAML")
        .hasMessageNotContaining("\n");
  }

  @Test
  void load_failsClearly_whenTheTemplateHasNoResources(@TempDir Path dir) throws Exception {
    Path empty = dir.resolve("template.yaml");
    Files.writeString(empty, "Description: nothing\n");

    assertThatThrownBy(() -> SamTemplate.load(empty)).hasMessageContaining("no Resources");
  }

  @Test
  void templateValues_resolveRefSubAndGetAtt() {
    TemplateValues values =
        new TemplateValues("stack", "us-east-1", "000000000000")
            .bind("BlogTable", "local-table")
            .bind("Cdn.DomainName", "cdn.local");

    assertThat(values.resolve(Map.of("Ref", "BlogTable"))).isEqualTo("local-table");
    assertThat(values.resolve(Map.of("Fn::Sub", "${AWS::StackName}-skins-${AWS::Region}")))
        .isEqualTo("stack-skins-us-east-1");
    assertThat(values.resolve(Map.of("Fn::Sub", "https://${Cdn.DomainName}")))
        .isEqualTo("https://cdn.local");
    assertThat(values.resolve(Map.of("Ref", "Unknown"))).isNull();
  }
}
