package bloghome.skins;

import bloghome.errors.Problem;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A colour as {@code #RRGGBB}. Any letter case is accepted and upper case is stored, so the same
 * colour always reads back the same way.
 */
public final class HexColor {
  private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");

  private HexColor() {}

  /**
   * The colour in upper case.
   *
   * @throws Problem 400 naming {@code field} for anything but {@code #} and six hex digits
   */
  public static String normalise(String field, String value) {
    if (value == null || !HEX.matcher(value).matches()) {
      throw Problem.invalid(
          field, field + " must be a colour written as # and six hex digits, e.g. #1A2B3C.");
    }
    return value.toUpperCase(Locale.ROOT);
  }
}
