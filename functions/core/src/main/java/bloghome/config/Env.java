package bloghome.config;

import java.util.Optional;

/**
 * Reads configuration from the Lambda environment.
 *
 * <p>A JVM system property of the same name wins over the environment variable: the local stack
 * runs every function in one JVM and cannot set environment variables, so it sets properties.
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
