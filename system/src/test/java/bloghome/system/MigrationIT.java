package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.LocalStack;
import bloghome.local.Ports;
import bloghome.system.browser.Browser;
import bloghome.table.TableKeys;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The data migration as a deploy runs it, against the whole local system: posts in the shape the
 * code wrote before discovery and the studio (no category, tag or month entries, no per-list
 * totals, no studio keys, never indexed for search) appear on the category, tag and archive pages
 * (read with JavaScript off), in the counts, the studio and search once the custom resource's event
 * has started the migration and the table's stream has carried it to the end; run again, nothing
 * moves.
 */
class MigrationIT {
  /** 12 posts a week apart from 2024-03-01 (China time): 5 in March, 4 in April, 3 in May. */
  static final Instant FIRST = Instant.parse("2024-03-01T02:00:00Z");

  @RegisterExtension static final Browser noScript = Browser.withoutJavaScript();

  private static RunningSystem system;
  private static Http http;
  private static String base;
  private static String token;
  private static DynamoDbClient dynamo;
  private static String table;

  @BeforeAll
  static void start() {
    int port = Ports.free();
    base = "http://127.0.0.1:" + port;
    system = RunningSystem.start(new LocalStack.Config("migration", port, 0, 0, List.of(base)));
    http = new Http(system.apiUrl());
    token = system.tokens().mint("olga", List.of(), Duration.ofMinutes(30));
    dynamo = system.stack().dynamoDb();
    table = system.stack().physicalName("BlogTable");
    assertThat(http.send("PUT", "/users/olga", token, Map.of("displayName", "Olga")).status())
        .isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void oldPosts_appearOnEveryDiscoveryPage_inTheStudio_andInSearch_afterTheDeploysMigration() {
    // The start sent the template's Create: the migration ran over the empty table and finished.
    assertThat(state("post-backfill-2")).containsEntry("status", "DONE");

    List<Map<String, Object>> posts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("sourceId", "old-" + i);
      p.put("title", "旧文 " + i + " 分布式锁");
      p.put("content", "正文 " + i + "：Redis 分布式锁与 ZooKeeper。");
      p.put("publishedAt", FIRST.plus(Duration.ofDays(7L * i)).toString());
      p.put("categories", List.of(i % 2 == 0 ? "缓存" : "协调"));
      p.put("tags", i % 3 == 0 ? List.of("Redis", "锁") : List.of("锁"));
      posts.add(p);
    }
    Http.Reply imported =
        http.send("POST", "/users/olga/posts/import", token, Map.of("posts", posts));
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    system.awaitSettled(Duration.ofSeconds(60));
    toOldShape();

    assertThat(categoryCounts()).isEmpty();
    assertThat(studioCount()).isZero();
    assertThat(searchTotal("分布式锁")).isZero();
    noScript.open(base + "/u/olga/tag/%E9%94%81?lang=zh-CN");
    assertThat(noScript.find(".total").getText()).startsWith("共 0 篇");

    // A deploy that changes the resource's Migration property: Update, answered at once.
    String answer =
        system
            .customResources()
            .send("PostBackfillMigration", "Update", Map.of("Migration", "post-backfill-it"));
    assertThat(answer).contains("\"Status\":\"SUCCESS\"");
    awaitDone("post-backfill-it");
    system.awaitSettled(Duration.ofSeconds(60));
    assertThat(state("post-backfill-it")).containsEntry("processed", "12");

    assertEverythingShown();

    // Again (a later deploy repeating the Update): finished stays finished, nothing moves.
    system
        .customResources()
        .send("PostBackfillMigration", "Update", Map.of("Migration", "post-backfill-it"));
    system.awaitSettled(Duration.ofSeconds(60));
    assertThat(state("post-backfill-it")).containsEntry("processed", "12");
    assertEverythingShown();
  }

  private void assertEverythingShown() {
    assertThat(categoryCounts()).isEqualTo(Map.of("缓存", 6L, "协调", 6L));
    noScript.open(base + "/u/olga/tag/%E9%94%81?lang=zh-CN");
    assertThat(noScript.find(".total").getText()).startsWith("共 12 篇");
    assertThat(noScript.findAll(".post-row")).hasSize(12);
    noScript.open(base + "/u/olga/tag/Redis?lang=zh-CN");
    assertThat(noScript.findAll(".post-row h2 a"))
        .extracting(e -> e.getText())
        .containsExactly("旧文 9 分布式锁", "旧文 6 分布式锁", "旧文 3 分布式锁", "旧文 0 分布式锁");
    noScript.open(base + "/u/olga/category/%E7%BC%93%E5%AD%98?lang=zh-CN");
    assertThat(noScript.find(".total").getText()).startsWith("共 6 篇");
    noScript.open(base + "/u/olga/category/%E7%BC%93%E5%AD%98?sort=views&lang=zh-CN");
    assertThat(noScript.find(".total").getText()).startsWith("共 6 篇");
    assertThat(noScript.findAll(".post-row")).hasSize(6);
    noScript.open(base + "/u/olga/archive/2024-04?lang=zh-CN");
    assertThat(noScript.findAll(".post-row")).hasSize(4);
    noScript.open(base + "/u/olga?lang=zh-CN");
    assertThat(noScript.text()).contains("锁 12", "Redis 4");
    assertThat(studioCount()).isEqualTo(12);
    assertThat(searchTotal("分布式锁")).isEqualTo(12);
  }

  /**
   * What the code before discovery and the studio had written: the posts' entries and the blog's
   * per-list totals gone, the summaries without status, visibility, version, title search and
   * studio keys, and no search index of the blog.
   */
  private static void toOldShape() {
    for (Map<String, AttributeValue> item : dynamo.scan(r -> r.tableName(table)).items()) {
      String pk = item.get("pk").s();
      String sk = item.get("sk").s();
      boolean entry = pk.startsWith("POST#") && sk.startsWith(TableKeys.ENTRY_PREFIX);
      boolean total = pk.equals("USER#olga") && sk.startsWith(TableKeys.TOTAL_PREFIX);
      if (entry || total) {
        dynamo.deleteItem(
            r -> r.tableName(table).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
      } else if (pk.startsWith("POST#") && sk.equals(TableKeys.SUMMARY)) {
        dynamo.updateItem(
            r ->
                r.tableName(table)
                    .key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
                    .updateExpression(
                        "REMOVE #st, visibility, version, titleSearch, gsi1pk, gsi1sk")
                    .expressionAttributeNames(Map.of("#st", "status")));
      }
    }
    String bucket = system.stack().physicalName("SkinBucket");
    for (var object :
        system.stack().s3().listObjectsV2(r -> r.bucket(bucket).prefix("search/")).contents()) {
      system.stack().s3().deleteObject(r -> r.bucket(bucket).key(object.key()));
    }
  }

  private static Map<String, String> state(String name) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                r ->
                    r.tableName(table)
                        .consistentRead(true)
                        .key(
                            Map.of(
                                "pk", AttributeValue.fromS(TableKeys.migrationPk(name)),
                                "sk", AttributeValue.fromS(TableKeys.MIGRATION_STATE))))
            .item();
    Map<String, String> out = new LinkedHashMap<>();
    item.forEach((k, v) -> out.put(k, v.s() != null ? v.s() : v.n()));
    return out;
  }

  private static void awaitDone(String name) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!"DONE".equals(state(name).get("status"))) {
      assertThat(System.nanoTime()).as(name + " finished in time").isLessThan(deadline);
      sleep(250);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Long> categoryCounts() {
    Http.Reply reply = http.send("GET", "/users/olga/categories", null, null);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Map<String, Object> c : (List<Map<String, Object>>) reply.json().get("categories")) {
      long posts = ((Number) c.get("posts")).longValue();
      if (posts > 0) {
        counts.put((String) c.get("name"), posts);
      }
    }
    return counts;
  }

  @SuppressWarnings("unchecked")
  private static int studioCount() {
    Http.Reply reply = http.send("GET", "/studio/posts?limit=50", token, null);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return ((List<Object>) reply.json().get("items")).size();
  }

  private static long searchTotal(String q) {
    Http.Reply reply =
        http.send(
            "GET",
            "/users/olga/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
            null,
            null);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return ((Number) reply.json().get("total")).longValue();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
