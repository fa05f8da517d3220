package bloghome.posts;

import bloghome.errors.Problem;
import bloghome.json.JsonObject;
import bloghome.text.TextRules;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns request JSON into validated drafts. Every rejection is a 400 whose code says what is wrong
 * ({@code INVALID_TITLE}) and whose field says where ({@code posts[3].title}).
 */
public final class PostRules {
  public static final int TITLE_MAX = 100;
  public static final int SUMMARY_MAX = 300;
  public static final int CONTENT_MAX_BYTES = 200 * 1024;
  public static final int TAGS_MAX = 10;
  public static final int TAG_MAX = 30;
  public static final int CATEGORIES_MAX = 3;
  public static final int SOURCE_URL_MAX = 2048;
  public static final int SOURCE_ID_MAX = 200;

  /** Imported counters stay far below {@link bloghome.table.ViewRank#MAX_VIEWS}. */
  public static final long COUNTER_MAX = 1_000_000_000_000L;

  private static final Set<String> DRAFT_FIELDS =
      Set.of("type", "title", "summary", "content", "sourceUrl", "tags", "categories");
  private static final Set<String> IMPORT_FIELDS =
      Set.of(
          "sourceId",
          "type",
          "title",
          "summary",
          "content",
          "sourceUrl",
          "tags",
          "categories",
          "publishedAt",
          "views",
          "comments",
          "likes",
          "favorites");

  private PostRules() {}

  /** The body of a create or an update. */
  public static PostDraft draft(JsonObject body) {
    body.allowOnly(DRAFT_FIELDS);
    return readDraft(body);
  }

  /** One element of an import's {@code posts} array; {@code now} bounds {@code publishedAt}. */
  public static ImportDraft importDraft(Object element, String path, Instant now) {
    if (!(element instanceof Map<?, ?>)) {
      throw Problem.invalid("INVALID_POST", path, path + " must be an object.");
    }
    JsonObject body = JsonObject.of(element, path);
    body.allowOnly(IMPORT_FIELDS);
    String sourceId = sourceId(body);
    PostDraft draft = readDraft(body);
    Instant publishedAt = publishedAt(body, now);
    Counters counters =
        new Counters(
            counter(body, "views"),
            counter(body, "comments"),
            counter(body, "likes"),
            counter(body, "favorites"));
    return new ImportDraft(sourceId, draft, publishedAt, counters);
  }

  private static PostDraft readDraft(JsonObject body) {
    PostType type =
        string(body, "type")
            .map(t -> PostType.parse(t, body.name("type")))
            .orElse(PostType.ORIGINAL);
    String title = title(body);
    String content = content(body);
    String summary = summary(body, content);
    Optional<String> sourceUrl = sourceUrl(body, type);
    List<String> tags = names(body, "tags", TAGS_MAX, "INVALID_TAGS");
    List<String> categories = names(body, "categories", CATEGORIES_MAX, "INVALID_CATEGORIES");
    return new PostDraft(type, title, summary, content, sourceUrl, tags, categories);
  }

  private static String title(JsonObject body) {
    String title =
        TextRules.name(
            string(body, "title").orElseThrow(() -> required(body, "title")),
            body.name("title"),
            "INVALID_TITLE");
    int length = title.codePointCount(0, title.length());
    if (length < 1 || length > TITLE_MAX) {
      throw invalid(
          body,
          "title",
          "title must be 1-" + TITLE_MAX + " characters after trimming; it has " + length + ".");
    }
    return title;
  }

  private static String content(JsonObject body) {
    String content =
        TextRules.multiLine(
            string(body, "content").orElseThrow(() -> required(body, "content")),
            body.name("content"),
            "INVALID_CONTENT");
    if (content.isBlank()) {
      throw invalid(body, "content", "content must not be empty.");
    }
    if (content.getBytes(StandardCharsets.UTF_8).length > CONTENT_MAX_BYTES) {
      throw new Problem(
          Problem.Kind.INVALID_INPUT,
          "CONTENT_TOO_LONG",
          "content must be at most " + CONTENT_MAX_BYTES + " bytes of UTF-8.",
          body.name("content"));
    }
    return content;
  }

  /** A blank or missing summary is derived from the content. */
  private static String summary(JsonObject body, String content) {
    Optional<String> given = string(body, "summary");
    if (given.isEmpty() || given.get().isBlank()) {
      return MarkdownSummary.derive(content, SUMMARY_MAX);
    }
    String summary = TextRules.multiLine(given.get(), body.name("summary"), "INVALID_SUMMARY");
    int length = summary.codePointCount(0, summary.length());
    if (length > SUMMARY_MAX) {
      throw invalid(
          body,
          "summary",
          "summary must be at most " + SUMMARY_MAX + " characters; it has " + length + ".");
    }
    return summary;
  }

  /**
   * Required for reposts and translations, refused for originals (an original has no source; a URL
   * there is most likely a forgotten {@code type}). Only absolute http(s) URLs with a host.
   */
  private static Optional<String> sourceUrl(JsonObject body, PostType type) {
    Optional<String> url = string(body, "sourceUrl");
    if (!type.needsSource()) {
      if (url.isPresent()) {
        throw invalid(
            body, "sourceUrl", "An original post has no sourceUrl; use type repost or translated.");
      }
      return Optional.empty();
    }
    String value = url.orElseThrow(() -> required(body, "sourceUrl")).strip();
    if (!isWebUrl(value)) {
      throw invalid(body, "sourceUrl", "sourceUrl must be an absolute http or https URL.");
    }
    return Optional.of(value);
  }

  static boolean isWebUrl(String value) {
    if (value.isEmpty()
        || value.length() > SOURCE_URL_MAX
        || hasControl(value)
        || value.contains(" ")
        || value.codePoints().anyMatch(TextRules::isBidiFormatting)) {
      return false;
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      return scheme != null
          && (scheme.toLowerCase(Locale.ROOT).equals("http")
              || scheme.toLowerCase(Locale.ROOT).equals("https"))
          && uri.getHost() != null
          && !uri.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * Tags or categories: an array of distinct single-line names of 1-{@link #TAG_MAX} characters.
   */
  private static List<String> names(JsonObject body, String field, int max, String code) {
    Object raw = body.asMap().get(field);
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof List<?> list)) {
      throw invalid(body, field, field + " must be an array of strings.");
    }
    if (list.size() > max) {
      throw invalid(
          body, field, "At most " + max + " " + field + "; there are " + list.size() + ".");
    }
    List<String> tags = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String s)) {
        throw invalid(body, field, field + "[" + i + "] must be a string.");
      }
      String tag = TextRules.name(s, body.name(field), code);
      int length = tag.codePointCount(0, tag.length());
      if (length < 1 || length > TAG_MAX) {
        throw invalid(
            body,
            field,
            field + "[" + i + "] must be 1-" + TAG_MAX + " characters without control characters.");
      }
      if (!seen.add(tag)) {
        throw invalid(body, field, field + "[" + i + "] repeats \"" + tag + "\".");
      }
      tags.add(tag);
    }
    return tags;
  }

  private static String sourceId(JsonObject body) {
    String id = string(body, "sourceId").orElseThrow(() -> required(body, "sourceId"));
    int length = id.codePointCount(0, id.length());
    if (id.isBlank() || length > SOURCE_ID_MAX || hasControl(id)) {
      throw invalid(
          body,
          "sourceId",
          "sourceId must be 1-" + SOURCE_ID_MAX + " characters without control characters.");
    }
    return id;
  }

  /** Imported posts keep their date; it must be a real instant in the past. */
  private static Instant publishedAt(JsonObject body, Instant now) {
    String raw = string(body, "publishedAt").orElseThrow(() -> required(body, "publishedAt"));
    Instant at;
    try {
      at = OffsetDateTime.parse(raw).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(
          body,
          "publishedAt",
          "publishedAt must be an ISO-8601 date-time with an offset, e.g. 2023-06-14T08:30:00Z.");
    }
    if (at.isBefore(Instant.EPOCH) || at.isAfter(now)) {
      throw invalid(body, "publishedAt", "publishedAt must lie between 1970 and now.");
    }
    return at;
  }

  private static long counter(JsonObject body, String field) {
    Object raw = body.asMap().get(field);
    if (raw == null) {
      return 0;
    }
    long value;
    if (raw instanceof Long l) {
      value = l;
    } else if (raw instanceof BigDecimal d) {
      try {
        value = d.longValueExact();
      } catch (ArithmeticException e) {
        throw invalid(
            body, field, field + " must be a whole number from 0 to " + COUNTER_MAX + ".");
      }
    } else {
      throw invalid(body, field, field + " must be a whole number.");
    }
    if (value < 0 || value > COUNTER_MAX) {
      throw invalid(body, field, field + " must be a whole number from 0 to " + COUNTER_MAX + ".");
    }
    return value;
  }

  private static Optional<String> string(JsonObject body, String field) {
    Object raw = body.asMap().get(field);
    if (raw == null) {
      return Optional.empty();
    }
    if (raw instanceof String s) {
      return Optional.of(s);
    }
    throw invalid(body, field, field + " must be a string.");
  }

  private static boolean hasControl(String s) {
    return s.codePoints()
        .anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
  }

  private static Problem required(JsonObject body, String field) {
    return invalid(body, field, field + " is required.");
  }

  private static Problem invalid(JsonObject body, String field, String message) {
    String code = "INVALID_" + field.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    return Problem.invalid(code, body.name(field), message);
  }
}
