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
    line.put("time", Instant.now().toString());
    line.put("level", level);
    line.put("event", event);
    line.putAll(fields);
    out.println(Json.write(line));
  }
}
