package bloghome.local;

import static bloghome.local.SamTemplate.list;
import static bloghome.local.SamTemplate.map;
import static bloghome.local.SamTemplate.refName;

import bloghome.local.SamTemplate.FunctionDef;
import bloghome.local.SamTemplate.HttpRoute;
import bloghome.local.SamTemplate.S3Trigger;
import bloghome.local.SamTemplate.StreamTrigger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the template's {@code AWS::Serverless::Function} resources: handler and code with the
 * Globals applied, environment, and the events the local stack runs ({@code HttpApi} routes with
 * their authorizer, {@code S3} triggers, also as a bucket's {@code NotificationConfiguration}, and
 * {@code DynamoDB} stream mappings with Lambda's defaults).
 */
final class TemplateFunctions {
  private final SamTemplate template;

  TemplateFunctions(SamTemplate template) {
    this.template = template;
  }

  List<FunctionDef> read() {
    List<FunctionDef> out = new ArrayList<>();
    Map<String, Object> globals = template.globalFunctionProperties();
    Map<String, Object> globalEnv = map(map(globals.get("Environment")).get("Variables"));
    String globalHandler = (String) globals.get("Handler");
    String globalCodeUri = globals.get("CodeUri") instanceof String s ? s : null;
    template
        .resourcesOfType("AWS::Serverless::Function")
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
                        switch (String.valueOf(event.get("Type"))) {
                          case "HttpApi" -> routes.add(httpRoute(ep));
                          case "S3" -> triggers.add(s3Trigger(ep));
                          case "DynamoDB" -> streamTriggers.add(streamTrigger(id, ep));
                          default -> {}
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

  /** An {@code HttpApi} event; its route needs a token unless it says {@code Authorizer: NONE}. */
  private HttpRoute httpRoute(Map<String, Object> ep) {
    String method = String.valueOf(ep.get("Method")).toUpperCase(Locale.ROOT);
    String routePath = String.valueOf(ep.get("Path"));
    String api = refName(ep.get("ApiId")).orElse(null);
    Object authorizer = map(ep.get("Auth")).get("Authorizer");
    boolean defaultAuth = api != null && apiHasDefaultAuthorizer(api);
    boolean requiresToken = authorizer != null ? !"NONE".equals(authorizer) : defaultAuth;
    return new HttpRoute(method, routePath, requiresToken);
  }

  /** Whether the HTTP API's routes require a token unless they say {@code Authorizer: NONE}. */
  private boolean apiHasDefaultAuthorizer(String apiLogicalId) {
    Map<String, Object> auth = map(template.properties(apiLogicalId).get("Auth"));
    return auth.get("DefaultAuthorizer") != null;
  }

  private static S3Trigger s3Trigger(Map<String, Object> ep) {
    String bucket = refName(ep.get("Bucket")).orElse(null);
    List<String> events = new ArrayList<>();
    Object ev = ep.get("Events");
    if (ev instanceof List<?> list) {
      list.forEach(x -> events.add(String.valueOf(x)));
    } else if (ev != null) {
      events.add(String.valueOf(ev));
    }
    return new S3Trigger(bucket, events, keyPrefix(ep.get("Filter")));
  }

  /** The {@code prefix} rule of an S3 key filter; empty when there is none. */
  private static String keyPrefix(Object filter) {
    String prefix = "";
    for (Object rule : list(map(map(filter).get("S3Key")).get("Rules"))) {
      Map<String, Object> r = map(rule);
      if ("prefix".equalsIgnoreCase(String.valueOf(r.get("Name")))) {
        prefix = String.valueOf(r.get("Value"));
      }
    }
    return prefix;
  }

  /**
   * S3 triggers written as a bucket's {@code NotificationConfiguration} (instead of a SAM S3 event)
   * whose {@code Function} is {@code !GetAtt <functionId>.Arn}.
   */
  private List<S3Trigger> bucketNotificationsTo(String functionId) {
    List<S3Trigger> out = new ArrayList<>();
    template
        .resourcesOfType("AWS::S3::Bucket")
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
                out.add(
                    new S3Trigger(
                        bucketId,
                        List.of(String.valueOf(config.get("Event"))),
                        keyPrefix(config.get("Filter"))));
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
}
