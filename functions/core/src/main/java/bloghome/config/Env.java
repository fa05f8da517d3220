package bloghome.config;

import java.util.Optional;

/**
 * Reads configuration from the Lambda environment.
 *
 * <p>A JVM system property of the same name wins over the environment variable. Lambda sets none,
 * and the local stack runs each function in a JVM of its own with the environment Lambda gives
 * (docs/local-runtime.md); only the benchmark's in-process measurements ({@code bin/bench}'s warm
 * latency) still run several functions in one JVM and set properties.
 */
public final class Env {
  private Env() {}

  public static Optional<String> get(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      value = System.getenv(name);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  public static String require(String name) {
    return get(name)
        .orElseThrow(
            () -> new IllegalStateException("Environment variable " + name + " is not set"));
  }
}
