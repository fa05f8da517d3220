package bloghome.log;

import bloghome.config.Env;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Business and on-call counters as CloudWatch Embedded Metric Format lines: one JSON object on
 * standard output, which CloudWatch Logs turns into a metric. No SDK call, no client to build,
 * nothing on the request path but a line of output.
 *
 * <p>Namespace {@code Bloghome}; every metric has the dimension {@code Function} (the Lambda
 * function's name) and at most one more, whose values are few and fixed (a reason, an error code).
 * Never a user, post or upload id: each distinct dimension value is a metric of its own.
 */
public final class Metrics {
  public static final String NAMESPACE = "Bloghome";
  private static final int MAX_VALUE_LENGTH = 64;

  private Metrics() {}

  /** Adds one to {@code name} for this function. */
  public static void count(String name) {
    emit(name, Map.of());
  }

  /**
   * Adds one to {@code name} for this function and {@code dimension = value} (a reason, a code).
   */
  public static void count(String name, String dimension, String value) {
    emit(name, Map.of(dimension, value == null ? "none" : truncate(value)));
  }

  private static void emit(String name, Map<String, String> extra) {
    Map<String, String> dimensions = new LinkedHashMap<>();
    dimensions.put("Function", Env.get("AWS_LAMBDA_FUNCTION_NAME").orElse("local"));
    dimensions.putAll(extra);
    Instant now = Instant.now();
    Map<String, Object> directive = new LinkedHashMap<>();
    directive.put("Namespace", NAMESPACE);
    directive.put("Dimensions", List.of(List.copyOf(dimensions.keySet())));
    directive.put("Metrics", List.of(Map.of("Name", name, "Unit", "Count")));
    Map<String, Object> aws = new LinkedHashMap<>();
    aws.put("Timestamp", now.toEpochMilli());
    aws.put("CloudWatchMetrics", List.of(directive));
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("_aws", aws);
    // Read by Lambda's JSON log format like any other line (INFO: kept at the default level).
    line.put("timestamp", now.toString());
    line.put("level", "INFO");
    line.putAll(dimensions);
    line.put(name, 1);
    Log.print(line);
  }

  private static String truncate(String value) {
    return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH);
  }
}
