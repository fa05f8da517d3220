package bloghome.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AssetsTest {
  private final Assets assets = Assets.load();

  private String served(String name) {
    String path = assets.path(name);
    return new String(
        assets.find(path.substring("/assets/".length())).orElseThrow().bytes(),
        StandardCharsets.UTF_8);
  }

  @Test
  void theImportersDynamicImportOfPostImages_pointsAtItsHashedName() {
    String hashed = assets.path("post-images.js").substring("/assets/".length());
    assertThat(hashed).matches("post-images\\.[0-9a-f]{12}\\.js");
    assertThat(served("import.js"))
        .contains("import('./" + hashed + "')")
        .doesNotContain("'./post-images.js'");
  }

  @Test
  void staticImportsOfTheSession_pointAtItsHashedName() {
    String hashed = assets.path("session.js").substring("/assets/".length());
    assertThat(served("post-images.js")).contains("from './" + hashed + "'");
    assertThat(served("import.js")).contains("from './" + hashed + "'");
  }
}
