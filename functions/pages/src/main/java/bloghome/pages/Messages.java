package bloghome.pages;

import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * Every string a page shows, from {@code bloghome/pages/messages*.properties} (UTF-8). Templates
 * and scripts hold no text of their own.
 */
public final class Messages {
  private static final String BUNDLE = "bloghome.pages.messages";
  private static final Map<Lang, Messages> CACHE = new EnumMap<>(Lang.class);

  private final Lang lang;
  private final ResourceBundle bundle;

  private Messages(Lang lang) {
    this.lang = lang;
    this.bundle =
        ResourceBundle.getBundle(
            BUNDLE,
            lang.locale(),
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  public static synchronized Messages of(Lang lang) {
    return CACHE.computeIfAbsent(lang, Messages::new);
  }

  public Lang lang() {
    return lang;
  }

  /**
   * The string for {@code key}; a missing key is a bug and fails loudly (a test checks them all).
   */
  public String t(String key) {
    return bundle.getString(key);
  }

  /**
   * The string with {@code {0}}-style arguments filled in (MessageFormat rules). Whole numbers are
   * shown as plain digits ({@code 1012}, not {@code 1,012}), as the blog's counters always were.
   */
  public String t(String key, Object... args) {
    Object[] shown = args.clone();
    for (int i = 0; i < shown.length; i++) {
      if (shown[i] instanceof Long || shown[i] instanceof Integer) {
        shown[i] = shown[i].toString();
      }
    }
    return new MessageFormat(bundle.getString(key), lang.locale()).format(shown);
  }

  public boolean has(String key) {
    try {
      bundle.getString(key);
      return true;
    } catch (MissingResourceException e) {
      return false;
    }
  }

  /** Every key of this language's bundle (with the default's, which is zh-CN). */
  public Set<String> keys() {
    return bundle.keySet();
  }
}
