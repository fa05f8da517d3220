package bloghome.testing;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.s;

import bloghome.posts.PostType;
import bloghome.table.Attributes;
import bloghome.table.TableKeys;
import bloghome.time.Timestamps;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Seeds the blog table with post summaries and profiles shaped as the posts feature writes them
 * (docs/data-model.md), and reads their counters back: for the tests of features whose module does
 * not hold the posts code (stats, comments) and for core's own store tests. The one place tests
 * write these items by hand; every key comes from {@link TableKeys}, as in the features' stores.
 *
 * <p>It lives in core's test sources, not in the test-fixtures module, because it needs core's
 * table package and core's tests use test-fixtures (a Maven cycle). Core publishes it in its
 * test-jar ({@code bloghome/testing/**} only) for the other modules' tests.
 */
public final class BlogTable {
  /** When every seeded post was published. */
  public static final Instant PUBLISHED = Instant.parse("2026-11-01T08:00:00Z");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DynamoDbClient dynamoDb;
  private final String name;

  public BlogTable(DynamoDbClient dynamoDb, String name) {
    this.dynamoDb = dynamoDb;
    this.name = name;
  }

  /** The table's name. */
  public String name() {
    return name;
  }

  /** A published original post with a new id by {@code authorId}, every counter at zero. */
  public String create(String authorId) {
    return create(authorId, 0);
  }

  /** A post with a new id whose summary already counts {@code comments} (as an import sets it). */
  public String create(String authorId, long comments) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return create(
        "p_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), authorId, comments);
  }

  /** A post with a given id (e.g. the one in a sample event) counting {@code comments}. */
  public String create(String postId, String authorId, long comments) {
    String published = Timestamps.format(PUBLISHED);
    Map<String, AttributeValue> item = TableKeys.key(TableKeys.postPk(postId), TableKeys.SUMMARY);
    item.put("postId", s(postId));
    item.put("authorId", s(authorId));
    item.put("type", s(PostType.ORIGINAL.wireName()));
    item.put("title", s("Title of " + postId));
    item.put("summary", s("A summary"));
    item.put("publishedAt", s(published));
    item.put("updatedAt", s(published));
    item.put("views", n(0));
    item.put("comments", n(comments));
    item.put("likes", n(0));
    item.put("favorites", n(0));
    item.put(TableKeys.LIST_PK, s(TableKeys.userPk(authorId)));
    item.put(
        TableKeys.LIST_TYPE_PK, s(TableKeys.userTypePk(authorId, PostType.ORIGINAL.wireName())));
    item.put(TableKeys.PUBLISHED_KEY, s(TableKeys.publishedKey(published, postId)));
    item.put(TableKeys.VIEW_RANK, n(initialViewRank(PUBLISHED).toString()));
    dynamoDb.putItem(r -> r.tableName(name).item(item));
    return postId;
  }

  /** A published original post with this id, every counter at zero. */
  public void post(String postId, String authorId) {
    create(postId, authorId, 0);
  }

  /**
   * The rank a post without views sorts by: its publish time in milliseconds, shifted 10 digits.
   */
  public static BigInteger initialViewRank(Instant published) {
    return BigInteger.valueOf(published.toEpochMilli()).multiply(BigInteger.TEN.pow(10));
  }

  /** Deletes the post as its author would: the summary and the content item go. */
  public void deletePost(String postId) {
    for (String sk : new String[] {TableKeys.SUMMARY, TableKeys.CONTENT}) {
      dynamoDb.deleteItem(r -> r.tableName(name).key(TableKeys.key(TableKeys.postPk(postId), sk)));
    }
  }

  /** A visible profile (one with a display name). */
  public void profile(String userId, String displayName) {
    Map<String, AttributeValue> item = TableKeys.key(TableKeys.userPk(userId), TableKeys.PROFILE);
    item.put("userId", s(userId));
    item.put("displayName", s(displayName));
    dynamoDb.putItem(r -> r.tableName(name).item(item));
  }

  /** A visible profile named after its user. */
  public void profile(String userId) {
    profile(userId, "Name of " + userId);
  }

  /** A counter of a post's summary ({@code views}, {@code comments}, ...), 0 when absent. */
  public long postCounter(String postId, String counter) {
    return number(TableKeys.postPk(postId), TableKeys.SUMMARY, counter);
  }

  /** A counter of a profile ({@code followers}, ...), 0 when absent. */
  public long profileCounter(String userId, String counter) {
    return number(TableKeys.userPk(userId), TableKeys.PROFILE, counter);
  }

  public BigInteger viewRank(String postId) {
    return new BigInteger(
        item(TableKeys.postPk(postId), TableKeys.SUMMARY).get(TableKeys.VIEW_RANK).n());
  }

  private long number(String pk, String sk, String attribute) {
    Map<String, AttributeValue> item = item(pk, sk);
    return item == null ? 0 : Attributes.number(item, attribute);
  }

  private Map<String, AttributeValue> item(String pk, String sk) {
    return dynamoDb
        .getItem(r -> r.tableName(name).key(TableKeys.key(pk, sk)).consistentRead(true))
        .item();
  }
}
