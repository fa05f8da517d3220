package bloghome.local;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment of functions that run together in one JVM (bin/run-local, the bench). Each
 * function's variables become system properties there, so a name may have only one value across all
 * functions; {@link #add} refuses a second, different one instead of letting the last function win
 * silently.
 */
public final class InProcessEnvironment {
  private final Map<String, String> values = new HashMap<>();

  /**
   * What the local stack sets in place of the template's cloud values: media served by the local
   * gateway, tokens minted by the local issuer, and fresh cursor keys in the local SSM.
   */
  public static Map<String, String> localOverrides(
      LocalStack stack, String apiUrl, LocalJwt tokens) {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("MEDIA_BASE_URL", apiUrl + "/_local/media");
    overrides.put("JWT_ISSUER", tokens.issuer());
    overrides.put("JWT_AUDIENCE", tokens.audience());
    overrides.putAll(stack.seedCursorKeys());
    return overrides;
  }

  /** Adds one function's environment; throws when it disagrees with a function added before. */
  public void add(Map<String, String> environment) {
    environment.forEach(
        (name, value) -> {
          String previous = values.putIfAbsent(name, value);
          if (previous != null
              && !previous.equals(value)
              && !name.equals("AWS_LAMBDA_FUNCTION_NAME")) {
            throw new LocalStackException(
                "Functions disagree on "
                    + name
                    + " ("
                    + previous
                    + " vs "
                    + value
                    + "): the local stack runs them in one JVM and needs one value.");
          }
        });
  }
}
