package bloghome.pages;

import bloghome.skins.ColorField;
import bloghome.skins.MediaUrls;
import bloghome.skins.Skin;
import bloghome.skins.SkinSlot;
import java.util.regex.Pattern;

/**
 * A user's skin as CSS custom properties, for one {@code <style>} element that the CSP allows by
 * its hash. Only validated values go in: colours that match {@code #RRGGBB} and image URLs built
 * from our own object keys, percent-encoded; no user text is ever written into CSS.
 */
public final class SkinCss {
  private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");
  private static final Pattern SAFE_URL = Pattern.compile("[A-Za-z0-9:/._~%\\-]+");

  private SkinCss() {}

  public static String of(Skin skin, MediaUrls media) {
    StringBuilder css = new StringBuilder(":root{");
    color(css, "--title", skin.color(ColorField.TITLE), ColorField.TITLE);
    color(css, "--hover", skin.color(ColorField.HOVER), ColorField.HOVER);
    color(css, "--subtitle", skin.color(ColorField.SUBTITLE), ColorField.SUBTITLE);
    for (SkinSlot slot : SkinSlot.values()) {
      skin.image(slot)
          .map(image -> media.url(image.key()))
          .filter(url -> SAFE_URL.matcher(url).matches())
          .ifPresent(
              url ->
                  css.append("--")
                      .append(slot.wireName())
                      .append("-image:url(\"")
                      .append(url)
                      .append("\");"));
    }
    return css.append('}').toString();
  }

  private static void color(StringBuilder css, String name, String value, ColorField field) {
    css.append(name)
        .append(':')
        .append(HEX.matcher(value).matches() ? value : field.defaultColor())
        .append(';');
  }
}
