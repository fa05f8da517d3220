package bloghome.pages;

import bloghome.errors.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of a page request every page needs: the language and the current address.
 *
 * <p>The language is {@code ?lang=} when given (and then remembered in a cookie), else the {@code
 * lang} cookie, else {@code Accept-Language}; an unknown {@code ?lang=} is a 400 page.
 */
public record PageRequest(Lang lang, String path, Map<String, String> query, boolean langChosen) {
  public static final String COOKIE = "lang";

  /**
   * The query parameters a page reads; the rest are dropped, so they are never copied into the
   * page's links (the language switch, sign-in). {@code lang} is read apart.
   */
  static final Set<String> KNOWN = Set.of("sort", "type", "cursor", "trail", "return", "q", "page");

  /** Longer than any value a page accepts (a cursor, a return path): dropped too. */
  static final int MAX_VALUE_LENGTH = 2048;

  public static PageRequest of(
      String path,
      Map<String, String> query,
      List<String> cookies,
      Optional<String> acceptLanguage) {
    Map<String, String> q = known(query);
    Optional<Lang> cookie = cookieLang(cookies);
    Lang fallback = cookie.orElseGet(() -> Lang.fromAcceptLanguage(acceptLanguage.orElse(null)));
    if (q.containsKey("lang")) {
      Lang chosen =
          Lang.fromTag(q.get("lang"))
              .orElseThrow(
                  () ->
                      new UnknownLanguage(
                          new PageRequest(fallback, path, without(q, "lang"), false)));
      return new PageRequest(chosen, path, without(q, "lang"), true);
    }
    return new PageRequest(fallback, path, q, false);
  }

  /** A 400 that still knows the language to say it in. */
  public static final class UnknownLanguage extends Problem {
    private final transient PageRequest fallback;

    UnknownLanguage(PageRequest fallback) {
      super(Kind.INVALID_INPUT, "UNKNOWN_LANGUAGE", "lang must be zh-CN or en.", "lang");
      this.fallback = fallback;
    }

    public PageRequest fallback() {
      return fallback;
    }
  }

  public Messages messages() {
    return Messages.of(lang);
  }

  public Optional<String> param(String name) {
    return Optional.ofNullable(query.get(name));
  }

  /** The current page, without {@code lang}. */
  public String here() {
    return Links.withQuery(path, query);
  }

  /** The current page in the other language. */
  public String otherLangHref() {
    Map<String, String> q = new LinkedHashMap<>(query);
    q.put("lang", lang.other().tag());
    return Links.withQuery(path, q);
  }

  public String signInHref() {
    return Links.withQuery("/sign-in", Map.of("return", here()));
  }

  /** The cookie that remembers a language chosen with the switch, for a year. */
  public Optional<String> langCookie(boolean secure) {
    if (!langChosen) {
      return Optional.empty();
    }
    return Optional.of(
        COOKIE
            + "="
            + lang.tag()
            + "; Path=/; Max-Age=31536000; SameSite=Lax"
            + (secure ? "; Secure" : ""));
  }

  private static Optional<Lang> cookieLang(List<String> cookies) {
    if (cookies == null) {
      return Optional.empty();
    }
    for (String c : cookies) {
      int eq = c.indexOf('=');
      if (eq > 0 && c.substring(0, eq).strip().equals(COOKIE)) {
        return Lang.fromTag(c.substring(eq + 1));
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> known(Map<String, String> query) {
    Map<String, String> kept = new LinkedHashMap<>();
    if (query != null) {
      query.forEach(
          (name, value) -> {
            if ((KNOWN.contains(name) || name.equals("lang"))
                && value != null
                && value.length() <= MAX_VALUE_LENGTH) {
              kept.put(name, value);
            }
          });
    }
    return kept;
  }

  private static Map<String, String> without(Map<String, String> q, String name) {
    Map<String, String> copy = new LinkedHashMap<>(q);
    copy.remove(name);
    return copy;
  }
}
