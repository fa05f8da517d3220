package bloghome.paging;

import bloghome.aws.AwsJsonCall;
import bloghome.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Cursor keys read from an SSM SecureString parameter: lazily, at the first cursor an execution
 * environment signs or checks, then again once {@link #REFRESH} has passed, so a rotation reaches
 * every warm environment within minutes without a deployment.
 *
 * <p>Never read before a SnapStart snapshot: priming makes no cursor, and {@link #forget()} (called
 * after a restore) drops whatever a snapshot might hold, so a restored environment reads the
 * current keys, not the ones of the day the version was published.
 */
public final class SsmCursorKeys implements Supplier<CursorKeys> {
  public static final Duration REFRESH = Duration.ofMinutes(5);

  private final Supplier<String> read;
  private final Clock clock;
  private CursorKeys keys;
  private Instant readAt;

  public SsmCursorKeys(Supplier<String> read, Clock clock) {
    this.read = read;
    this.clock = clock;
  }

  /** GetParameter (with decryption) of {@code parameterName}, through one signed HTTP call. */
  public static SsmCursorKeys fromParameter(String parameterName, Clock clock) {
    return fromParameter(parameterName, AwsJsonCall.ssm(), clock);
  }

  public static SsmCursorKeys fromParameter(String parameterName, AwsJsonCall ssm, Clock clock) {
    return new SsmCursorKeys(
        () -> {
          Map<String, Object> request = new LinkedHashMap<>();
          request.put("Name", parameterName);
          request.put("WithDecryption", true);
          Object response = Json.parse(ssm.call("AmazonSSM.GetParameter", Json.write(request)));
          if (response instanceof Map<?, ?> r
              && r.get("Parameter") instanceof Map<?, ?> p
              && p.get("Value") instanceof String value) {
            return value;
          }
          throw new IllegalStateException(
              "GetParameter of " + parameterName + " returned no value");
        },
        clock);
  }

  @Override
  public synchronized CursorKeys get() {
    Instant now = clock.instant();
    if (keys == null || !now.isBefore(readAt.plus(REFRESH))) {
      try {
        keys = CursorKeys.parse(read.get());
        readAt = now;
      } catch (RuntimeException e) {
        // Keep answering with the keys we have while SSM is unavailable; with none, fail.
        if (keys == null) {
          throw e;
        }
        readAt = now.minus(REFRESH).plusSeconds(30);
      }
    }
    return keys;
  }

  /** Drops the keys held, so the next cursor reads them again (after a SnapStart restore). */
  public synchronized void forget() {
    keys = null;
    readAt = null;
  }
}
