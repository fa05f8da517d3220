package bloghome.pages;

import bloghome.errors.Problem;
import bloghome.posts.PostRules;
import bloghome.profiles.Profiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The writer's studio on the pages side: the limits its pages state, the sentences its scripts
 * show, and the editor's live preview, rendered by the same {@link Markdown} as the post page (one
 * renderer, no second dialect in JavaScript).
 */
public final class StudioPages {
  /** Prefix of the message keys the studio scripts read from the page's {@code #msgs}. */
  static final String SCRIPT_PREFIX = "studio.js.";

  public static final PageModels.StudioLimits LIMITS =
      new PageModels.StudioLimits(
          PostRules.TITLE_MAX,
          PostRules.SUMMARY_MAX,
          PostRules.CONTENT_MAX_BYTES,
          PostRules.TAGS_MAX,
          PostRules.CATEGORIES_MAX,
          (int) PostRules.SCHEDULE_MAX.toDays(),
          Profiles.DISPLAY_NAME_MAX,
          Profiles.BIO_MAX);

  private final Markdown markdown;

  public StudioPages(Markdown markdown) {
    this.markdown = Objects.requireNonNull(markdown);
  }

  /**
   * The HTML the post page would show for this content: escaped and sanitised by {@link Markdown}.
   * Content over the post limit is refused as the API refuses it (413), so the preview never costs
   * more than a save could.
   */
  public String preview(String content) {
    if (content.getBytes(StandardCharsets.UTF_8).length > PostRules.CONTENT_MAX_BYTES) {
      throw Problem.tooLarge(
          "content", "The content is larger than " + PostRules.CONTENT_MAX_BYTES + " bytes.");
    }
    return markdown.toHtml(content);
  }

  /** Prefix of the sentences only the import/export page shows (kept off the other pages). */
  static final String TRANSFER_PREFIX = SCRIPT_PREFIX + "tr.";

  /** The sentences a studio script shows, in the page's language, keyed without the prefix. */
  public static List<PageModels.Sentence> scriptStrings(Messages m) {
    return scriptStrings(m, false);
  }

  /** As {@link #scriptStrings(Messages)}, with the import/export page's own when asked. */
  public static List<PageModels.Sentence> scriptStrings(Messages m, boolean transfer) {
    return m.keys().stream()
        .filter(k -> k.startsWith(SCRIPT_PREFIX))
        .filter(k -> transfer || !k.startsWith(TRANSFER_PREFIX))
        .sorted()
        .map(k -> new PageModels.Sentence(k.substring(SCRIPT_PREFIX.length()), m.t(k)))
        .toList();
  }
}
