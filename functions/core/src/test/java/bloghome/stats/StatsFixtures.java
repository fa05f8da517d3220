package bloghome.stats;

import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Test data written the way the posts feature writes it (docs/data-model.md), since that code
 * lives elsewhere: a post summary and a profile, plus readers for the counters.
 */
final class StatsFixtures {
  private final DynamoDbClient dynamoDb;
  private final String table;

  StatsFixtures(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  void post(String postId, String authorId) {
    Instant published = Instant.parse("2026-11-01T08:00:00Z");
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s("POST#" + postId));
    item.put("sk", s("SUMMARY"));
    item.put("postId", s(postId));
    item.put("authorId", s(authorId));
    item.put("type", s("original"));
    item.put("title", s("Title of " + postId));
    item.put("summary", s("A summary"));
    item.put("publishedAt", s("2026-11-01T08:00:00.000Z"));
    item.put("updatedAt", s("2026-11-01T08:00:00.000Z"));
    for (String counter : new String[] {"views", "comments", "likes", "favorites"}) {
      item.put(counter, AttributeValue.fromN("0"));
    }
    item.put("listPk", s("USER#" + authorId));
    item.put("listTypePk", s("USER#" + authorId + "#original"));
    item.put("publishedKey", s("2026-11-01T08:00:00.000Z#" + postId));
    item.put("viewRank", AttributeValue.fromN(initialViewRank(published).toString()));
    dynamoDb.putItem(r -> r.tableName(table).item(item));
  }

  static BigInteger initialViewRank(Instant published) {
    return BigInteger.valueOf(published.toEpochMilli()).multiply(BigInteger.TEN.pow(10));
  }

  void deletePost(String postId) {
    dynamoDb.deleteItem(
        r -> r.tableName(table).key(Map.of("pk", s("POST#" + postId), "sk", s("SUMMARY"))));
  }

  void profile(String userId) {
    dynamoDb.putItem(
        r ->
            r.tableName(table)
                .item(
                    Map.of(
                        "pk", s("USER#" + userId),
                        "sk", s("PROFILE"),
                        "userId", s(userId),
                        "displayName", s("Name of " + userId))));
  }

  long postCounter(String postId, String counter) {
    return number("POST#" + postId, "SUMMARY", counter);
  }

  BigInteger viewRank(String postId) {
    Map<String, AttributeValue> item = item("POST#" + postId, "SUMMARY");
    return new BigInteger(item.get("viewRank").n());
  }

  long profileCounter(String userId, String counter) {
    return number("USER#" + userId, "PROFILE", counter);
  }

  private long number(String pk, String sk, String name) {
    Map<String, AttributeValue> item = item(pk, sk);
    AttributeValue v = item == null ? null : item.get(name);
    return v == null ? 0 : Long.parseLong(v.n());
  }

  private Map<String, AttributeValue> item(String pk, String sk) {
    return dynamoDb
        .getItem(r -> r.tableName(table).key(Map.of("pk", s(pk), "sk", s(sk))).consistentRead(true))
        .item();
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  /**
   * Simulates a crash right after the {@code n}-th write call of a client: DynamoDB has applied
   * the write, but the caller sees an exception and never runs the next step.
   */
  static final class CrashAfterWrite implements ExecutionInterceptor {
    private final int n;
    private final AtomicInteger writes = new AtomicInteger();

    CrashAfterWrite(int n) {
      this.n = n;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      if (isWrite(attributes) && writes.incrementAndGet() == n) {
        throw new SimulatedCrash(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
      }
    }

    int writes() {
      return writes.get();
    }
  }

  static boolean isWrite(ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    return operation.startsWith("Put")
        || operation.startsWith("Update")
        || operation.startsWith("Delete")
        || operation.startsWith("TransactWrite")
        || operation.startsWith("BatchWrite");
  }

  static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash(String afterOperation) {
      super("simulated crash after " + afterOperation);
    }
  }
}
