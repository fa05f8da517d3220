package bloghome.comments;

import bloghome.table.TableKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How many comments one user may create: at most {@code perMinute} in any calendar minute (the
 * burst) and {@code perHour} in any clock hour, UTC. Fixed windows, because each is one counter
 * that a conditional {@code ADD} keeps exact under concurrency, inside the same transaction as the
 * comment (a rejected or failed comment uses no quota).
 */
public record RateLimit(int perMinute, int perHour) {
  public static final RateLimit DEFAULT = new RateLimit(5, 30);

  /** No limit at all, e.g. for load tests. */
  public static final RateLimit NONE = new RateLimit(0, 0);

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

  public RateLimit {
    if (perMinute < 0 || perHour < 0) {
      throw new IllegalArgumentException("limits must not be negative");
    }
  }

  /** One fixed window: its counter's sort key, its limit and when it ends. */
  public record Window(String sk, int limit, Instant endsAt) {
    public long secondsLeft(Instant now) {
      long millis = Duration.between(now, endsAt).toMillis();
      return Math.max(1, (millis + 999) / 1000);
    }
  }

  /** The windows {@code now} falls into; a limit of 0 means that window is not enforced. */
  public List<Window> windowsAt(Instant now) {
    List<Window> windows = new ArrayList<>(2);
    if (perMinute > 0) {
      Instant start = now.truncatedTo(ChronoUnit.MINUTES);
      windows.add(
          new Window(
              TableKeys.commentMinuteWindowSk(MINUTE.format(start)),
              perMinute,
              start.plusSeconds(60)));
    }
    if (perHour > 0) {
      Instant start = now.truncatedTo(ChronoUnit.HOURS);
      windows.add(
          new Window(
              TableKeys.commentHourWindowSk(HOUR.format(start)), perHour, start.plusSeconds(3600)));
    }
    return windows;
  }
}
