package bloghome.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * CloudFormation's side of the template's custom resources whose {@code ServiceToken} is one of the
 * local functions ({@code !GetAtt SomeFunction.Arn}): at start, each gets the Create event a deploy
 * would send (its scalar properties as written, a response URL on the local gateway), and a test
 * can send another (an Update with changed properties, as a deploy that changes them would).
 * Resources served by code the local runtime does not run (the inline Python site setup) are left
 * out, as their targets are.
 */
public final class LocalCustomResources {
  /** The gateway path that takes the functions' answers (a PUT, as to CloudFormation's URL). */
  public static final String RESPONSE_ACTION = "cloudformation/response";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One custom resource the local runtime can serve. */
  public record Resource(String logicalId, String function, Map<String, Object> properties) {}

  private final List<Resource> resources;
  private final BiFunction<String, String, String> invoke;
  private final URI responseUrl;

  public LocalCustomResources(
      SamTemplate template,
      Set<String> functions,
      BiFunction<String, String, String> invoke,
      URI gateway) {
    this.invoke = invoke;
    this.responseUrl = gateway.resolve("/_local/" + RESPONSE_ACTION);
    List<Resource> found = new ArrayList<>();
    template
        .resources()
        .forEach(
            (id, resource) -> {
              Object type = resource.get("Type");
              if (!(type instanceof String t) || !t.startsWith("Custom::")) {
                return;
              }
              Map<String, Object> properties = SamTemplate.map(resource.get("Properties"));
              Object token = SamTemplate.map(properties.get("ServiceToken")).get("Fn::GetAtt");
              List<Object> target = token == null ? List.of() : SamTemplate.list(token);
              if (target.size() != 2 || !functions.contains(String.valueOf(target.get(0)))) {
                return;
              }
              Map<String, Object> scalars = new LinkedHashMap<>();
              properties.forEach(
                  (name, value) -> {
                    if (value instanceof String || value instanceof Number) {
                      scalars.put(name, String.valueOf(value));
                    }
                  });
              found.add(new Resource(id, String.valueOf(target.get(0)), scalars));
            });
    this.resources = List.copyOf(found);
  }

  public List<Resource> resources() {
    return resources;
  }

  /** Sends every resource its Create event, in template order; returns the functions' answers. */
  public List<String> createAll() {
    List<String> answers = new ArrayList<>();
    for (Resource resource : resources) {
      answers.add(send(resource.logicalId(), "Create", Map.of()));
    }
    return answers;
  }

  /**
   * Sends one resource a CloudFormation event of {@code requestType} with its properties, {@code
   * changed} laid over them; returns the function's answer.
   */
  public String send(String logicalId, String requestType, Map<String, String> changed) {
    Resource resource =
        resources.stream()
            .filter(r -> r.logicalId().equals(logicalId))
            .findFirst()
            .orElseThrow(
                () -> new IllegalArgumentException("no local custom resource " + logicalId));
    Map<String, Object> properties = new LinkedHashMap<>(resource.properties());
    properties.putAll(changed);
    properties.put("ServiceToken", functionArn(resource.function()));
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("RequestType", requestType);
    event.put("ServiceToken", functionArn(resource.function()));
    event.put("ResponseURL", responseUrl.toString());
    event.put(
        "StackId",
        "arn:aws:cloudformation:"
            + LocalStack.REGION
            + ":"
            + LocalStack.ACCOUNT_ID
            + ":stack/local/00000000-0000-0000-0000-000000000000");
    event.put("RequestId", UUID.randomUUID().toString());
    event.put("LogicalResourceId", logicalId);
    event.put("ResourceType", "Custom::Local");
    event.put("ResourceProperties", properties);
    try {
      return invoke.apply(resource.function(), JSON.writeValueAsString(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String functionArn(String function) {
    return "arn:aws:lambda:"
        + LocalStack.REGION
        + ":"
        + LocalStack.ACCOUNT_ID
        + ":function:"
        + function;
  }
}
