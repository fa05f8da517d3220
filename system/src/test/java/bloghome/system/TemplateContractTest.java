package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The contract between template.yaml and the code, checked the way {@code sam deploy} would find
 * out too late: routes, policies, the S3 trigger, the table. The built artifacts the template
 * points at are checked after packaging, by {@link FunctionArtifactsIT}.
 */
class TemplateContractTest {
  private final SamTemplate template = SamTemplate.load();

  @Test
  void everyHttpApiRoute_mapsToExactlyOneHandler_andPublicRoutesAreOnlyReads() {
    Map<String, String> owners = new HashMap<>();
    for (SamTemplate.FunctionDef f : template.functions()) {
      for (SamTemplate.HttpRoute r : f.routes()) {
        String previous = owners.put(r.routeKey(), f.logicalId());
        assertThat(previous).as("route " + r.routeKey() + " claimed twice").isNull();
        if (!r.requiresToken()) {
          // Public writes are allowed only where the product says so: recording a view. A page's
          // ANY route answers HEAD as GET and every other method with a 405 (PageHandler).
          assertThat(
                  r.method().equals("GET")
                      || r.routeKey().equals("POST /posts/{postId}/views")
                      || r.method().equals("ANY") && f.logicalId().equals("PageFunction"))
              .as("public route " + r.routeKey())
              .isTrue();
        }
      }
    }
    assertThat(owners)
        .containsKeys("GET /users/{userId}/posts", "GET /posts/{postId}", "GET /users/{userId}");
  }

  @Test
  void everyPolicy_namesAResourceOfTheTemplate_andNoActionIsAWildcard() throws IOException {
    Set<String> logicalIds = new HashSet<>(template.resources().keySet());
    // Names built from the prefix parameter (the bucket's, in the S3 statements) are references
    // too.
    logicalIds.addAll(SamTemplate.map(template.raw().get("Parameters")).keySet());
    for (SamTemplate.FunctionDef f : template.functions()) {
      assertThat(f.policies()).as(f.logicalId() + " policies").isNotEmpty();
      for (Object policy : f.policies()) {
        assertThat(policy).as(f.logicalId() + " managed policy").isInstanceOf(Map.class);
        for (String ref : references(policy)) {
          assertThat(logicalIds).as(f.logicalId() + " policy reference").contains(ref);
        }
      }
    }
    String text = Files.readString(template.path());
    assertThat(text)
        .doesNotContainPattern("Action:\\s*['\"]?\\*")
        .doesNotContain("FullAccess")
        .doesNotContain("s3:*")
        .doesNotContain("dynamodb:*");
  }

  /**
   * The exact actions each function's code calls (grep its dependencies for the SDK calls);
   * TransactWriteItems is authorised per contained Put/Update/Delete/ConditionCheck. A function
   * added to the template must be added here, with its statements.
   */
  private static final Map<String, Set<String>> ACTIONS =
      Map.ofEntries(
          Map.entry(
              "ListingFunction", Set.of("dynamodb:GetItem", "dynamodb:Query", "ssm:GetParameter")),
          Map.entry(
              "ManageFunction",
              Set.of(
                  "dynamodb:GetItem",
                  "dynamodb:Query",
                  "dynamodb:BatchGetItem",
                  "dynamodb:PutItem",
                  "dynamodb:UpdateItem",
                  "dynamodb:DeleteItem",
                  "ssm:GetParameter",
                  "scheduler:CreateSchedule",
                  "scheduler:DeleteSchedule",
                  "iam:PassRole")),
          Map.entry(
              "PublisherFunction",
              Set.of(
                  "dynamodb:Query",
                  "dynamodb:PutItem",
                  "dynamodb:UpdateItem",
                  "dynamodb:DeleteItem")),
          Map.entry(
              "MigrationFunction",
              Set.of(
                  "dynamodb:Scan",
                  "dynamodb:Query",
                  "dynamodb:GetItem",
                  "dynamodb:PutItem",
                  "dynamodb:UpdateItem",
                  "dynamodb:DeleteItem",
                  "dynamodb:DescribeStream",
                  "dynamodb:GetShardIterator",
                  "dynamodb:GetRecords",
                  "dynamodb:ListStreams",
                  "sqs:SendMessage")),
          Map.entry(
              "StatsFunction",
              Set.of(
                  "dynamodb:GetItem",
                  "dynamodb:Query",
                  "dynamodb:BatchGetItem",
                  "dynamodb:PutItem",
                  "dynamodb:UpdateItem",
                  "dynamodb:DeleteItem",
                  "ssm:GetParameter")),
          Map.entry(
              "CommentsFunction",
              Set.of(
                  "dynamodb:GetItem",
                  "dynamodb:Query",
                  "dynamodb:PutItem",
                  "dynamodb:UpdateItem",
                  "dynamodb:DeleteItem",
                  "dynamodb:ConditionCheckItem",
                  "ssm:GetParameter")),
          Map.entry(
              "SkinsFunction",
              Set.of(
                  "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "s3:PutObject")),
          Map.entry(
              "SkinValidatorFunction",
              Set.of(
                  "dynamodb:GetItem",
                  "dynamodb:UpdateItem",
                  "s3:GetObject",
                  "s3:DeleteObject",
                  "s3:ListBucket",
                  "s3:PutObject")),
          Map.entry(
              "PageFunction",
              Set.of(
                  "dynamodb:GetItem",
                  "dynamodb:Query",
                  "dynamodb:BatchGetItem",
                  "ssm:GetParameter")),
          Map.entry(
              "ViewsAggregatorFunction",
              Set.of(
                  "dynamodb:GetItem",
                  "dynamodb:UpdateItem",
                  "dynamodb:DescribeStream",
                  "dynamodb:GetShardIterator",
                  "dynamodb:GetRecords",
                  "dynamodb:ListStreams",
                  "sqs:SendMessage")),
          Map.entry(
              "EntryRanksFunction",
              Set.of(
                  "dynamodb:Query",
                  "dynamodb:UpdateItem",
                  "dynamodb:DescribeStream",
                  "dynamodb:GetShardIterator",
                  "dynamodb:GetRecords",
                  "dynamodb:ListStreams",
                  "sqs:SendMessage")),
          Map.entry(
              "SearchIndexerFunction",
              Set.of(
                  "dynamodb:Query",
                  "s3:GetObject",
                  "s3:PutObject",
                  "s3:DeleteObject",
                  "s3:ListBucket",
                  "dynamodb:DescribeStream",
                  "dynamodb:GetShardIterator",
                  "dynamodb:GetRecords",
                  "dynamodb:ListStreams",
                  "sqs:SendMessage")),
          Map.entry("SearchFunction", Set.of("dynamodb:GetItem", "s3:GetObject", "s3:ListBucket")));

  @Test
  void
      everyFunction_grantsExactlyTheActionsItsCodeCalls_inStatementsWithASid_andNoPolicyTemplates() {
    for (SamTemplate.FunctionDef f : template.functions()) {
      Set<String> granted = new HashSet<>();
      for (Object policy : f.policies()) {
        assertThat(SamTemplate.map(policy).keySet())
            .as(f.logicalId() + " policy (no SAM policy templates)")
            .containsExactly("Statement");
        for (Object s : SamTemplate.list(SamTemplate.map(policy).get("Statement"))) {
          Map<String, Object> statement = SamTemplate.map(s);
          assertThat(statement.get("Sid"))
              .as(f.logicalId() + " statement " + statement)
              .isNotNull();
          Object action = statement.get("Action");
          if (action instanceof List<?> l) {
            l.forEach(a -> granted.add(String.valueOf(a)));
          } else {
            granted.add(String.valueOf(action));
          }
        }
      }
      assertThat(granted).as(f.logicalId() + " actions").isEqualTo(ACTIONS.get(f.logicalId()));
    }
  }

  @Test
  void indexQueries_areGrantedOnlyOnTheIndexesTheCodeQueries() throws IOException {
    String text = Files.readString(template.path());
    Matcher m = Pattern.compile("\\$\\{BlogTable\\.Arn}/index/([A-Za-z*]+)").matcher(text);
    Set<String> indexes = new HashSet<>();
    while (m.find()) {
      indexes.add(m.group(1));
    }
    assertThat(indexes)
        .containsExactlyInAnyOrder(
            "ByPublished", "ByTypePublished", "ByViews", "ByTypeViews", "ByOwner");
  }

  @Test
  void theValidator_isTriggeredOnlyByObjectsCreatedUnderTheUploadsPrefix() {
    List<SamTemplate.FunctionDef> triggered =
        template.functions().stream().filter(f -> !f.s3Triggers().isEmpty()).toList();
    assertThat(triggered).hasSize(1);
    SamTemplate.S3Trigger trigger = triggered.get(0).s3Triggers().get(0);
    assertThat(trigger.prefix()).isEqualTo("uploads/");
    assertThat(trigger.events()).containsExactly("s3:ObjectCreated:*");
    assertThat(template.resources()).containsKey(trigger.bucketLogicalId());
    // Accepted images are written elsewhere, so the validator can never trigger itself.
    Object accepted = triggered.get(0).environment().get("ACCEPTED_PREFIX");
    assertThat(String.valueOf(accepted)).doesNotStartWith("uploads/");
  }

  @Test
  void theTable_hasOnDemandBillingPitrEncryptionAndTtl() {
    Map<String, Object> table = template.properties("BlogTable");
    assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
    assertThat(
            SamTemplate.map(table.get("PointInTimeRecoverySpecification"))
                .get("PointInTimeRecoveryEnabled"))
        .isEqualTo(true);
    assertThat(SamTemplate.map(table.get("SSESpecification")).get("SSEEnabled")).isEqualTo(true);
    assertThat(SamTemplate.map(table.get("TimeToLiveSpecification")))
        .containsEntry("Enabled", true)
        .containsEntry("AttributeName", "expiresAt");
  }

  /**
   * Every {@code Ref} and {@code GetAtt} target, and every {@code ${Name}} of a Sub, inside a
   * value.
   */
  private static Set<String> references(Object value) {
    Set<String> out = new HashSet<>();
    List<Object> stack = new ArrayList<>(List.of(value));
    Pattern sub = Pattern.compile("\\$\\{([A-Za-z0-9]+)(\\.[A-Za-z]+)?}");
    while (!stack.isEmpty()) {
      Object v = stack.remove(stack.size() - 1);
      if (v instanceof Map<?, ?> m) {
        m.forEach(
            (k, x) -> {
              if ("Ref".equals(k) && x instanceof String s && !s.startsWith("AWS::")) {
                out.add(s);
              } else if ("Fn::GetAtt".equals(k) && x instanceof List<?> l && !l.isEmpty()) {
                out.add(String.valueOf(l.get(0)));
              } else if ("Fn::Sub".equals(k) && x instanceof String s) {
                Matcher matcher = sub.matcher(s);
                while (matcher.find()) {
                  out.add(matcher.group(1));
                }
              } else {
                stack.add(x);
              }
            });
      } else if (v instanceof List<?> l) {
        stack.addAll(l);
      }
    }
    return out;
  }
}
