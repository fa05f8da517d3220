package bloghome.time;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The one timestamp format we store and send: ISO-8601 UTC with exactly three fraction digits.
 * {@link Instant#toString()} drops zero fractions, which would break the lexicographic order of
 * sort keys and of string comparisons in DynamoDB conditions.
 */
public final class Timestamps {
  private static final DateTimeFormatter FIXED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  public static String format(Instant instant) {
    return FIXED.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /** Reads a stored timestamp (written by {@link #format}). */
  public static Instant parse(String stored) {
    return Instant.parse(stored);
  }
}
