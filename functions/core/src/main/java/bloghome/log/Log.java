package bloghome.log;

import bloghome.json.Json;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured logs: one JSON object per line on standard output, which Lambda ships to CloudWatch.
 *
 * <p>Callers pass only what is safe to keep: request ids, routes, keys, codes and timings. Never
 * tokens, secrets, IP addresses or User-Agents.
 *
 * <p>With the function's log format set to JSON, Lambda keeps these objects as they are and reads
 * {@code timestamp} (RFC 3339) and {@code level} from them, so the application log level set in the
 * template filters them.
 */
public final class Log {
  private static volatile PrintStream out = System.out;

  private Log() {}

  public static void info(String event, Map<String, ?> fields) {
    write("INFO", event, fields);
  }

  public static void warn(String event, Map<String, ?> fields) {
    write("WARN", event, fields);
  }

  public static void error(String event, Map<String, ?> fields) {
    write("ERROR", event, fields);
  }

  /** For tests that read what was logged. */
  public static void redirect(PrintStream stream) {
    out = stream;
  }

  private static void write(String level, String event, Map<String, ?> fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("timestamp", Instant.now().toString());
    line.put("level", level);
    line.put("event", event);
    line.putAll(fields);
    print(line);
  }

  /** Prints one JSON object as one line (shared with {@link Metrics}). */
  static void print(Map<String, ?> line) {
    out.println(Json.write(line));
  }
}
