package bloghome.pages;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Times as the blog shows them: {@code 2022-11-25 15:02:10}, China Standard Time (stated on the
 * page).
 */
public final class Times {
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZONE);

  private Times() {}

  public static String show(Instant instant) {
    return FORMAT.format(instant);
  }
}
