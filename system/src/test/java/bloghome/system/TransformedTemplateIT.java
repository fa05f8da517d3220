package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.json.Json;
import bloghome.local.SamTemplate;
import bloghome.pages.PageRequest;
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
  private static Map<String, Object> transformed;
  private static Map<String, Object> resources;

  @TempDir Path tmp;

  @BeforeAll
  static void transform() {
    transformed = TransformedTemplate.of(TEMPLATE);
    resources = map(transformed.get("Resources"));
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
  void aVersionDescriptionNamesOnlyParametersItsFunctionsConfigurationReads() {
    // The converse of the test below: Lambda publishes no version of an unchanged configuration,
    // so a parameter that changed the description alone would fail the update with "A version for
    // this Lambda function exists". Reserved concurrency is the function's, not a version's.
    Pattern named = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");
    for (String version : versions(resources).values()) {
      String function = version.substring(0, version.indexOf("Version"));
      Map<String, Object> config = new LinkedHashMap<>(props(function));
      config.remove("ReservedConcurrentExecutions");
      String text = Json.write(config);
      Matcher m = named.matcher(sub(props(version).get("Description")));
      while (m.find()) {
        String parameter = m.group(1);
        assertThat(
                text.contains("{\"Ref\":\"" + parameter + "\"}")
                    || text.contains("${" + parameter + "}"))
            .as(version + " names " + parameter + ", which " + function + "'s configuration reads")
            .isTrue();
      }
    }
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
        // NamePrefix renames the function: a new function gets a new version anyway. Reserved
        // concurrency is set on the function, for every version.
        if (read && !parameter.equals("NamePrefix") && !parameter.equals("ReservedConcurrency")) {
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
            if (role.equals("MigrationFunctionRole") && action.equals("dynamodb:Scan")) {
              continue; // a data migration visits every post; no request path scans
            }
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
  void theTableUserPoolAndBucket_areRetained_exceptByTheRollbackOfTheCreateThatMadeThem() {
    // A failed first deploy deletes what it created, so the retry does not meet a bucket of the
    // same fixed name (or an orphaned pool and table); every later operation keeps them.
    for (String id : List.of("BlogTable", "UserPool", "SkinBucket")) {
      assertThat(map(resources.get(id)))
          .as(id)
          .containsEntry("DeletionPolicy", "RetainExceptOnCreate")
          .containsEntry("UpdateReplacePolicy", "Retain");
    }
    // Deletion protection would stop that rollback: a parameter, off unless asked for.
    Map<String, Object> protection = map(parameters().get("DataDeletionProtection"));
    assertThat(protection.get("Default")).isEqualTo("off");
    assertThat(props("BlogTable").get("DeletionProtectionEnabled"))
        .isEqualTo(Map.of("Fn::If", List.of("ProtectData", true, false)));
    assertThat(props("UserPool").get("DeletionProtection"))
        .isEqualTo(Map.of("Fn::If", List.of("ProtectData", "ACTIVE", "INACTIVE")));
    assertThat(conditions().get("ProtectData"))
        .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "DataDeletionProtection"), "on")));
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
      if (function.equals("SiteSetupFunction")) {
        continue; // runs only inside deploys, where its failure fails the deploy itself
      }
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

  // ------------------------------------------------------------------ 6. a first deploy that works

  @Test
  void theSiteDistribution_servesPagesApiAndSkinImages_compressed_withHstsEverywhere() {
    Map<String, Object> config = map(props("SiteDistribution").get("DistributionConfig"));
    Map<String, Map<String, Object>> origins = new LinkedHashMap<>();
    list(config.get("Origins")).forEach(o -> origins.put(String.valueOf(map(o).get("Id")), map(o)));
    assertThat(sub(origins.get("Api").get("DomainName")))
        .isEqualTo("${BlogApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}");
    assertThat(map(origins.get("Api").get("CustomOriginConfig")).get("OriginProtocolPolicy"))
        .isEqualTo("https-only");
    String bucket = sub(props("SkinBucket").get("BucketName"));
    assertThat(sub(origins.get("SkinBucket").get("DomainName")))
        .isEqualTo(bucket + ".s3.${AWS::Region}.${AWS::URLSuffix}");
    assertThat(origins.get("SkinBucket").get("OriginAccessControlId")).isNotNull();
    assertThat(Json.write(props("SkinBucketPolicy"))).contains("distribution/${SiteDistribution}");

    Map<String, Object> api = map(config.get("DefaultCacheBehavior"));
    assertThat(api.get("TargetOriginId")).isEqualTo("Api");
    assertThat(strings(api.get("AllowedMethods"))).contains("POST", "PUT", "DELETE", "OPTIONS");
    List<Map<String, Object>> behaviors = new ArrayList<>(List.of(api));
    list(config.get("CacheBehaviors")).forEach(b -> behaviors.add(map(b)));
    Map<String, Object> hsts =
        map(
            map(map(props("SiteResponseHeadersPolicy").get("ResponseHeadersPolicyConfig"))
                    .get("SecurityHeadersConfig"))
                .get("StrictTransportSecurity"));
    assertThat(((Number) hsts.get("AccessControlMaxAgeSec")).longValue())
        .isGreaterThanOrEqualTo(31_536_000);
    for (Map<String, Object> b : behaviors) {
      String name = String.valueOf(b.getOrDefault("PathPattern", "default"));
      assertThat(b.get("Compress")).as(name + " compresses text").isEqualTo(true);
      assertThat(b.get("ViewerProtocolPolicy")).as(name).isEqualTo("redirect-to-https");
      assertThat(b.get("ResponseHeadersPolicyId"))
          .as(name + " sends HSTS")
          .isEqualTo(Map.of("Ref", "SiteResponseHeadersPolicy"));
    }
    Map<String, String> targets = new LinkedHashMap<>();
    for (Map<String, Object> b : behaviors.subList(1, behaviors.size())) {
      targets.put(String.valueOf(b.get("PathPattern")), String.valueOf(b.get("TargetOriginId")));
    }
    assertThat(targets).containsEntry("/skins/*", "SkinBucket");
    // Skin images are on the site's own origin: the pages' and the API's media URLs are paths.
    for (String function : List.of("PageFunction", "SkinsFunction")) {
      assertThat(environment(function).get("MEDIA_BASE_URL")).as(function).isEqualTo("/");
    }
  }

  @Test
  void everyPageRoute_andOnlyPageRoutes_areCachedByLanguageCookieAndQuery() {
    Map<String, Object> config = map(props("SiteDistribution").get("DistributionConfig"));
    List<String> pagePatterns = new ArrayList<>();
    for (Object b : list(config.get("CacheBehaviors"))) {
      if (Map.of("Ref", "PageCachePolicy").equals(map(b).get("CachePolicyId"))) {
        pagePatterns.add(String.valueOf(map(b).get("PathPattern")));
      }
    }
    for (SamTemplate.FunctionDef f : SamTemplate.load(TEMPLATE).functions()) {
      for (SamTemplate.HttpRoute r : f.routes()) {
        // The editor's preview is a JSON call with the owner's token (POST, JWT authorizer): it
        // goes through the API's behaviour like every other API call.
        if (r.path().equals("/studio/preview")) {
          assertThat(pagePatterns.stream().noneMatch(p -> matches(p, r.path()))).isTrue();
          continue;
        }
        boolean page = pagePatterns.stream().anyMatch(p -> matches(p, r.path()));
        assertThat(page)
            .as(r.routeKey() + " of " + f.logicalId() + " behind the page cache policy")
            .isEqualTo(
                f.logicalId().equals("PageFunction")
                    // The search page, answered by the function that has the index
                    // (docs/search.md).
                    || f.logicalId().equals("SearchFunction") && r.path().startsWith("/u/"));
      }
    }
    Map<String, Object> key =
        map(
            map(props("PageCachePolicy").get("CachePolicyConfig"))
                .get("ParametersInCacheKeyAndForwardedToOrigin"));
    // What PageRequest reads to pick the language, and the query (paging, sort, ?lang=).
    assertThat(map(key.get("QueryStringsConfig")).get("QueryStringBehavior")).isEqualTo("all");
    assertThat(map(key.get("CookiesConfig")))
        .containsEntry("CookieBehavior", "whitelist")
        .containsEntry("Cookies", List.of(PageRequest.COOKIE));
    assertThat(map(key.get("HeadersConfig")))
        .containsEntry("HeaderBehavior", "whitelist")
        .containsEntry("Headers", List.of("Accept-Language"));
    assertThat(key)
        .containsEntry("EnableAcceptEncodingGzip", true)
        .containsEntry("EnableAcceptEncodingBrotli", true);
    // The pages' own Cache-Control decides: a no-store page is never kept, however short.
    assertThat(map(props("PageCachePolicy").get("CachePolicyConfig")))
        .containsEntry("MinTTL", 0L)
        .containsEntry("DefaultTTL", 0L);
  }

  @Test
  void theApi_getsTheAuthorizationHeader_inItsCacheKey_soNoResponseIsSharedBetweenTokens() {
    Map<String, Object> policy = map(props("ApiCachePolicy").get("CachePolicyConfig"));
    Map<String, Object> key = map(policy.get("ParametersInCacheKeyAndForwardedToOrigin"));
    assertThat(strings(map(key.get("HeadersConfig")).get("Headers"))).contains("Authorization");
    assertThat(policy).containsEntry("MinTTL", 0L).containsEntry("DefaultTTL", 0L);
    List<String> forwarded =
        strings(
            map(map(props("ApiOriginRequestPolicy").get("OriginRequestPolicyConfig"))
                    .get("HeadersConfig"))
                .get("Headers"));
    // CloudFront refuses Authorization in an origin request policy (it forwards it by the key);
    // views need the visitor's User-Agent and address (the API sees CloudFront's).
    assertThat(forwarded)
        .doesNotContain("Authorization", "Host")
        .contains("Content-Type", "Idempotency-Key", "User-Agent", "CloudFront-Viewer-Address");
    Map<String, Object> api =
        map(map(props("SiteDistribution").get("DistributionConfig")).get("DefaultCacheBehavior"));
    assertThat(api.get("CachePolicyId")).isEqualTo(Map.of("Ref", "ApiCachePolicy"));
  }

  @Test
  void theResourceGraph_hasNoCycle_andTheClientGetsItsCallbackUrlsOnlyOnceTheSiteExists() {
    Map<String, Set<String>> graph = new LinkedHashMap<>();
    resources.forEach((id, r) -> graph.put(id, dependencies(map(r))));
    assertThat(cycle(graph)).as("a dependency cycle").isEmpty();
    // The authorizer's audience is the client; the client itself knows nothing of the site.
    assertThat(Json.write(map(resources.get("BlogApi")))).contains("{\"Ref\":\"UserPoolClient\"}");
    assertThat(props("UserPoolClient"))
        .doesNotContainKeys("CallbackURLs", "LogoutURLs", "AllowedOAuthFlows");
    Map<String, Object> settings = props("UserPoolClientSettings");
    assertThat(settings.get("ServiceToken"))
        .isEqualTo(Map.of("Fn::GetAtt", List.of("SiteSetupFunction", "Arn")));
    assertThat(settings.get("ClientId")).isEqualTo(Map.of("Ref", "UserPoolClient"));
    // An in-place update of the client (a new name) resets its OAuth settings: the settings
    // resource carries the same name, so it runs again after any such update.
    assertThat(settings.get("ClientName")).isEqualTo(props("UserPoolClient").get("ClientName"));
    assertThat(Json.write(settings.get("CallbackURLs")))
        .contains("https://${SiteDistribution.DomainName}/auth/callback");
    String code = String.valueOf(map(props("SiteSetupFunction").get("Code")).get("ZipFile"));
    for (String name :
        List.of(
            "CallbackURLs",
            "LogoutURLs",
            "AllowedOAuthFlows",
            "ClientName",
            "IdTokenValidity",
            "AccessTokenValidity",
            "RefreshTokenValidity")) {
      assertThat(code).as("the setup code applies " + name).contains("props[\"" + name + "\"]");
    }
    // No function needs the site's URL (the pages' scripts use their own origin).
    assertThat(Json.write(resources)).doesNotContain("SITE_URL");
  }

  @Test
  void theSetupFunction_givesTheWebClientEverySettingTheTemplateLists_andReportsFailures()
      throws IOException, InterruptedException {
    // The inline Python runs only inside a deploy: run it here against stand-ins for boto3's
    // Cognito client and Lambda's cfnresponse module (run_setup_function.py).
    Map<String, Object> example = new LinkedHashMap<>();
    props("UserPoolClientSettings")
        .forEach(
            (name, value) -> {
              if (name.equals("ServiceToken")) {
                return;
              }
              // Literal settings as they are; references as a deploy would resolve them.
              Object sample;
              if (value instanceof String
                  || (!list(value).isEmpty()
                      && list(value).stream().allMatch(String.class::isInstance))) {
                sample = value;
              } else if (name.endsWith("TokenValidity")) {
                sample = "45"; // custom resource properties arrive as strings
              } else if (name.endsWith("URLs")) {
                sample = List.of("https://d111.cloudfront.net/" + name);
              } else {
                sample = "example-" + name;
              }
              example.put(name, sample);
            });
    Path code = tmp.resolve("index.py");
    Files.writeString(
        code, String.valueOf(map(props("SiteSetupFunction").get("Code")).get("ZipFile")));
    Path propsFile = tmp.resolve("props.json");
    Files.writeString(propsFile, Json.write(example));
    Path runner = tmp.resolve("run_setup_function.py");
    try (var in = TransformedTemplateIT.class.getResourceAsStream("/run_setup_function.py")) {
      Files.write(runner, in.readAllBytes());
    }
    Process process =
        new ProcessBuilder(
                TransformedTemplate.python(),
                runner.toString(),
                code.toString(),
                propsFile.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as(out).isZero();
    Map<String, Object> result = map(Json.parse(out.strip()));

    List<Object> calls = list(result.get("calls"));
    assertThat(calls).as("Create and Update each set the client; Delete does not").hasSize(2);
    for (Object c : calls) {
      Map<String, Object> call = map(c);
      example.forEach(
          (name, value) -> {
            if (name.endsWith("TokenValidity")) {
              assertThat(call.get(name)).as(name).isEqualTo(45L);
            } else if (!name.equals("UserPoolId") && !name.equals("ClientId")) {
              assertThat(call.get(name)).as(name).isEqualTo(value);
            }
          });
      assertThat(call)
          .containsEntry("UserPoolId", example.get("UserPoolId"))
          .containsEntry("ClientId", example.get("ClientId"))
          .containsEntry("AllowedOAuthFlowsUserPoolClient", true)
          .containsEntry("PreventUserExistenceErrors", "ENABLED")
          .containsEntry("EnableTokenRevocation", true)
          .containsEntry(
              "TokenValidityUnits",
              Map.of("IdToken", "minutes", "AccessToken", "minutes", "RefreshToken", "days"));
    }
    List<Object> responses = list(result.get("responses"));
    assertThat(responses).hasSize(4);
    for (int i = 0; i < 3; i++) {
      assertThat(map(responses.get(i)))
          .containsEntry("status", "SUCCESS")
          .containsEntry("physicalResourceId", example.get("ClientId"));
    }
    assertThat(map(responses.get(3))).containsEntry("status", "FAILED");
    assertThat(String.valueOf(map(responses.get(3)).get("reason")))
        .contains("callback URL not allowed");
  }

  @Test
  void aCustomDomain_isServedWithItsUsEast1Certificate_andIsACallbackUrlToo() {
    String arn =
        "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";
    Map<String, Object> withDomain =
        TransformedTemplate.of(TEMPLATE, "DomainName=blog.example.com", "CertificateArn=" + arn);
    String text = Json.write(map(withDomain.get("Resources")).get("UserPoolClientSettings"));
    assertThat(text).contains("https://${DomainName}/auth/callback");
    Map<String, Object> config = map(props("SiteDistribution").get("DistributionConfig"));
    assertThat(Json.write(config.get("Aliases"))).contains("{\"Ref\":\"DomainName\"}");
    assertThat(Json.write(config.get("ViewerCertificate")))
        .contains("{\"AcmCertificateArn\":{\"Ref\":\"CertificateArn\"}");
    Pattern certificate =
        Pattern.compile(
            String.valueOf(map(parameters().get("CertificateArn")).get("AllowedPattern")));
    assertThat(certificate.matcher(arn).matches()).isTrue();
    assertThat(certificate.matcher(arn.replace("us-east-1", "eu-west-1")).matches())
        .as("CloudFront takes certificates from us-east-1 only")
        .isFalse();
    assertThat(Json.write(map(withDomain.get("Outputs")).get("SiteUrl")))
        .contains("https://${DomainName}");
    Map<String, Object> rules = map(transformed.get("Rules"));
    assertThat(Json.write(rules.get("CustomDomainHasCertificate"))).contains("CertificateArn");
  }

  @Test
  void everySiteAndCallbackUrl_isHttps_andOtherOriginsAreHttpsOrLocalhost() {
    Pattern origins =
        Pattern.compile(
            String.valueOf(map(parameters().get("AllowedOrigins")).get("AllowedPattern")));
    for (String ok :
        List.of("", "https://blog.example.com", "https://a.example,http://localhost:5173")) {
      assertThat(origins.matcher(ok).matches()).as(ok).isTrue();
    }
    for (String bad :
        List.of(
            "http://blog.example.com",
            "https://blog.example.com/",
            "https://a.example,http://b.example",
            "http://localhost.evil.example")) {
      assertThat(origins.matcher(bad).matches()).as(bad).isFalse();
    }
    Pattern domain =
        Pattern.compile(String.valueOf(map(parameters().get("DomainName")).get("AllowedPattern")));
    assertThat(domain.matcher("blog.example.com").matches()).isTrue();
    assertThat(domain.matcher("https://blog.example.com").matches()).isFalse();
    assertThat(domain.matcher("blog.example.com/").matches()).isFalse();
    assertThat(parameters()).doesNotContainKey("SiteUrl");
    // The bucket takes the editor's PUTs from the site's origins, whichever branch applies.
    List<String> cors = new ArrayList<>();
    collectSubs(
        map(list(map(props("SkinBucket").get("CorsConfiguration")).get("CorsRules")).get(0))
            .get("AllowedOrigins"),
        cors);
    assertThat(cors).allMatch(u -> u.startsWith("https://"));
    assertThat(cors.stream().filter(u -> u.startsWith("https://${SiteDistribution.DomainName}")))
        .as("each of the four branches starts with the distribution's origin")
        .hasSize(4);
    Map<String, Object> settings = props("UserPoolClientSettings");
    for (String field : List.of("CallbackURLs", "LogoutURLs")) {
      List<String> urls = new ArrayList<>();
      collectSubs(settings.get(field), urls);
      assertThat(urls).as(field).isNotEmpty().allMatch(u -> u.startsWith("https://"));
    }
  }

  @Test
  void theRules_refuseARegionWithoutSnapStart_sayingWhy() {
    Map<String, Object> rule = map(map(transformed.get("Rules")).get("SnapStartRegion"));
    assertThat(rule).doesNotContainKey("RuleCondition");
    Map<String, Object> assertion = map(list(rule.get("Assertions")).get(0));
    // Not (region in [...]): the regions the Lambda guide lists as without SnapStart.
    Map<String, Object> contains = map(list(map(assertion.get("Assert")).get("Fn::Not")).get(0));
    List<Object> args = list(contains.get("Fn::Contains"));
    assertThat(strings(args.get(0))).containsExactlyInAnyOrder("ap-southeast-6", "ap-east-2");
    assertThat(args.get(1)).isEqualTo(Map.of("Ref", "AWS::Region"));
    assertThat(String.valueOf(assertion.get("AssertDescription"))).contains("SnapStart");
    assertThat(Json.write(resources)).contains("\"ApplyOn\":\"PublishedVersions\"");
  }

  @Test
  void reservedConcurrency_isAParameterOffByDefault_forTheValidatorAggregatorAndAuthorsWrites() {
    Map<String, Object> parameter = map(parameters().get("ReservedConcurrency"));
    assertThat(String.valueOf(parameter.get("Default"))).isEqualTo("0");
    assertThat(conditions().get("HasReservedConcurrency"))
        .isEqualTo(
            Map.of(
                "Fn::Not",
                List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "ReservedConcurrency"), 0L)))));
    Object reserved =
        Map.of(
            "Fn::If",
            List.of(
                "HasReservedConcurrency",
                Map.of("Ref", "ReservedConcurrency"),
                Map.of("Ref", "AWS::NoValue")));
    for (String function :
        List.of("SkinValidatorFunction", "ViewsAggregatorFunction", "ManageFunction")) {
      assertThat(props(function).get("ReservedConcurrentExecutions"))
          .as(function)
          .isEqualTo(reserved);
    }
    // Reserving for the page function would cap the readers, not protect anyone.
    assertThat(props("PageFunction")).doesNotContainKey("ReservedConcurrentExecutions");
  }

  @Test
  void cognitosEmails_goThroughSesWhenAnIdentityIsGiven_elseThroughItsCappedDefault() {
    Map<String, Object> email = map(props("UserPool").get("EmailConfiguration"));
    List<Object> choice = list(email.get("Fn::If"));
    assertThat(choice.get(0)).isEqualTo("HasSes");
    assertThat(map(choice.get(1)))
        .containsEntry("EmailSendingAccount", "DEVELOPER")
        .containsEntry("SourceArn", Map.of("Ref", "SesIdentityArn"));
    assertThat(map(choice.get(2))).containsEntry("EmailSendingAccount", "COGNITO_DEFAULT");
    assertThat(map(parameters().get("SesIdentityArn")).get("Default")).isEqualTo("");
  }

  // ------------------------------------------------------------------ helpers

  private static Map<String, Object> parameters() {
    return map(transformed.get("Parameters"));
  }

  private static Map<String, Object> conditions() {
    return map(transformed.get("Conditions"));
  }

  private static Map<String, Object> environment(String function) {
    return map(map(props(function).get("Environment")).get("Variables"));
  }

  /** A CloudFront path pattern ({@code *} any characters, {@code ?} one) against a route path. */
  private static boolean matches(String pattern, String path) {
    String regex = Pattern.quote(pattern).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
    return Pattern.matches(regex, path.replaceAll("\\{[^}]+}", "x"));
  }

  /** The texts of every plain string and Fn::Sub inside a value. */
  private static void collectSubs(Object value, List<String> out) {
    if (value instanceof String s) {
      out.add(s);
    } else if (value instanceof Map<?, ?> m) {
      if (m.containsKey("Fn::Sub")) {
        out.add(sub(m));
      } else if (m.containsKey("Fn::Split")) {
        collectSubs(list(m.get("Fn::Split")).get(1), out);
      } else if (m.containsKey("Fn::If")) {
        List<Object> branches = list(m.get("Fn::If"));
        branches.subList(1, branches.size()).forEach(b -> collectSubs(b, out));
      } else if (!m.containsKey("Ref")) {
        m.values().forEach(v -> collectSubs(v, out));
      }
    } else if (value instanceof List<?> l) {
      l.forEach(v -> collectSubs(v, out));
    }
  }

  /** The resources a resource waits for: its Ref, GetAtt and Sub targets, and DependsOn. */
  private static Set<String> dependencies(Map<String, Object> resource) {
    Set<String> out = new TreeSet<>(strings(resource.get("DependsOn")));
    List<Object> stack = new ArrayList<>(List.of(map(resource.get("Properties"))));
    Pattern names = Pattern.compile("\\$\\{([A-Za-z0-9]+)(\\.[A-Za-z.]+)?}");
    while (!stack.isEmpty()) {
      Object v = stack.remove(stack.size() - 1);
      if (v instanceof Map<?, ?> m) {
        m.forEach(
            (k, x) -> {
              if ("Ref".equals(k)) {
                out.add(String.valueOf(x));
              } else if ("Fn::GetAtt".equals(k)) {
                out.add(String.valueOf(list(x).isEmpty() ? x : list(x).get(0)));
              } else if ("Fn::Sub".equals(k)) {
                Matcher matcher = names.matcher(sub(Map.of("Fn::Sub", x)));
                while (matcher.find()) {
                  out.add(matcher.group(1));
                }
                if (x instanceof List<?> l && l.size() > 1) {
                  stack.add(l.get(1));
                }
              } else {
                stack.add(x);
              }
            });
      } else if (v instanceof List<?> l) {
        stack.addAll(l);
      }
    }
    out.retainAll(resources.keySet());
    return out;
  }

  /** One dependency cycle of the graph, as the resources along it; empty when there is none. */
  private static List<String> cycle(Map<String, Set<String>> graph) {
    Map<String, Integer> state = new LinkedHashMap<>();
    for (String start : graph.keySet()) {
      List<String> path = new ArrayList<>();
      List<String> found = visit(start, graph, state, path);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  private static List<String> visit(
      String node, Map<String, Set<String>> graph, Map<String, Integer> state, List<String> path) {
    Integer s = state.get(node);
    if (s != null && s == 2) {
      return List.of();
    }
    path.add(node);
    if (s != null && s == 1) {
      return new ArrayList<>(path.subList(path.indexOf(node), path.size()));
    }
    state.put(node, 1);
    for (String next : graph.getOrDefault(node, Set.of())) {
      List<String> found = visit(next, graph, state, path);
      if (!found.isEmpty()) {
        return found;
      }
    }
    state.put(node, 2);
    path.remove(path.size() - 1);
    return List.of();
  }

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
