package bloghome.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every text colour in site.css against the background it is shown on, computed as WCAG 2 defines
 * contrast: AA asks 4.5:1 for text. The backgrounds are declared here (where each rule's text
 * sits); the colours are read from site.css, custom properties resolved from {@code :root}, so a
 * change to either is checked. The skin's owner-chosen colours replace the defaults on blogs that
 * have a skin: those are the owner's choice.
 */
class ContrastTest {
  private static final double AA = 4.5;
  private static final String CARD = "#fff";
  private static final String PAGE = "--bg";
  private static final String CODE = "#f6f8fa";

  /** Each rule that sets {@code color}, and the background its text is shown on. */
  private static final Map<String, String> BACKGROUND_OF = new LinkedHashMap<>();

  static {
    BACKGROUND_OF.put("body", PAGE);
    BACKGROUND_OF.put("a", CARD);
    BACKGROUND_OF.put("a:hover,a:focus", CARD);
    BACKGROUND_OF.put(".brand", CARD);
    BACKGROUND_OF.put(".profile h1", CARD);
    BACKGROUND_OF.put(".profile .bio", CARD);
    BACKGROUND_OF.put(".stats b", CARD);
    BACKGROUND_OF.put(".stats span", CARD);
    BACKGROUND_OF.put("button,.button", CARD);
    BACKGROUND_OF.put("button.on,button.primary", "--accent");
    BACKGROUND_OF.put(".tabs .current a,.tabs .current span", CARD);
    BACKGROUND_OF.put(".pills .current a", CARD);
    BACKGROUND_OF.put(".zone", CARD);
    BACKGROUND_OF.put(".post-row h2 a", CARD);
    BACKGROUND_OF.put(".post-row h2 a:hover", CARD);
    BACKGROUND_OF.put(".post-row p", CARD);
    BACKGROUND_OF.put(".meta", CARD);
    BACKGROUND_OF.put(".mark.original", CARD);
    BACKGROUND_OF.put(".mark.repost", CARD);
    BACKGROUND_OF.put(".mark.translated", CARD);
    BACKGROUND_OF.put(".empty", CARD);
    BACKGROUND_OF.put("article.post h1", CARD);
    BACKGROUND_OF.put(".content a", CARD);
    BACKGROUND_OF.put(".content pre[data-lang]::before", CODE);
    BACKGROUND_OF.put(".content blockquote", CARD);
    BACKGROUND_OF.put(".toc a", CODE);
    BACKGROUND_OF.put(".hint", CARD);
    BACKGROUND_OF.put(".comment.deleted .body", CARD);
    BACKGROUND_OF.put(".status", CARD);
    BACKGROUND_OF.put(".status.bad", CARD);
    BACKGROUND_OF.put(".error .code", CARD);
    BACKGROUND_OF.put(".slot .rule", CARD);
    BACKGROUND_OF.put(".verdict.ok", CARD);
    BACKGROUND_OF.put(".verdict.bad", CARD);
    BACKGROUND_OF.put(".preview .sample a", CARD);
    BACKGROUND_OF.put(".preview .sample a.hovered", CARD);
    BACKGROUND_OF.put(".preview .sample p", CARD);
    BACKGROUND_OF.put("footer", PAGE);
    // The sidebar (discovery) sits on cards.
    BACKGROUND_OF.put(".side .count,.total", CARD);
    // The studio: forms, lists and states on cards; its footer on the page.
    BACKGROUND_OF.put(":root:has(main.studio) footer", PAGE);
    BACKGROUND_OF.put(".studio .rule", CARD);
    BACKGROUND_OF.put(
        ".studio input[type=text],.studio input[type=url],.studio input[type=search],"
            + ".studio input[type=datetime-local],.studio textarea,.studio select",
        CARD);
    BACKGROUND_OF.put(".pane-title", CARD);
    BACKGROUND_OF.put(".save-state", CARD);
    BACKGROUND_OF.put(".save-state.bad,.notice.bad,.studio .bad", CARD);
    BACKGROUND_OF.put(".studio-posts th", CARD);
    BACKGROUND_OF.put(".studio-posts .state", CARD);
    BACKGROUND_OF.put(".studio .mark.original", CARD);
    BACKGROUND_OF.put(".studio .mark.repost", CARD);
    BACKGROUND_OF.put(".studio .mark.translated", CARD);
    BACKGROUND_OF.put(".studio-comments .meta", CARD);
    BACKGROUND_OF.put(".favorites-intro", CARD);
    // Highlighted code (reading): every token colour on the code background.
    for (String token : Highlighter.TOKEN_CLASSES) {
      BACKGROUND_OF.put(".content pre ." + token, CODE);
    }
  }

  private final Map<String, Map<String, String>> rules = parse(read());

  @Test
  void everyTextColour_meetsAa_onItsBackground() {
    Map<String, Double> failing = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : BACKGROUND_OF.entrySet()) {
      Map<String, String> rule = rules.get(e.getKey());
      assertThat(rule).as("rule %s in site.css", e.getKey()).isNotNull();
      double ratio = ratio(resolve(rule.get("color")), resolve(e.getValue()));
      if (ratio < AA) {
        failing.put(e.getKey(), Math.round(ratio * 100) / 100.0);
      }
    }
    assertThat(failing).as("rules below %s:1", AA).isEmpty();
  }

  @Test
  void textOnCodeBackground_andTocBackground_meetAa() {
    String text = resolve(rules.get("body").get("color"));
    assertThat(resolve(rules.get(".content pre").get("background"))).isEqualTo(resolve(CODE));
    assertThat(resolve(firstWord(rules.get(".toc").get("background")))).isEqualTo(resolve(CODE));
    assertThat(ratio(text, CODE)).isGreaterThanOrEqualTo(AA);
  }

  @Test
  void everyRuleThatSetsAColour_isChecked() {
    TreeSet<String> unchecked = new TreeSet<>();
    for (Map.Entry<String, Map<String, String>> e : rules.entrySet()) {
      if (e.getValue().containsKey("color") && !BACKGROUND_OF.containsKey(e.getKey())) {
        unchecked.add(e.getKey());
      }
    }
    assertThat(unchecked).as("declare the background of these rules").isEmpty();
  }

  /**
   * The category and tag pages carry their kind as a class of their list ({@code <section
   * class="posts card index tag">}): a rule for a bare {@code .tag} or {@code .category} gave that
   * whole section the tag chip's grey background, and the type marks on it fell below 4.5:1
   * (Lighthouse, 4.48:1). The chip rules name the links they style.
   */
  @Test
  void theChipRules_styleLinksOnly_notTheListPagesThatShareTheirClass() {
    TreeSet<String> bare = new TreeSet<>();
    for (String selector : rules.keySet()) {
      for (String part : selector.split(",")) {
        if (part.strip().matches("(?s)(.*[\\s>+~])?\\.(tag|category|month)([.:\\[\\s>+~].*)?")) {
          bare.add(part.strip());
        }
      }
    }
    assertThat(bare).as("selectors on a bare .tag/.category/.month").isEmpty();
  }

  /** axe's link-in-text-block: a link in grey text needs more than its colour (3:1 or a line). */
  @Test
  void theFeedLinkInTheTotalLine_isUnderlined() {
    assertThat(rules.get(".hint.total a")).containsEntry("text-decoration", "underline");
  }

  @Test
  void ratio_matchesWcagExamples() {
    assertThat(ratio("#000", "#fff")).isEqualTo(21.0, offset(0.01));
    assertThat(ratio("#fc5531", "#fff")).isLessThan(AA); // the old brand colour: 3.23:1
    assertThat(ratio("#999aaa", "#fff")).isLessThan(AA); // the old meta grey: 2.77:1
    assertThat(ratio("#777", "#fff")).isEqualTo(4.48, offset(0.01));
  }

  private String resolve(String value) {
    String v = value.strip();
    if (v.startsWith("var(")) {
      v = v.substring(4, v.indexOf(')')).strip();
    }
    if (v.startsWith("--")) {
      return resolve(rules.get(":root").get(v));
    }
    return v;
  }

  private static String firstWord(String value) {
    int space = value.indexOf(' ');
    return space < 0 ? value : value.substring(0, space);
  }

  static double ratio(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  static double luminance(String hex) {
    String h = hex.substring(1);
    if (h.length() == 3) {
      h = "" + h.charAt(0) + h.charAt(0) + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2);
    }
    assertThat(h).as("a #rgb or #rrggbb colour: %s", hex).matches("[0-9a-fA-F]{6}");
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      double s = Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16) / 255.0;
      c[i] = s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  /** Rules by selector; inside {@code @media} blocks the inner rules count by their selector. */
  static Map<String, Map<String, String>> parse(String css) {
    String text = css.replaceAll("(?s)/\\*.*?\\*/", "");
    Map<String, Map<String, String>> rules = new LinkedHashMap<>();
    for (String chunk : text.split("}")) {
      int open = chunk.lastIndexOf('{');
      if (open < 0) {
        continue;
      }
      int before = chunk.lastIndexOf('{', open - 1);
      String selector = chunk.substring(before + 1, open).strip();
      Map<String, String> declarations =
          rules.computeIfAbsent(selector, s -> new LinkedHashMap<>());
      for (String declaration : chunk.substring(open + 1).split(";")) {
        int colon = declaration.indexOf(':');
        if (colon > 0) {
          declarations.put(
              declaration.substring(0, colon).strip(),
              declaration.substring(colon + 1).replace("!important", "").strip());
        }
      }
    }
    return rules;
  }

  private static String read() {
    try (InputStream in = ContrastTest.class.getResourceAsStream("/assets/site.css")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
