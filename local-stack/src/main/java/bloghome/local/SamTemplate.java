package bloghome.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The parts of {@code template.yaml} the local stack runs: functions with their HTTP API routes and
 * S3 triggers, DynamoDB tables, S3 buckets, parameters and environment variables.
 *
 * <p>CloudFormation short-form tags ({@code !Ref}, {@code !Sub}, {@code !GetAtt}, ...) are read as
 * their long form ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}).
 */
public final class SamTemplate {

  /** One {@code HttpApi} event of a function. */
  public record HttpRoute(String method, String path, boolean requiresToken) {
    public String routeKey() {
      return method + " " + path;
    }
  }

  /** One {@code S3} event of a function. */
  public record S3Trigger(String bucketLogicalId, List<String> events, String prefix) {}

  /**
   * One {@code DynamoDB} (stream) event of a function: the event source mapping's settings. {@code
   * filterPatterns} are the JSON texts of {@code FilterCriteria.Filters[].Pattern}.
   */
  public record StreamTrigger(
      String tableLogicalId,
      String startingPosition,
      int batchSize,
      int maximumBatchingWindowSeconds,
      boolean bisectBatchOnFunctionError,
      int maximumRetryAttempts,
      List<String> filterPatterns,
      String onFailureLogicalId) {
    public StreamTrigger withBatchingWindow(int seconds) {
      return new StreamTrigger(
          tableLogicalId,
          startingPosition,
          batchSize,
          seconds,
          bisectBatchOnFunctionError,
          maximumRetryAttempts,
          filterPatterns,
          onFailureLogicalId);
    }

    public StreamTrigger withBatchSize(int size) {
      return new StreamTrigger(
          tableLogicalId,
          startingPosition,
          size,
          maximumBatchingWindowSeconds,
          bisectBatchOnFunctionError,
          maximumRetryAttempts,
          filterPatterns,
          onFailureLogicalId);
    }
  }

  /** One {@code AWS::Serverless::Function}. */
  public record FunctionDef(
      String logicalId,
      String handlerClass,
      String codeUri,
      Map<String, Object> environment,
      List<HttpRoute> routes,
      List<S3Trigger> s3Triggers,
      List<Object> policies,
      List<StreamTrigger> streamTriggers) {
    public FunctionDef(
        String logicalId,
        String handlerClass,
        String codeUri,
        Map<String, Object> environment,
        List<HttpRoute> routes,
        List<S3Trigger> s3Triggers,
        List<Object> policies) {
      this(logicalId, handlerClass, codeUri, environment, routes, s3Triggers, policies, List.of());
    }
  }

  private final Path path;
  private final Map<String, Object> root;

  private SamTemplate(Path path, Map<String, Object> root) {
    this.path = path;
    this.root = root;
  }

  /** Finds {@code template.yaml} in the working directory or the nearest parent. */
  public static Path locate() {
    String override = System.getProperty("bloghome.template", System.getenv("BLOGHOME_TEMPLATE"));
    if (override != null && !override.isBlank()) {
      return Path.of(override).toAbsolutePath();
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("template.yaml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new LocalStackException(
        "template.yaml not found in " + Path.of("").toAbsolutePath() + " or any parent directory.");
  }

  public static SamTemplate load() {
    return load(locate());
  }

  @SuppressWarnings("unchecked")
  public static SamTemplate load(Path path) {
    Object parsed;
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      parsed = new Yaml(new CfnYamlConstructor()).load(reader);
    } catch (IOException e) {
      throw new LocalStackException("Cannot read " + path + ": " + e.getMessage(), e);
    } catch (YAMLException e) {
      throw new LocalStackException(
          "template.yaml is not valid YAML: " + e.getMessage().replace('\n', ' '), e);
    }
    if (!(parsed instanceof Map<?, ?> map) || !(map.get("Resources") instanceof Map<?, ?>)) {
      throw new LocalStackException("template.yaml is invalid: it has no Resources section.");
    }
    return new SamTemplate(path, (Map<String, Object>) map);
  }

  public Path path() {
    return path;
  }

  /** The directory that {@code CodeUri} paths are relative to. */
  public Path baseDir() {
    return path.getParent();
  }

  public Map<String, Object> raw() {
    return root;
  }

  @SuppressWarnings("unchecked")
  public Map<String, Map<String, Object>> resources() {
    return (Map<String, Map<String, Object>>) (Map<?, ?>) root.get("Resources");
  }

  public Map<String, Map<String, Object>> resourcesOfType(String type) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    resources()
        .forEach(
            (id, r) -> {
              if (type.equals(r.get("Type"))) {
                out.put(id, r);
              }
            });
    return out;
  }

  public Map<String, Object> properties(String logicalId) {
    Map<String, Object> resource = resources().get(logicalId);
    return resource == null ? Map.of() : map(resource.get("Properties"));
  }

  /** Parameter defaults, by name. */
  public Map<String, Object> parameterDefaults() {
    Map<String, Object> out = new LinkedHashMap<>();
    map(root.get("Parameters")).forEach((name, p) -> out.put(name, map(p).get("Default")));
    return out;
  }

  public Map<String, Object> globalFunctionProperties() {
    return map(map(root.get("Globals")).get("Function"));
  }

  /**
   * The template's functions with their events, Globals applied (see {@link TemplateFunctions}).
   */
  public List<FunctionDef> functions() {
    return new TemplateFunctions(this).read();
  }

  /** The logical id in {@code {"Ref": id}}, if the value is one. */
  public static Optional<String> refName(Object value) {
    if (value instanceof Map<?, ?> m && m.get("Ref") instanceof String s) {
      return Optional.of(s);
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object value) {
    return value instanceof List<?> l ? (List<Object>) l : List.of();
  }
}
