package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.json.Json;
import bloghome.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks on what CloudFormation actually receives (template.yaml after the SAM transform): the
 * defects of issue 12 show only there.
 */
class TransformedTemplateIT {
  private static final Path TEMPLATE = SamTemplate.locate();
  private static Map<String, Object> resources;

  @TempDir Path tmp;

  @BeforeAll
  static void transform() {
    resources = map(TransformedTemplate.of(TEMPLATE).get("Resources"));
  }

  // ------------------------------------------------------------------ 1. config reaches the alias

  @Test
  void transformingTwice_givesTheSameVersions() {
    assertThat(versions(map(TransformedTemplate.of(TEMPLATE).get("Resources"))))
        .isEqualTo(versions(resources));
  }

  @Test
  void aChangedGlobalTimeout_publishesANewVersionOfEveryAliasedFunction() throws IOException {
    Map<String, String> before = versions(resources);
    assertThat(before).isNotEmpty();
    Map<String, String> after = versions(transformEdited("    Timeout: 10\n", "    Timeout: 11\n"));
    assertThat(after.keySet()).isEqualTo(before.keySet());
    before.forEach(
        (function, version) ->
            assertThat(after.get(function))
                .as(function + " version after a timeout change")
                .isNotEqualTo(version));
  }

  @Test
  void aChangedHandlerOrMemory_publishesANewVersionOfThatFunctionOnly() throws IOException {
    Map<String, String> before = versions(resources);
    Map<String, String> memory =
        versions(
            transformEdited(
                "      Handler: bloghome.listing.api.ListingHandler::handleRequest\n",
                "      Handler: bloghome.listing.api.ListingHandler::handleRequest\n      MemorySize: 2048\n"));
    assertThat(memory.get("ListingFunction")).isNotEqualTo(before.get("ListingFunction"));
    assertThat(memory.get("ManageFunction")).isEqualTo(before.get("ManageFunction"));
    Map<String, String> handler =
        versions(
            transformEdited(
                "bloghome.listing.api.ListingHandler::handleRequest",
                "bloghome.listing.api.ListingHandler::handle"));
    assertThat(handler.get("ListingFunction")).isNotEqualTo(before.get("ListingFunction"));
  }

  @Test
  void everyParameterAFunctionsConfigurationReads_isInItsVersionDescription_soANewValuePublishes() {
    // SAM hashes the properties with parameter references unresolved, so a new parameter value
    // keeps the version's logical id. CloudFormation replaces a version whose Description changed,
    // and a replaced version is a newly published one.
    Set<String> parameters = map(TransformedTemplate.of(TEMPLATE).get("Parameters")).keySet();
    for (String version : versions(resources).values()) {
      String function = version.substring(0, version.indexOf("Version"));
      String config = Json.write(props(function));
      String description = Json.write(props(version).get("Description"));
      for (String parameter : parameters) {
        boolean read =
            config.contains("{\"Ref\":\"" + parameter + "\"}")
                || config.contains("${" + parameter + "}");
        // NamePrefix renames the function: a new function gets a new version anyway.
        if (read && !parameter.equals("NamePrefix")) {
          assertThat(description)
              .as(function + " reads " + parameter)
              .contains("${" + parameter + "}");
        }
      }
    }
  }

  // ------------------------------------------------------------------ 2. who may invoke the
  // validator

  @Test
  void theValidatorsInvokePermission_namesTheSkinBucketAndAccount_andTheBucketWaitsForIt() {
    List<String> permissions = new ArrayList<>();
    resources.forEach(
        (id, r) -> {
          Map<String, Object> props = props(id);
          if ("AWS::Lambda::Permission".equals(map(r).get("Type"))
              && "s3.amazonaws.com".equals(props.get("Principal"))) {
            permissions.add(id);
            assertThat(String.valueOf(props.get("FunctionName")))
                .as(id)
                .contains("SkinValidatorFunction");
            assertThat(props.get("SourceAccount"))
                .as(id + " SourceAccount")
                .isEqualTo(Map.of("Ref", "AWS::AccountId"));
            String bucketName = sub(props("SkinBucket").get("BucketName"));
            assertThat(sub(props.get("SourceArn")))
                .as(id + " SourceArn")
                .isEqualTo("arn:${AWS::Partition}:s3:::" + bucketName);
          }
        });
    assertThat(permissions).hasSize(1);
    assertThat(dependsOn("SkinBucket")).contains(permissions.get(0));
    Map<String, Object> notification =
        map(
            list(map(props("SkinBucket").get("NotificationConfiguration"))
                    .get("LambdaConfigurations"))
                .get(0));
    assertThat(notification.get("Function"))
        .isEqualTo(Map.of("Fn::GetAtt", List.of("SkinValidatorFunction", "Arn")));
  }

  // ------------------------------------------------------------------ 3. least privilege

  @Test
  void noRoleGrantsScanBatchWriteDescribeTableOrAWildcard() {
    Set<String> forbidden =
        Set.of("dynamodb:Scan", "dynamodb:BatchWriteItem", "dynamodb:DescribeTable");
    int statements = 0;
    for (String role : ofType("AWS::IAM::Role")) {
      for (Object p : list(props(role).get("Policies"))) {
        for (Object s : list(map(map(p).get("PolicyDocument")).get("Statement"))) {
          Map<String, Object> statement = map(s);
          statements++;
          for (String action : strings(statement.get("Action"))) {
            assertThat(forbidden).as(role + " grants " + action).doesNotContain(action);
            assertThat(action).as(role).doesNotContain("*");
          }
          assertThat(strings(statement.get("Resource"))).as(role + " resource").doesNotContain("*");
          assertThat(statement)
              .as(role + " NotAction/NotResource")
              .doesNotContainKeys("NotAction", "NotResource");
        }
      }
    }
    assertThat(statements).isGreaterThan(6);
  }

  @Test
  void theValidator_mayOnlySendToTheFailureQueueThroughItsOnFailureDestination() {
    List<String> sqs = new ArrayList<>();
    for (Object p : list(props("SkinValidatorFunctionRole").get("Policies"))) {
      for (Object s : list(map(map(p).get("PolicyDocument")).get("Statement"))) {
        if (strings(map(s).get("Action")).stream().anyMatch(a -> a.startsWith("sqs:"))) {
          sqs.add(String.valueOf(map(p).get("PolicyName")) + " " + strings(map(s).get("Action")));
        }
      }
    }
    assertThat(sqs)
        .containsExactly(
            "SkinValidatorFunctionEventInvokeConfigOnFailureSQSPolicy [sqs:SendMessage]");
  }

  // ------------------------------------------------------------------ 4. names

  @Test
  void everyFunction_hasAnExplicitPrefixedName_andLogsToTheGroupOfThatName() {
    List<String> functions = ofType("AWS::Lambda::Function");
    assertThat(functions).hasSizeGreaterThanOrEqualTo(6);
    for (String function : functions) {
      String name = sub(props(function).get("FunctionName"));
      assertThat(name).as(function + " FunctionName").startsWith("${NamePrefix}-");
      Object group = map(props(function).get("LoggingConfig")).get("LogGroup");
      assertThat(group).as(function + " LoggingConfig.LogGroup").isInstanceOf(Map.class);
      String groupId = String.valueOf(map(group).get("Ref"));
      assertThat(sub(props(groupId).get("LogGroupName")))
          .as(groupId)
          .isEqualTo("/aws/lambda/" + name);
      assertThat(props(groupId).get("RetentionInDays")).as(groupId).isNotNull();
    }
  }

  @Test
  void namedResources_useTheLowerCasePrefix_andTheOacNameCarriesTheRegion() {
    Map<String, Object> prefix =
        map(map(TransformedTemplate.of(TEMPLATE).get("Parameters")).get("NamePrefix"));
    Pattern allowed = Pattern.compile(String.valueOf(prefix.get("AllowedPattern")));
    assertThat(prefix.get("ConstraintDescription")).isNotNull();
    assertThat(allowed.matcher("bloghome").matches()).isTrue();
    assertThat(allowed.matcher("Bloghome").matches()).isFalse();
    assertThat(allowed.matcher("a-prefix-far-too-long-for-a-bucket").matches()).isFalse();
    // The longest prefix and region still give a valid bucket name.
    String longest = "abcdefghijklmnopqrst";
    String bucket =
        sub(props("SkinBucket").get("BucketName"))
            .replace("${NamePrefix}", longest)
            .replace("${AWS::AccountId}", "123456789012")
            .replace("${AWS::Region}", "ap-southeast-3");
    assertThat(bucket).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9][a-z0-9.-]+[a-z0-9]");
    String oac =
        sub(map(props("MediaOriginAccessControl").get("OriginAccessControlConfig")).get("Name"));
    assertThat(oac).contains("${NamePrefix}").contains("${AWS::Region}");
    assertThat(sub(props("UserPool").get("UserPoolName"))).startsWith("${NamePrefix}-");
    assertThat(SamTemplate.load(TEMPLATE).raw().toString()).doesNotContain("AWS::StackName");
  }

  // ------------------------------------------------------------------ 5. data that must survive

  @Test
  void theTableUserPoolAndBucket_areRetained_andProtectedWhereTheResourceCanBe() {
    for (String id : List.of("BlogTable", "UserPool", "SkinBucket")) {
      assertThat(map(resources.get(id)))
          .as(id)
          .containsEntry("DeletionPolicy", "Retain")
          .containsEntry("UpdateReplacePolicy", "Retain");
    }
    assertThat(props("BlogTable").get("DeletionProtectionEnabled")).isEqualTo(true);
    assertThat(props("UserPool").get("DeletionProtection")).isEqualTo("ACTIVE");
  }

  @Test
  void rawUploads_outliveTheFailureQueuesMessages_soAReplayFindsThem() {
    long queueSeconds =
        ((Number) props("SkinValidationFailures").get("MessageRetentionPeriod")).longValue();
    Map<String, Object> rule =
        list(map(props("SkinBucket").get("LifecycleConfiguration")).get("Rules")).stream()
            .map(TransformedTemplateIT::map)
            .filter(r -> "uploads/".equals(r.get("Prefix")))
            .findFirst()
            .orElseThrow();
    long uploadSeconds = ((Number) rule.get("ExpirationInDays")).longValue() * 86_400;
    assertThat(uploadSeconds).isGreaterThan(queueSeconds);
  }

  // ------------------------------------------------------------------ operations

  @Test
  void everyFunction_hasAnErrorsAndAThrottlesAlarm_andEveryAlarmNotifiesTheTopic() {
    List<String> alarms = ofType("AWS::CloudWatch::Alarm");
    for (String function : ofType("AWS::Lambda::Function")) {
      Set<String> metrics = new TreeSet<>();
      for (String alarm : alarms) {
        String text = Json.write(props(alarm));
        if (text.contains("{\"Ref\":\"" + function + "\"}")) {
          metrics.add(
              text.contains("\"Throttles\"")
                  ? "Throttles"
                  : text.contains("\"Errors\"") ? "Errors" : "?");
        }
      }
      assertThat(metrics).as(function + " alarms").contains("Errors", "Throttles");
    }
    for (String alarm : alarms) {
      assertThat(props(alarm).get("AlarmActions"))
          .as(alarm)
          .isEqualTo(List.of(Map.of("Ref", "AlertTopic")));
    }
    String all = Json.write(alarms.stream().map(TransformedTemplateIT::props).toList());
    assertThat(all)
        .contains(
            "\"5xx\"",
            "\"Latency\"",
            "ApproximateNumberOfMessagesVisible",
            "ThrottledRequests",
            "SystemErrors",
            "5xxErrorRate");
    assertThat(map(resources.get("AlertEmailSubscription")).get("Condition"))
        .isEqualTo("HasAlertEmail");
  }

  @Test
  void theApiFunctions_shiftTrafficWithCanaries_thatRollBackOnTheirErrorsAlarm() {
    List<String> groups = ofType("AWS::CodeDeploy::DeploymentGroup");
    for (String alias : ofType("AWS::Lambda::Alias")) {
      String function = String.valueOf(map(props(alias).get("FunctionName")).get("Ref"));
      assertThat(groups)
          .as(alias + " is shifted by CodeDeploy")
          .contains(function + "DeploymentGroup");
    }
    assertThat(groups).hasSizeGreaterThanOrEqualTo(5);
    for (String group : groups) {
      String function = group.replace("DeploymentGroup", "");
      Map<String, Object> alarms = map(props(group).get("AlarmConfiguration"));
      assertThat(Json.write(alarms))
          .as(group)
          .contains(function.replace("Function", "") + "ErrorsAlarm");
      assertThat(map(props(group).get("AutoRollbackConfiguration")).get("Enabled")).isEqualTo(true);
    }
  }

  @Test
  void theDashboard_isValidJson_andTheAccessLogsCarryNoIpAddress() {
    String body =
        sub(props("OperationsDashboard").get("DashboardBody")).replaceAll("\\$\\{[^}]+}", "x");
    Map<String, Object> dashboard = map(Json.parse(body));
    assertThat(list(dashboard.get("widgets"))).hasSizeGreaterThanOrEqualTo(10);
    assertThat(body)
        .contains("ViewSkipped", "UploadRejected", "TransactionRetry", "Busy", "CursorRejected");
    String api =
        ofType("AWS::ApiGatewayV2::Stage").stream()
            .map(s -> Json.write(props(s)))
            .reduce("", String::concat);
    assertThat(api)
        .contains("AccessLogSettings")
        .contains("$context.requestId")
        .doesNotContain("sourceIp");
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Function logical id -> the logical id of its AWS::Lambda::Version (which carries SAM's hash).
   */
  private static Map<String, String> versions(Map<String, Object> resources) {
    Map<String, String> out = new LinkedHashMap<>();
    resources.forEach(
        (id, r) -> {
          if ("AWS::Lambda::Version".equals(map(r).get("Type"))) {
            out.put(id.substring(0, id.indexOf("Version")), id);
          }
        });
    return out;
  }

  private Map<String, Object> transformEdited(String from, String to) throws IOException {
    String text = Files.readString(TEMPLATE);
    assertThat(text).as("template.yaml contains the text the test edits").contains(from);
    Path copy = tmp.resolve("template-" + Math.abs((from + to).hashCode()) + ".yaml");
    Files.writeString(copy, text.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)));
    return map(TransformedTemplate.of(copy).get("Resources"));
  }

  private static List<String> ofType(String type) {
    return resources.entrySet().stream()
        .filter(e -> type.equals(map(e.getValue()).get("Type")))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  private static Map<String, Object> props(String id) {
    assertThat(resources).as("transformed template").containsKey(id);
    return map(map(resources.get(id)).get("Properties"));
  }

  private static List<String> dependsOn(String id) {
    return strings(map(resources.get(id)).get("DependsOn"));
  }

  /** The text of a plain string or of an {@code Fn::Sub}. */
  private static String sub(Object value) {
    if (value instanceof String s) {
      return s;
    }
    Object sub = map(value).get("Fn::Sub");
    return sub instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(sub);
  }

  private static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(value));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return value instanceof List<?> l ? (List<Object>) l : List.of();
  }
}
