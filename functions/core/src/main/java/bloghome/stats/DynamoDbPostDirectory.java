package bloghome.stats;

import bloghome.table.PostSummaryItems;
import bloghome.table.TableAccess;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Finds a post's author with one strongly consistent GetItem of the summary's {@code authorId} (a
 * post just created must be viewable at once) and keeps the answer in memory: a post's author never
 * changes, so a warm execution environment reads it once per post. A deleted post is dropped from
 * the cache when a write finds its summary gone.
 */
public final class DynamoDbPostDirectory implements PostDirectory {
  /** Enough for every post a busy blog host serves in one environment's life; ~100 bytes each. */
  private static final int MAX_CACHED = 20_000;

  private final PostSummaryItems summaries;
  private final Map<String, String> authors = new ConcurrentHashMap<>();

  public DynamoDbPostDirectory(DynamoDbClient dynamoDb, String table) {
    this.summaries = new PostSummaryItems(new TableAccess(dynamoDb, table));
  }

  @Override
  public Optional<String> authorOf(String postId) {
    String cached = authors.get(postId);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<String> author = readAuthor(postId, true);
    author.ifPresent(a -> remember(postId, a));
    return author;
  }

  /**
   * One eventually consistent GetItem of the summary (0.5 read unit), and only if that finds
   * nothing a strongly consistent one (1 read unit), so that a post created a moment ago is not
   * refused: the second read is paid by unknown posts only.
   */
  @Override
  public Optional<String> currentAuthorOf(String postId) {
    Optional<String> author = readAuthor(postId, false).or(() -> readAuthor(postId, true));
    author.ifPresentOrElse(a -> remember(postId, a), () -> forget(postId));
    return author;
  }

  private Optional<String> readAuthor(String postId, boolean consistent) {
    return summaries.authorOf(postId, consistent);
  }

  private void remember(String postId, String author) {
    if (authors.size() >= MAX_CACHED) {
      // Crude but bounded: an environment rarely gets here, and a refill costs one read a post.
      authors.clear();
    }
    authors.put(postId, author);
  }

  @Override
  public void forget(String postId) {
    authors.remove(postId);
  }
}
