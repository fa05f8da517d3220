package bloghome.skins;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Stored timestamps in the fixed-width form {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}, so that they
 * compare correctly as strings (in DynamoDB conditions too).
 */
public final class SkinTimestamps {
  private static final DateTimeFormatter FIXED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private SkinTimestamps() {}

  public static String format(Instant instant) {
    return FIXED.format(instant);
  }

  public static Instant parse(String text) {
    return Instant.from(FIXED.parse(text));
  }
}
