package bloghome.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MessagesTest {
  @Test
  void bothLanguages_haveExactlyTheSameKeys() throws IOException {
    assertThat(keys("messages_en.properties")).isEqualTo(keys("messages.properties"));
  }

  @Test
  void everyKeyATemplateNames_exists() throws IOException {
    Set<String> known = keys("messages.properties");
    Pattern literal = Pattern.compile("\\.t\\(\"([A-Za-z.]+)\"");
    Set<String> missing = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
      for (Path f :
          files
              .filter(p -> p.toString().endsWith(".jte") || p.toString().endsWith(".java"))
              .toList()) {
        Matcher m = literal.matcher(Files.readString(f));
        while (m.find()) {
          String key = m.group(1);
          if (!key.endsWith(".") && !known.contains(key)) {
            missing.add(key + " (" + f.getFileName() + ")");
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void everyRejectionCode_hasASentenceInBothLanguages() {
    for (Lang lang : Lang.values()) {
      for (String code : Pages.REJECTION_CODES) {
        assertThat(Messages.of(lang).has("reject." + code)).as(lang + " " + code).isTrue();
      }
    }
  }

  @Test
  void numbers_areShownAsPlainDigits() {
    assertThat(Messages.of(Lang.ZH).t("post.views", 12345L)).isEqualTo("阅读 12345");
    assertThat(Messages.of(Lang.EN).t("home.tab.posts", 45L)).isEqualTo("Posts (45)");
  }

  private static Set<String> keys(String file) throws IOException {
    Properties p = new Properties();
    try (InputStream in = MessagesTest.class.getResourceAsStream("/bloghome/pages/" + file);
        var reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      p.load(reader);
    }
    return new TreeSet<>(p.stringPropertyNames());
  }
}
