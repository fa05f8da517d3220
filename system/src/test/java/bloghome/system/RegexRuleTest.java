package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.json.Json;
import bloghome.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rule "no regular expression with nested or overlapping quantifiers on user text",
 * checked over the main code of every module: each {@code Pattern.compile}, {@code matches}, {@code
 * replaceAll}, {@code replaceFirst} and {@code split} with a literal pattern is parsed and refused
 * when a repeated group holds a quantifier ({@code (a+)*}, {@code (>[ ]?)+}) or two adjacent
 * repetitions can match the same text ({@code .*.*}, {@code a*a+}); a pattern that is not a literal
 * must be on the vetted list below, with the reason it is safe.
 */
class RegexRuleTest {
  private static final Path ROOT = SamTemplate.locate().getParent();

  private static final Pattern CALL =
      Pattern.compile("(Pattern\\.compile|\\.matches|\\.replaceAll|\\.replaceFirst|\\.split)\\(");

  /** Calls whose pattern is not a literal, each vetted: file and the call's text. */
  private static final Set<String> VETTED =
      Set.of(
          // Patterns of crawler-user-agents.json (run on the User-Agent): each is checked by
          // botPatterns_haveNoNestedOrOverlappingQuantifiers below.
          "BotDetector.java: Pattern.compile(source, Pattern.CASE_INSENSITIVE)",
          // Not regular expressions: methods of our own that are named matches.
          "BotDetector.java: matches(examined)",
          "StreamEventSource.java: matches(r)");

  @Test
  void mainCode_hasNoRegexWithNestedOrOverlappingQuantifiers() throws IOException {
    List<String> offences = new ArrayList<>();
    List<Path> sources;
    try (Stream<Path> files = Files.walk(ROOT)) {
      sources =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> p.toString().contains("/src/main/java/"))
              .filter(p -> !p.toString().contains("/target/"))
              .toList();
    }
    assertThat(sources).hasSizeGreaterThan(100);
    for (Path file : sources) {
      String text = Files.readString(file);
      Matcher call = CALL.matcher(text);
      while (call.find()) {
        int arg = call.end();
        while (arg < text.length() && Character.isWhitespace(text.charAt(arg))) {
          arg++;
        }
        String where = file.getFileName() + ": ";
        if (arg < text.length() && text.charAt(arg) == '"') {
          String regex = javaStringLiteral(text, arg);
          problem(regex).ifPresent(p -> offences.add(where + "\"" + regex + "\": " + p));
        } else if (arg < text.length() && text.charAt(arg) != ')') {
          String callText = text.substring(call.start(), text.indexOf(')', arg) + 1).strip();
          String key = where + callText.replaceFirst("^\\.", "");
          if (!VETTED.contains(key)) {
            offences.add(key + ": not a literal pattern, and not on the vetted list");
          }
        }
      }
    }
    assertThat(offences).isEmpty();
  }

  @Test
  void botPatterns_haveNoNestedOrOverlappingQuantifiers() throws IOException {
    Path list =
        ROOT.resolve(
            "functions/stats/src/main/resources/bloghome/stats/visitor/crawler-user-agents.json");
    List<String> offences = new ArrayList<>();
    int checked = 0;
    for (Object entry : (List<?>) Json.parse(Files.readString(list))) {
      String regex = (String) entry;
      checked++;
      problem(regex).ifPresent(p -> offences.add(regex + ": " + p));
    }
    assertThat(checked).isGreaterThan(100);
    assertThat(offences).isEmpty();
  }

  @Test
  void theCheck_findsTheShapesItIsAbout() {
    assertThat(problem("(a+)*")).isPresent();
    assertThat(problem("(?m)^[ \\t]*(>[ \\t]?)+")).isPresent();
    assertThat(problem("(?m)^[ \\t]{0,3}([-=*_][ \\t]*){3,}$")).isPresent();
    assertThat(problem("\\[([^\\]]*)]\\([^)]*\\)")).isEmpty();
    assertThat(problem("x.*.*y")).isPresent();
    assertThat(problem("\\s*\\s+")).isPresent();
    assertThat(problem("#[0-9A-Fa-f]{6}")).isEmpty();
    assertThat(problem("\\s*,\\s*")).isEmpty();
    assertThat(problem("(?i)^Bearer\\s+")).isEmpty();
    assertThat(problem("(ab)?c")).isEmpty();
  }

  /** Why the pattern can take more than linear time or stack, if it can. */
  static Optional<String> problem(String regex) {
    Deque<boolean[]> groups = new ArrayDeque<>();
    String previousAtom = null;
    boolean previousRepeated = false;
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      String atom;
      int next;
      if (c == '\\') {
        next = Math.min(i + 2, regex.length());
        atom = regex.substring(i, next);
      } else if (c == '[') {
        next = classEnd(regex, i);
        atom = regex.substring(i, next);
      } else if (c == '(') {
        groups.push(new boolean[] {false});
        next = i + 1;
        if (next < regex.length() && regex.charAt(next) == '?') {
          while (next < regex.length() && ":=!<>)".indexOf(regex.charAt(next)) < 0) {
            next++;
          }
          if (next < regex.length() && regex.charAt(next) == ')') {
            groups.pop(); // an inline flag such as (?m)
          }
          next++;
        }
        i = next;
        previousAtom = null;
        continue;
      } else if (c == ')') {
        boolean[] group = groups.isEmpty() ? new boolean[] {false} : groups.pop();
        next = i + 1;
        int q = quantifierEnd(regex, next);
        if (q > next && repeats(regex.substring(next, q)) && group[0]) {
          return Optional.of("a repeated group holds a quantifier");
        }
        if (q > next && !groups.isEmpty()) {
          groups.peek()[0] = true;
        }
        if (group[0] && !groups.isEmpty()) {
          groups.peek()[0] = true;
        }
        i = q;
        previousAtom = null;
        continue;
      } else if (c == '|') {
        i++;
        previousAtom = null;
        continue;
      } else {
        next = i + 1;
        atom = String.valueOf(c);
      }
      int q = quantifierEnd(regex, next);
      boolean repeated = q > next && repeats(regex.substring(next, q));
      if (q > next && !groups.isEmpty()) {
        groups.peek()[0] = true;
      }
      if (repeated
          && previousRepeated
          && previousAtom != null
          && (previousAtom.equals(atom) || previousAtom.equals("."))) {
        return Optional.of("two adjacent repetitions overlap: " + previousAtom + atom);
      }
      previousAtom = atom;
      previousRepeated = repeated;
      i = q;
    }
    return Optional.empty();
  }

  private static boolean repeats(String quantifier) {
    String q = quantifier;
    if (q.length() > 1 && (q.endsWith("?") || q.endsWith("+"))) {
      q = q.substring(0, q.length() - 1); // lazy or possessive
    }
    if (q.equals("*") || q.equals("+")) {
      return true;
    }
    if (q.startsWith("{")) {
      String body = q.substring(1, q.length() - 1);
      String[] bounds = body.split(",", -1);
      return bounds.length == 2 && (bounds[1].isEmpty() || Integer.parseInt(bounds[1]) > 1)
          || bounds.length == 1 && Integer.parseInt(bounds[0]) > 1;
    }
    return false;
  }

  /** The end of a quantifier starting at {@code i} (with its lazy or possessive mark), or i. */
  private static int quantifierEnd(String regex, int i) {
    if (i >= regex.length()) {
      return i;
    }
    char c = regex.charAt(i);
    int end;
    if (c == '*' || c == '+' || c == '?') {
      end = i + 1;
    } else if (c == '{' && regex.indexOf('}', i) > 0) {
      end = regex.indexOf('}', i) + 1;
    } else {
      return i;
    }
    if (end < regex.length() && (regex.charAt(end) == '?' || regex.charAt(end) == '+')) {
      end++;
    }
    return end;
  }

  private static int classEnd(String regex, int start) {
    int i = start + 1;
    if (i < regex.length() && regex.charAt(i) == '^') {
      i++;
    }
    if (i < regex.length() && regex.charAt(i) == ']') {
      i++;
    }
    while (i < regex.length() && regex.charAt(i) != ']') {
      i += regex.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i + 1, regex.length());
  }

  private static String javaStringLiteral(String text, int quote) {
    StringBuilder sb = new StringBuilder();
    int i = quote + 1;
    while (i < text.length() && text.charAt(i) != '"') {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char e = text.charAt(i + 1);
        sb.append(
            switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              default -> e;
            });
        i += 2;
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }
}
