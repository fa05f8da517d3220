package bloghome.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

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
      parsed = new Yaml(new CfnConstructor()).load(reader);
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

  /** Whether the HTTP API's routes require a token unless they say {@code Authorizer: NONE}. */
  private boolean apiHasDefaultAuthorizer(String apiLogicalId) {
    Map<String, Object> auth = map(properties(apiLogicalId).get("Auth"));
    return auth.get("DefaultAuthorizer") != null;
  }

  public List<FunctionDef> functions() {
    List<FunctionDef> out = new ArrayList<>();
    Map<String, Object> globals = globalFunctionProperties();
    Map<String, Object> globalEnv = map(map(globals.get("Environment")).get("Variables"));
    String globalHandler = (String) globals.get("Handler");
    String globalCodeUri = globals.get("CodeUri") instanceof String s ? s : null;
    resourcesOfType("AWS::Serverless::Function")
        .forEach(
            (id, resource) -> {
              Map<String, Object> props = map(resource.get("Properties"));
              String handler = props.get("Handler") instanceof String h ? h : globalHandler;
              String codeUri = props.get("CodeUri") instanceof String c ? c : globalCodeUri;
              if (handler == null) {
                throw new LocalStackException(
                    "template.yaml is invalid: function " + id + " has no Handler.");
              }
              Map<String, Object> env = new LinkedHashMap<>(globalEnv);
              env.putAll(map(map(props.get("Environment")).get("Variables")));
              List<HttpRoute> routes = new ArrayList<>();
              List<S3Trigger> triggers = new ArrayList<>();
              List<StreamTrigger> streamTriggers = new ArrayList<>();
              map(props.get("Events"))
                  .forEach(
                      (eventName, e) -> {
                        Map<String, Object> event = map(e);
                        Map<String, Object> ep = map(event.get("Properties"));
                        String type = String.valueOf(event.get("Type"));
                        if ("HttpApi".equals(type)) {
                          String method = String.valueOf(ep.get("Method")).toUpperCase(Locale.ROOT);
                          String routePath = String.valueOf(ep.get("Path"));
                          String api = refName(ep.get("ApiId")).orElse(null);
                          Object authorizer = map(ep.get("Auth")).get("Authorizer");
                          boolean defaultAuth = api != null && apiHasDefaultAuthorizer(api);
                          boolean requiresToken =
                              authorizer != null ? !"NONE".equals(authorizer) : defaultAuth;
                          routes.add(new HttpRoute(method, routePath, requiresToken));
                        } else if ("S3".equals(type)) {
                          String bucket = refName(ep.get("Bucket")).orElse(null);
                          List<String> events = new ArrayList<>();
                          Object ev = ep.get("Events");
                          if (ev instanceof List<?> list) {
                            list.forEach(x -> events.add(String.valueOf(x)));
                          } else if (ev != null) {
                            events.add(String.valueOf(ev));
                          }
                          String prefix = "";
                          for (Object rule :
                              list(map(map(ep.get("Filter")).get("S3Key")).get("Rules"))) {
                            Map<String, Object> r = map(rule);
                            if ("prefix".equalsIgnoreCase(String.valueOf(r.get("Name")))) {
                              prefix = String.valueOf(r.get("Value"));
                            }
                          }
                          triggers.add(new S3Trigger(bucket, events, prefix));
                        } else if ("DynamoDB".equals(type)) {
                          streamTriggers.add(streamTrigger(id, ep));
                        }
                      });
              triggers.addAll(bucketNotificationsTo(id));
              String handlerClass =
                  handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
              out.add(
                  new FunctionDef(
                      id,
                      handlerClass,
                      codeUri,
                      env,
                      routes,
                      triggers,
                      list(props.get("Policies")),
                      streamTriggers));
            });
    return out;
  }

  /**
   * S3 triggers written as a bucket's {@code NotificationConfiguration} (instead of a SAM S3 event)
   * whose {@code Function} is {@code !GetAtt <functionId>.Arn}.
   */
  private List<S3Trigger> bucketNotificationsTo(String functionId) {
    List<S3Trigger> out = new ArrayList<>();
    resourcesOfType("AWS::S3::Bucket")
        .forEach(
            (bucketId, bucket) -> {
              Map<String, Object> notifications =
                  map(map(bucket.get("Properties")).get("NotificationConfiguration"));
              for (Object c : list(notifications.get("LambdaConfigurations"))) {
                Map<String, Object> config = map(c);
                List<Object> target = list(map(config.get("Function")).get("Fn::GetAtt"));
                if (target.size() != 2
                    || !functionId.equals(target.get(0))
                    || !"Arn".equals(target.get(1))) {
                  continue;
                }
                String prefix = "";
                for (Object rule : list(map(map(config.get("Filter")).get("S3Key")).get("Rules"))) {
                  Map<String, Object> r = map(rule);
                  if ("prefix".equalsIgnoreCase(String.valueOf(r.get("Name")))) {
                    prefix = String.valueOf(r.get("Value"));
                  }
                }
                out.add(
                    new S3Trigger(bucketId, List.of(String.valueOf(config.get("Event"))), prefix));
              }
            });
    return out;
  }

  /** A {@code DynamoDB} event's properties, with Lambda's defaults where the template is silent. */
  private static StreamTrigger streamTrigger(String functionId, Map<String, Object> ep) {
    // Stream: !GetAtt Table.StreamArn
    Object stream = ep.get("Stream");
    String table = null;
    if (stream instanceof Map<?, ?> m
        && m.get("Fn::GetAtt") instanceof List<?> l
        && l.size() == 2
        && "StreamArn".equals(String.valueOf(l.get(1)))) {
      table = String.valueOf(l.get(0));
    }
    if (table == null) {
      throw new LocalStackException(
          "template.yaml: the DynamoDB event of "
              + functionId
              + " must name its stream as !GetAtt <Table>.StreamArn");
    }
    List<String> patterns = new ArrayList<>();
    for (Object f : list(map(ep.get("FilterCriteria")).get("Filters"))) {
      Object pattern = map(f).get("Pattern");
      if (pattern != null) {
        patterns.add(String.valueOf(pattern));
      }
    }
    Object destination = map(map(ep.get("DestinationConfig")).get("OnFailure")).get("Destination");
    String onFailure = null;
    if (destination instanceof Map<?, ?> d
        && d.get("Fn::GetAtt") instanceof List<?> l
        && !l.isEmpty()) {
      onFailure = String.valueOf(l.get(0));
    } else if (destination != null) {
      onFailure = refName(destination).orElse(null);
    }
    return new StreamTrigger(
        table,
        String.valueOf(ep.getOrDefault("StartingPosition", "LATEST")),
        intOr(ep.get("BatchSize"), 100),
        intOr(ep.get("MaximumBatchingWindowInSeconds"), 0),
        Boolean.parseBoolean(
            String.valueOf(ep.getOrDefault("BisectBatchOnFunctionError", "false"))),
        intOr(ep.get("MaximumRetryAttempts"), -1),
        patterns,
        onFailure);
  }

  private static int intOr(Object value, int fallback) {
    return value == null ? fallback : Integer.parseInt(String.valueOf(value));
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

  /** Reads CloudFormation's short-form intrinsic function tags as their long form. */
  private static final class CfnConstructor extends SafeConstructor {
    CfnConstructor() {
      super(new LoaderOptions());
      this.yamlMultiConstructors.put(
          "!",
          new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
              String tag = node.getTag().getValue().substring(1);
              String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
              Object value;
              if (node instanceof ScalarNode scalar) {
                String text = constructScalar(scalar);
                value =
                    tag.equals("GetAtt") && text.contains(".")
                        ? List.of(
                            text.substring(0, text.indexOf('.')),
                            text.substring(text.indexOf('.') + 1))
                        : text;
              } else if (node instanceof SequenceNode seq) {
                value = constructSequence(seq);
              } else {
                value = constructMapping((MappingNode) node);
              }
              Map<String, Object> out = new LinkedHashMap<>();
              out.put(name, value);
              return out;
            }
          });
    }
  }
}
