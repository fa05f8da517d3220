package bloghome.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line flags of {@code bin/bench}; defaults keep a 2-core machine under ten minutes. */
record Options(
    int coldSamples,
    boolean aot,
    int warmCalls,
    int validatorRuns,
    int viewsRequests,
    Duration viewsMaxTime,
    List<Integer> viewsClients,
    int hotViews,
    int hotClients,
    int hotItemLimit,
    Set<String> sections,
    Set<String> skipFunctions,
    Path outDir,
    Path probeJar,
    List<ColdVariant> coldVariants) {

  static final Set<String> ALL_SECTIONS =
      Set.of("cold", "warm", "validator", "views", "hot", "weight", "studio");

  static final String USAGE =
      """
      usage: bin/bench [flags]
        --cold-samples N     fresh JVMs per function and per mode (default 10, at least 1)
        --no-aot             skip the runs with the JDK AOT cache
        --warm-calls N       measured in-process calls per route, after a warm-up of N/10 (default 1000)
        --validator-runs N   runs per validator case and approach (default 10)
        --views-requests N   requests per concurrency level of the views run (default 200)
        --views-seconds S    time bound per concurrency level (default 20)
        --views-clients L    concurrency levels, comma-separated (default 1,8,32)
        --hot-views N        distinct visitors of the one hot post, per design (default 800)
        --hot-clients N      threads sending them (default 16)
        --hot-item-limit N   writes per second per item of the hot run's DynamoDB (default 10: the local
                             DynamoDB manages ~100 writes/s in all on 2 cores, so 10 plays DynamoDB's
                             1,000 per partition)
        --only LIST          sections to run: cold,warm,validator,views,hot,weight,studio (default all)
        --skip LIST          function logical ids to leave out, e.g. SkinsFunction
        --out DIR            where benchmarks.md and benchmarks.csv go (default docs)
        --probe-jar FILE     the probe jar (bin/bench passes it)
        --cold-variant SPEC  an extra cold-start subject per function, interleaved with the others, to
                             measure one lever A/B in the same run (repeatable). SPEC is
                             label[;fns=Id,Id][;jvm=-XX:opt -XX:opt][;env=NAME=value]...[;jars=DIR]
                             (jars: each function's jar is replaced by DIR/<same file name>)
      """;

  static Options parse(String[] args) {
    int coldSamples = 10;
    boolean aot = true;
    int warmCalls = 1000;
    int validatorRuns = 10;
    int viewsRequests = 200;
    int viewsSeconds = 20;
    List<Integer> viewsClients = List.of(1, 8, 32);
    int hotViews = 800;
    int hotClients = 16;
    int hotItemLimit = 10;
    Set<String> sections =
        new LinkedHashSet<>(
            List.of("cold", "warm", "validator", "views", "hot", "weight", "studio"));
    Set<String> skip = new LinkedHashSet<>();
    Path out = Path.of("docs");
    Path probe =
        System.getProperty("bench.probeJar") == null
            ? null
            : Path.of(System.getProperty("bench.probeJar"));
    List<ColdVariant> variants = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "--cold-samples" -> coldSamples = positive(flag, value(args, ++i, flag));
        case "--no-aot" -> aot = false;
        case "--warm-calls" -> warmCalls = positive(flag, value(args, ++i, flag));
        case "--validator-runs" -> validatorRuns = positive(flag, value(args, ++i, flag));
        case "--views-requests" -> viewsRequests = positive(flag, value(args, ++i, flag));
        case "--views-seconds" -> viewsSeconds = positive(flag, value(args, ++i, flag));
        case "--views-clients" -> {
          List<Integer> levels = new ArrayList<>();
          for (String part : value(args, ++i, flag).split(",")) {
            levels.add(positive(flag, part.strip()));
          }
          viewsClients = List.copyOf(levels);
        }
        case "--hot-views" -> hotViews = positive(flag, value(args, ++i, flag));
        case "--hot-clients" -> hotClients = positive(flag, value(args, ++i, flag));
        case "--hot-item-limit" -> hotItemLimit = positive(flag, value(args, ++i, flag));
        case "--only" -> {
          sections = new LinkedHashSet<>();
          for (String part : value(args, ++i, flag).split(",")) {
            String section = part.strip();
            if (!ALL_SECTIONS.contains(section)) {
              throw new IllegalArgumentException(
                  "--only: unknown section '"
                      + section
                      + "' (cold, warm, validator, views, hot, weight)");
            }
            sections.add(section);
          }
        }
        case "--skip" -> {
          for (String part : value(args, ++i, flag).split(",")) {
            if (!part.isBlank()) {
              skip.add(part.strip());
            }
          }
        }
        case "--out" -> out = Path.of(value(args, ++i, flag));
        case "--probe-jar" -> probe = Path.of(value(args, ++i, flag));
        case "--cold-variant" -> variants.add(ColdVariant.parse(value(args, ++i, flag)));
        default -> throw new IllegalArgumentException("unknown flag " + flag);
      }
    }
    return new Options(
        coldSamples,
        aot,
        warmCalls,
        validatorRuns,
        viewsRequests,
        Duration.ofSeconds(viewsSeconds),
        viewsClients,
        hotViews,
        hotClients,
        hotItemLimit,
        Set.copyOf(sections),
        Set.copyOf(skip),
        out,
        probe,
        List.copyOf(variants));
  }

  /**
   * One lever measured beside the unchanged functions: extra JVM options, extra environment
   * variables and/or other jars, for the functions named (all when none are).
   */
  record ColdVariant(
      String label, Set<String> functions, List<String> jvm, Map<String, String> env, Path jarDir) {

    static ColdVariant parse(String spec) {
      String[] parts = spec.split(";");
      String label = parts[0].strip();
      if (label.isEmpty() || label.contains("=")) {
        throw new IllegalArgumentException(
            "--cold-variant: starts with a label, got '" + spec + "'");
      }
      Set<String> functions = new LinkedHashSet<>();
      List<String> jvm = new ArrayList<>();
      Map<String, String> env = new LinkedHashMap<>();
      Path jars = null;
      for (int i = 1; i < parts.length; i++) {
        String part = parts[i].strip();
        int eq = part.indexOf('=');
        if (eq < 1) {
          throw new IllegalArgumentException("--cold-variant: '" + part + "' is not key=value");
        }
        String value = part.substring(eq + 1).strip();
        switch (part.substring(0, eq)) {
          case "fns" -> List.of(value.split(",")).forEach(f -> functions.add(f.strip()));
          case "jvm" -> List.of(value.split(" +")).forEach(jvm::add);
          case "env" -> {
            int at = value.indexOf('=');
            if (at < 1) {
              throw new IllegalArgumentException(
                  "--cold-variant: env needs NAME=value, got '" + value + "'");
            }
            env.put(value.substring(0, at), value.substring(at + 1));
          }
          case "jars" -> jars = Path.of(value);
          default ->
              throw new IllegalArgumentException("--cold-variant: unknown key in '" + part + "'");
        }
      }
      return new ColdVariant(label, Set.copyOf(functions), List.copyOf(jvm), Map.copyOf(env), jars);
    }

    boolean covers(String functionId) {
      return functions.isEmpty() || functions.contains(functionId);
    }
  }

  /** Warm-up calls before the measured ones: enough for C1 to compile the request path. */
  int warmupCalls() {
    return Math.max(50, warmCalls / 10);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  private static int positive(String flag, String text) {
    int n;
    try {
      n = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " needs a whole number, got '" + text + "'");
    }
    if (n < 1) {
      throw new IllegalArgumentException(flag + " must be at least 1, got " + n);
    }
    return n;
  }
}
