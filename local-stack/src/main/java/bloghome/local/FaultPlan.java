package bloghome.local;

import java.time.Duration;
import java.util.Locale;

/**
 * Which faults the local stack injects into the requests its DynamoDB and S3 endpoints receive, as
 * probabilities per request, and the seed of the random draws. Off unless set for a run.
 *
 * <p>Written as {@code BLOGHOME_FAULTS}, one section per service and an optional seed, e.g. {@code
 * dynamodb:throttle=0.1,error500=0.05,latency=0.05:200ms,lost=0.05;s3:throttle=0.1;seed=42}. Or
 * {@code all:0.2}: 20 % of the requests to each service fail in one of the four ways.
 */
public record FaultPlan(Rates dynamoDb, Rates s3, long seed) {
  public static final FaultPlan NONE = new FaultPlan(Rates.NONE, Rates.NONE, 1);

  /**
   * Probabilities for one service. {@code throttle}: an error the SDK treats as throttling
   * (DynamoDB ProvisionedThroughputExceededException / ThrottlingException, S3 SlowDown 503);
   * {@code error500}: InternalServerError / InternalError; {@code latency}: the request waits
   * {@code delay} before it is forwarded; {@code lost}: the request is forwarded and applied, then
   * the client gets a 500 or a dropped connection instead of the answer.
   */
  public record Rates(
      double throttle, double error500, double latency, Duration delay, double lost) {
    public static final Rates NONE = new Rates(0, 0, 0, Duration.ZERO, 0);

    public Rates {
      for (double p : new double[] {throttle, error500, latency, lost}) {
        if (p < 0 || p > 1) {
          throw new IllegalArgumentException("A fault probability must be within 0..1, not " + p);
        }
      }
      if (throttle + error500 + latency + lost > 1.0 + 1e-9) {
        throw new IllegalArgumentException("Fault probabilities add up to more than 1");
      }
    }

    /**
     * {@code total} spread over the four kinds: 40 % throttling, 20 % each of 500s, latency, lost.
     */
    public static Rates spread(double total) {
      return new Rates(total * 0.4, total * 0.2, total * 0.2, Duration.ofMillis(200), total * 0.2);
    }

    public boolean any() {
      return throttle + error500 + latency + lost > 0;
    }
  }

  public boolean any() {
    return dynamoDb.any() || s3.any();
  }

  /**
   * Fault proxies in place but no random faults: for tests that script their own
   * (FaultProxy.loseNext).
   */
  public static FaultPlan proxiesOnly(long seed) {
    return new FaultPlan(Rates.NONE, Rates.NONE, seed == NONE.seed ? seed + 1 : seed);
  }

  /** Whether the stack puts fault proxies in front of DynamoDB and S3. */
  public boolean proxied() {
    return !equals(NONE);
  }

  public static FaultPlan uniform(double total, long seed) {
    return new FaultPlan(Rates.spread(total), Rates.spread(total), seed);
  }

  /** The plan of {@code BLOGHOME_FAULTS} (and {@code BLOGHOME_FAULT_SEED}); none when unset. */
  public static FaultPlan fromEnvironment() {
    String spec = System.getenv("BLOGHOME_FAULTS");
    String seed = System.getenv("BLOGHOME_FAULT_SEED");
    FaultPlan plan = spec == null || spec.isBlank() ? NONE : parse(spec);
    return seed == null || seed.isBlank()
        ? plan
        : new FaultPlan(plan.dynamoDb, plan.s3, Long.parseLong(seed.strip()));
  }

  public static FaultPlan parse(String spec) {
    Rates dynamoDb = Rates.NONE;
    Rates s3 = Rates.NONE;
    long seed = 1;
    for (String section : spec.split(";")) {
      String s = section.strip();
      if (s.isEmpty()) {
        continue;
      }
      int colon = s.indexOf(':');
      int eq = s.indexOf('=');
      if (s.startsWith("seed=")) {
        seed = Long.parseLong(s.substring(5).strip());
        continue;
      }
      if (colon < 0 || (eq >= 0 && eq < colon)) {
        throw new IllegalArgumentException(
            "Fault section '" + s + "' must be service:kind=p,... or seed=N");
      }
      String service = s.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String body = s.substring(colon + 1).strip();
      switch (service) {
        case "all" -> {
          dynamoDb = Rates.spread(Double.parseDouble(body));
          s3 = Rates.spread(Double.parseDouble(body));
        }
        case "dynamodb" -> dynamoDb = rates(body);
        case "s3" -> s3 = rates(body);
        default ->
            throw new IllegalArgumentException(
                "Unknown service in faults: " + service + " (dynamodb, s3, all)");
      }
    }
    return new FaultPlan(dynamoDb, s3, seed);
  }

  private static Rates rates(String body) {
    double throttle = 0;
    double error500 = 0;
    double latency = 0;
    double lost = 0;
    Duration delay = Duration.ofMillis(200);
    for (String pair : body.split(",")) {
      String[] kv = pair.strip().split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("Fault '" + pair + "' must be kind=probability");
      }
      String value = kv[1].strip();
      switch (kv[0].strip().toLowerCase(Locale.ROOT)) {
        case "throttle", "slowdown" -> throttle = Double.parseDouble(value);
        case "error500" -> error500 = Double.parseDouble(value);
        case "lost" -> lost = Double.parseDouble(value);
        case "latency" -> {
          String[] parts = value.split(":", 2);
          latency = Double.parseDouble(parts[0]);
          if (parts.length == 2) {
            delay = Duration.ofMillis(Long.parseLong(parts[1].strip().replace("ms", "")));
          }
        }
        default ->
            throw new IllegalArgumentException(
                "Unknown fault kind " + kv[0] + " (throttle, error500, latency, lost)");
      }
    }
    return new Rates(throttle, error500, latency, delay, lost);
  }
}
