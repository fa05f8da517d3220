package bloghome.pages;

import bloghome.text.WireNames;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages pages come in: Simplified Chinese (the default, as the product's seed) and English.
 */
public enum Lang {
  ZH(Locale.SIMPLIFIED_CHINESE),
  EN(Locale.ENGLISH);

  private final Locale locale;

  Lang(Locale locale) {
    this.locale = locale;
  }

  /** The BCP 47 tag, for {@code <html lang>}, the cookie and the {@code ?lang=} switch. */
  public String tag() {
    return locale.toLanguageTag();
  }

  public Locale locale() {
    return locale;
  }

  /** The other language: what the switch on every page offers. */
  public Lang other() {
    return this == ZH ? EN : ZH;
  }

  /**
   * An exact tag as the switch writes it ({@code zh-CN} or {@code en}, any case); empty otherwise.
   */
  public static Optional<Lang> fromTag(String value) {
    return WireNames.findIgnoringCase(values(), Lang::tag, value);
  }

  /**
   * The first language of an {@code Accept-Language} header we have, by quality; Chinese when none
   * matches. Any {@code zh*} counts as Chinese and any {@code en*} as English.
   */
  public static Lang fromAcceptLanguage(String header) {
    if (header == null || header.isBlank() || header.length() > 1000) {
      return ZH;
    }
    Lang best = null;
    double bestQ = -1;
    for (String part : header.split(",")) {
      String[] pieces = part.strip().split(";");
      String range = pieces[0].strip().toLowerCase(Locale.ROOT);
      double q = 1.0;
      for (int i = 1; i < pieces.length; i++) {
        String p = pieces[i].strip();
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      Lang lang = range.startsWith("zh") ? ZH : range.startsWith("en") ? EN : null;
      if (lang != null && q > 0 && q > bestQ) {
        best = lang;
        bestQ = q;
      }
    }
    return best == null ? ZH : best;
  }
}
