package bloghome.stats.visitor;

import bloghome.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Tells robots from people by their User-Agent, using the patterns of the maintained {@code
 * crawler-user-agents} list (see docs/third-party.md; refresh with
 * functions/stats/update-crawler-list.sh).
 *
 * <p>Patterns are matched anywhere in the User-Agent and without regard to ASCII case: the list
 * keeps no two patterns that differ only in case and checks its patterns against each other
 * case-insensitively. Most patterns are plain text and go into a {@link TextIndex}; the few real
 * regexes are run only when the text they require is present. Build once per container (loading
 * takes milliseconds), then call {@link #isBot} freely: it is thread-safe and takes microseconds.
 */
public final class BotDetector {
  /** The bundled pattern list: a JSON array of regex strings. */
  static final String RESOURCE = "/bloghome/stats/visitor/crawler-user-agents.json";

  /**
   * Only this much of a User-Agent is examined, so that a huge header cannot make a backtracking
   * pattern slow. Real browser User-Agents are a few hundred characters.
   */
  static final int MAX_EXAMINED_LENGTH = 1024;

  private final TextIndex index;
  private final List<Pattern> alwaysRun;
  private final Coverage coverage;

  /**
   * What was loaded.
   *
   * @param patterns patterns in the list
   * @param indexedAsText patterns that are plain text (possibly several alternatives)
   * @param confirmedByRegex patterns run only when their required text is present
   * @param runOnEveryCall patterns whose required text could not be worked out
   * @param skipped patterns that do not compile as Java regexes, left out
   */
  public record Coverage(
      int patterns,
      int indexedAsText,
      int confirmedByRegex,
      int runOnEveryCall,
      List<String> skipped) {
    public Coverage {
      skipped = List.copyOf(skipped);
    }
  }

  private BotDetector(TextIndex index, List<Pattern> alwaysRun, Coverage coverage) {
    this.index = index;
    this.alwaysRun = List.copyOf(alwaysRun);
    this.coverage = coverage;
  }

  /** The detector for the bundled list; built on first use and then shared. */
  public static BotDetector bundled() {
    return Bundled.INSTANCE;
  }

  /** Builds a detector from the bundled list (prefer {@link #bundled()}, which builds it once). */
  public static BotDetector fromBundledList() {
    try (InputStream in = BotDetector.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Builds a detector from a JSON array of regex strings. */
  static BotDetector fromJson(String json) {
    if (!(Json.parse(json) instanceof List<?> items)) {
      throw new IllegalStateException("the bot pattern list is not a JSON array");
    }
    List<String> patterns = new ArrayList<>(items.size());
    for (Object item : items) {
      if (!(item instanceof String pattern)) {
        throw new IllegalStateException("the bot pattern list holds a non-string: " + item);
      }
      patterns.add(pattern);
    }
    return fromPatterns(patterns);
  }

  /** Builds a detector from regex strings; those that Java cannot compile are skipped. */
  public static BotDetector fromPatterns(List<String> patterns) {
    TextIndex index = new TextIndex();
    List<Pattern> alwaysRun = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int indexedAsText = 0;
    int confirmedByRegex = 0;
    for (String source : patterns) {
      Pattern compiled;
      try {
        compiled = Pattern.compile(source, Pattern.CASE_INSENSITIVE);
      } catch (PatternSyntaxException e) {
        skipped.add(source);
        continue;
      }
      Optional<List<RequiredText.Alternative>> required = RequiredText.of(source);
      if (required.isEmpty()) {
        alwaysRun.add(compiled);
        continue;
      }
      boolean needsRegex = false;
      for (RequiredText.Alternative alternative : required.get()) {
        if (alternative.isWholeAlternative()) {
          index.addMatch(alternative.text());
        } else {
          // The whole pattern is the confirmation: any match of it is a true bot match.
          index.addCandidate(alternative.text(), compiled);
          needsRegex = true;
        }
      }
      if (needsRegex) {
        confirmedByRegex++;
      } else {
        indexedAsText++;
      }
    }
    Coverage coverage =
        new Coverage(patterns.size(), indexedAsText, confirmedByRegex, alwaysRun.size(), skipped);
    return new BotDetector(index, alwaysRun, coverage);
  }

  /** True for a missing or blank User-Agent and for any User-Agent a pattern matches. */
  public boolean isBot(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return true;
    }
    String examined =
        userAgent.length() > MAX_EXAMINED_LENGTH
            ? userAgent.substring(0, MAX_EXAMINED_LENGTH)
            : userAgent;
    if (index.matches(examined)) {
      return true;
    }
    for (Pattern pattern : alwaysRun) {
      if (pattern.matcher(examined).find()) {
        return true;
      }
    }
    return false;
  }

  public Coverage coverage() {
    return coverage;
  }

  private static final class Bundled {
    static final BotDetector INSTANCE = fromBundledList();
  }
}
