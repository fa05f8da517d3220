package bloghome.comments;

import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The newest comments on a blog's posts, for its sidebar: one Query of the ByOwner list that the
 * comments' pointer items carry while the comment is not deleted (kept by the comment writes, no
 * scan; docs/discovery.md).
 */
public final class RecentComments {
  /** One comment of a blog's recent-comments list. */
  public record Recent(
      String commentId,
      String postId,
      String postTitle,
      String authorId,
      String authorName,
      String excerpt,
      Instant createdAt) {}

  private final TableAccess table;

  public RecentComments(DynamoDbClient dynamo, String table) {
    this.table = new TableAccess(dynamo, table);
  }

  public List<Recent> newest(String blogAuthorId, int limit) {
    return table
        .byOwner(TableKeys.recentCommentsOf(blogAuthorId), limit, Optional.empty())
        .items()
        .stream()
        .map(CommentItems::toRecent)
        .toList();
  }
}
