package bloghome.testing;

import bloghome.posts.PostType;
import bloghome.table.PostSummaryItems;
import bloghome.table.PostSummaryItems.Counter;
import bloghome.table.PostSummaryItems.Summary;
import bloghome.table.ProfileItems;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Seeds the blog table with post summaries and profiles, built by their owners ({@link
 * PostSummaryItems}, {@link ProfileItems}) exactly as the features write them, and reads their
 * counters back: for the tests of features whose module does not hold the posts code (stats,
 * comments) and for core's own store tests. A change of an item's shape reaches this fixture
 * through its owner.
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
  private final PostSummaryItems summaries;
  private final ProfileItems profiles;

  public BlogTable(DynamoDbClient dynamoDb, String name) {
    this.dynamoDb = dynamoDb;
    this.name = name;
    TableAccess access = new TableAccess(dynamoDb, name);
    this.summaries = new PostSummaryItems(access);
    this.profiles = new ProfileItems(access);
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
    Map<String, AttributeValue> item =
        PostSummaryItems.item(
            Summary.fresh(
                    postId,
                    authorId,
                    PostType.ORIGINAL.wireName(),
                    "Title of " + postId,
                    "A summary",
                    PUBLISHED)
                .with(Counter.COMMENTS, comments));
    // Without the postId tiebreak, so that tests can state a rank from the publish time alone.
    item.put(TableKeys.VIEW_RANK, AttributeValue.fromN(initialViewRank(PUBLISHED).toString()));
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
    Map<String, AttributeValue> item =
        ProfileItems.item(new ProfileItems.Stored(userId, Optional.of(displayName), "", Map.of()));
    dynamoDb.putItem(r -> r.tableName(name).item(item));
  }

  /** A visible profile named after its user. */
  public void profile(String userId) {
    profile(userId, "Name of " + userId);
  }

  /** A counter of a post's summary ({@code views}, {@code comments}, ...), 0 when absent. */
  public long postCounter(String postId, String counter) {
    return summaries.counter(postId, postCounterNamed(counter));
  }

  /** A counter of a profile ({@code followers}, ...), 0 when absent. */
  public long profileCounter(String userId, String counter) {
    return profiles.find(userId, true).map(p -> p.counter(profileCounterNamed(counter))).orElse(0L);
  }

  public BigInteger viewRank(String postId) {
    return new BigInteger(
        item(TableKeys.postPk(postId), TableKeys.SUMMARY).get(TableKeys.VIEW_RANK).n());
  }

  private static Counter postCounterNamed(String attribute) {
    for (Counter counter : Counter.values()) {
      if (counter.attribute().equals(attribute)) {
        return counter;
      }
    }
    throw new IllegalArgumentException("no post counter " + attribute);
  }

  private static ProfileItems.Counter profileCounterNamed(String attribute) {
    for (ProfileItems.Counter counter : ProfileItems.Counter.values()) {
      if (counter.attribute().equals(attribute)) {
        return counter;
      }
    }
    throw new IllegalArgumentException("no profile counter " + attribute);
  }

  private Map<String, AttributeValue> item(String pk, String sk) {
    return dynamoDb
        .getItem(r -> r.tableName(name).key(TableKeys.key(pk, sk)).consistentRead(true))
        .item();
  }
}
