package bloghome.local;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * The template's tables and buckets on the local stack: creates them under their local names
 * ({@code TableName}/{@code BucketName} when the template gives one, else {@code
 * <stack>-<logicalId>}) and resolves template values against those names.
 */
final class StackResources {
  private static final Logger LOG = Logger.getLogger(StackResources.class.getName());

  private final SamTemplate template;
  private final String stackName;
  private final Map<String, String> physicalNames = new LinkedHashMap<>();

  StackResources(SamTemplate template, String stackName) {
    this.template = template;
    this.stackName = stackName;
  }

  void create(DynamoDbClient dynamoDb, LocalS3 s3, SchedulerClient scheduler) {
    TemplateValues values = values();
    template
        .resourcesOfType("AWS::Scheduler::ScheduleGroup")
        .forEach(
            (id, r) -> {
              String name =
                  Optional.ofNullable(values.resolve(template.properties(id).get("Name")))
                      .orElse(stackName + "-" + id);
              scheduler.createScheduleGroup(g -> g.name(name));
              physicalNames.put(id, name);
            });
    template
        .resourcesOfType("AWS::DynamoDB::Table")
        .forEach(
            (id, r) -> {
              String name =
                  Optional.ofNullable(values.resolve(template.properties(id).get("TableName")))
                      .orElse(stackName + "-" + id);
              LocalTables.create(dynamoDb, template, id, name);
              physicalNames.put(id, name);
              LOG.fine("table " + id + " -> " + name);
              LOG.info("PointInTimeRecovery and SSE of " + id + " have no local meaning: skipped.");
            });
    template
        .resourcesOfType("AWS::S3::Bucket")
        .forEach(
            (id, r) -> {
              String name =
                  Optional.ofNullable(values.resolve(template.properties(id).get("BucketName")))
                      .orElse((stackName + "-" + id).toLowerCase(Locale.ROOT));
              s3.createBucket(name);
              physicalNames.put(id, name);
            });
  }

  /** Template values with every created resource bound to its local name. */
  TemplateValues values() {
    TemplateValues values = new TemplateValues(stackName, LocalStack.REGION, LocalStack.ACCOUNT_ID);
    template
        .parameterDefaults()
        .forEach(
            (name, value) -> {
              if (value != null) {
                values.bind(name, value);
              }
            });
    physicalNames.forEach(values::bind);
    // ARNs of the functions, roles and queues (what the scheduler's targets name), under local
    // names: LocalSchedules finds the function to invoke by its ARN.
    template
        .functions()
        .forEach(f -> values.bind(f.logicalId() + ".Arn", functionArn(f.logicalId())));
    template
        .resourcesOfType("AWS::IAM::Role")
        .forEach(
            (id, r) ->
                values.bind(
                    id + ".Arn",
                    "arn:aws:iam::" + LocalStack.ACCOUNT_ID + ":role/" + stackName + "-" + id));
    template
        .resourcesOfType("AWS::SQS::Queue")
        .forEach(
            (id, r) ->
                values.bind(
                    id + ".Arn",
                    "arn:aws:sqs:"
                        + LocalStack.REGION
                        + ":"
                        + LocalStack.ACCOUNT_ID
                        + ":"
                        + stackName
                        + "-"
                        + id));
    return values;
  }

  /** The local ARN of a template function. */
  String functionArn(String logicalId) {
    return "arn:aws:lambda:"
        + LocalStack.REGION
        + ":"
        + LocalStack.ACCOUNT_ID
        + ":function:"
        + stackName
        + "-"
        + logicalId;
  }

  /** The local name of a template resource (table, bucket). */
  String physicalName(String logicalId) {
    String name = physicalNames.get(logicalId);
    if (name == null) {
      throw new LocalStackException("template.yaml has no table or bucket " + logicalId);
    }
    return name;
  }

  /**
   * A function's Globals and own variables with references resolved to local names; variables with
   * no local meaning take {@code overrides}, or are logged and left out.
   */
  Map<String, String> environment(SamTemplate.FunctionDef function, Map<String, String> overrides) {
    TemplateValues values = values();
    Map<String, String> env = new LinkedHashMap<>();
    function
        .environment()
        .forEach(
            (name, raw) -> {
              String value =
                  overrides.containsKey(name) ? overrides.get(name) : values.resolve(raw);
              if (value == null) {
                LOG.info(
                    "Environment variable "
                        + name
                        + " of "
                        + function.logicalId()
                        + " has no local value: left unset.");
              } else {
                env.put(name, value);
              }
            });
    return env;
  }
}
