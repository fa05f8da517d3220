package bloghome.stats.visitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BotDetectorTest {
  private static final List<String> BROWSERS =
      List.of(
          // Chrome 131, Windows and macOS
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/131.0.0.0 Safari/537.36",
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/131.0.0.0 Safari/537.36",
          // Chrome on Android
          "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/131.0.0.0 Mobile Safari/537.36",
          // Edge
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
          // Firefox 133, Windows and Linux
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
          "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
          // Safari 18 on macOS, iPhone and iPad
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
              + " Version/18.1 Safari/605.1.15",
          "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15"
              + " (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
          "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
              + " CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
          // Samsung Internet
          "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36");

  private static final List<String> BOTS =
      List.of(
          "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
          "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1;"
              + " +http://www.google.com/bot.html) Chrome/131.0.6778.204 Safari/537.36",
          "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
          "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
          "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2;"
              + " +https://openai.com/gptbot)",
          "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
          "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
              + " HeadlessChrome/131.0.0.0 Safari/537.36",
          // HTTP libraries and tools: the list counts them as robots.
          "curl/8.5.0",
          "python-requests/2.32.3",
          "Wget/1.21.4",
          "Go-http-client/2.0",
          "okhttp/4.12.0");

  private final BotDetector detector = BotDetector.bundled();

  @Test
  void isBot_returnsTrue_forKnownCrawlersAndHttpLibraries() {
    for (String userAgent : BOTS) {
      assertThat(detector.isBot(userAgent)).as(userAgent).isTrue();
    }
  }

  @Test
  void isBot_returnsFalse_forCurrentBrowsers() {
    for (String userAgent : BROWSERS) {
      assertThat(detector.isBot(userAgent)).as(userAgent).isFalse();
    }
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "\t", "  \n "})
  void isBot_returnsTrue_whenTheUserAgentIsMissingOrBlank(String userAgent) {
    assertThat(detector.isBot(userAgent)).isTrue();
  }

  @Test
  void isBot_ignoresAsciiCase() {
    assertThat(detector.isBot("Mozilla/5.0 (compatible; GOOGLEBOT/2.1)")).isTrue();
    assertThat(detector.isBot("CURL/8.5.0")).isTrue();
  }

  @Test
  void isBot_honoursAnchors_inTheFewRealRegexPatterns() {
    // "^curl" only at the start; "SSL Labs$" only at the end.
    assertThat(detector.isBot("curl/8.5.0")).isTrue();
    assertThat(detector.isBot("Mozilla/5.0 (X11) not-a-curl-at-start Firefox/133.0")).isFalse();
    assertThat(detector.isBot("Mozilla/5.0 SSL Labs")).isTrue();
    assertThat(detector.isBot("Mozilla/5.0 SSL Labs Firefox/133.0")).isFalse();
  }

  @Test
  void isBot_examinesOnlyTheStartOfAHugeUserAgent() {
    String padding = "x".repeat(BotDetector.MAX_EXAMINED_LENGTH);

    assertThat(detector.isBot("Googlebot/2.1 " + padding)).isTrue();
    assertThat(detector.isBot(padding + " Googlebot/2.1")).isFalse();
  }

  @Test
  void bundled_loadsEveryPatternOfTheList_andCompilesThemAllInJava() throws IOException {
    List<String> patterns = bundledPatterns();

    BotDetector.Coverage coverage = detector.coverage();

    assertThat(patterns).hasSizeGreaterThan(1000);
    assertThat(coverage.patterns()).isEqualTo(patterns.size());
    assertThat(coverage.skipped()).isEmpty();
    assertThat(coverage.indexedAsText() + coverage.confirmedByRegex() + coverage.runOnEveryCall())
        .isEqualTo(patterns.size());
  }

  /**
   * The fast detector must answer exactly as running every pattern with java.util.regex would, on
   * User-Agents built to hit each pattern: its own text alone, inside a browser-like string, and
   * upper-cased.
   */
  @Test
  void isBot_agreesWithRunningEveryPatternAsARegex() throws IOException {
    List<String> patterns = bundledPatterns();
    Pattern reference = Pattern.compile(String.join("|", patterns), Pattern.CASE_INSENSITIVE);
    List<String> userAgents = new ArrayList<>(BROWSERS);
    userAgents.addAll(BOTS);
    for (String pattern : patterns) {
      for (RequiredText.Alternative alternative : RequiredText.of(pattern).orElse(List.of())) {
        String text = alternative.text();
        userAgents.add(text);
        userAgents.add("Mozilla/5.0 (compatible; " + text.toUpperCase(Locale.ROOT) + "/1.0)");
        userAgents.add(text + " Feed Reader/1.0");
      }
    }
    int bots = 0;

    for (String userAgent : userAgents) {
      boolean expected = reference.matcher(userAgent).find();
      assertThat(detector.isBot(userAgent)).as(userAgent).isEqualTo(expected);
      bots += expected ? 1 : 0;
    }

    assertThat(bots).isGreaterThan(patterns.size() * 2);
  }

  @Test
  void fromPatterns_skipsAndCountsPatternsJavaCannotCompile() {
    BotDetector custom = BotDetector.fromPatterns(List.of("GoodBot", "Bad(Bot", "Fine[bB]ot\\/"));

    assertThat(custom.coverage().skipped()).containsExactly("Bad(Bot");
    assertThat(custom.isBot("GoodBot/1.0")).isTrue();
    assertThat(custom.isBot("finebot/2")).isTrue();
    assertThat(custom.isBot("Bad(Bot")).isFalse();
  }

  @Test
  void fromPatterns_runsPatternsWithoutRequiredTextOnEveryCall() {
    BotDetector custom = BotDetector.fromPatterns(List.of("\\x41gent", "[0-9]{3}"));

    assertThat(custom.coverage().runOnEveryCall()).isEqualTo(2);
    assertThat(custom.isBot("my Agent")).isTrue();
    assertThat(custom.isBot("v123")).isTrue();
    assertThat(custom.isBot("v12")).isFalse();
  }

  @Test
  void fromJson_rejectsAListThatIsNotAnArrayOfStrings() {
    assertThatThrownBy(() -> BotDetector.fromJson("{\"pattern\":\"bot\"}"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> BotDetector.fromJson("[\"bot\", 3]"))
        .isInstanceOf(IllegalStateException.class);
  }

  private static List<String> bundledPatterns() throws IOException {
    try (InputStream in = BotDetector.class.getResourceAsStream(BotDetector.RESOURCE)) {
      List<?> items = (List<?>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return items.stream().map(String.class::cast).toList();
    }
  }
}
