package bloghome.comments;

import bloghome.posts.DynamoDbPostStore;
import bloghome.posts.PostStore;
import bloghome.posts.PostSummary;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The newest comments on a blog's posts, for its public sidebar: one Query of the ByOwner list that
 * the comments' pointer items carry while the comment is not deleted (kept by the comment writes,
 * no scan; docs/discovery.md), then one BatchGetItem of the commented posts' summaries, so that
 * only comments on posts listed <em>now</em> are shown (a post made private or taken back to draft
 * after it was commented on drops out of the sidebar at once).
 */
public final class RecentComments {
  /**
   * How many list entries are read per comment shown: comments on posts that are not listed (the
   * author's drafts, followers-only or private posts) are read and dropped.
   */
  static final int READ_FACTOR = 3;

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
  private final PostStore posts;

  public RecentComments(DynamoDbClient dynamo, String table) {
    this(new TableAccess(dynamo, table), new DynamoDbPostStore(dynamo, table, Clock.systemUTC()));
  }

  RecentComments(TableAccess table, PostStore posts) {
    this.table = table;
    this.posts = posts;
  }

  /** At most {@code limit} newest comments on the blog's listed posts, newest first. */
  public List<Recent> newest(String blogAuthorId, int limit) {
    List<Recent> read =
        table
            .byOwner(
                TableKeys.recentCommentsOf(blogAuthorId), limit * READ_FACTOR, Optional.empty())
            .items()
            .stream()
            .map(CommentItems::toRecent)
            .toList();
    if (read.isEmpty()) {
      return read;
    }
    Map<String, PostSummary> summaries =
        posts.summaries(read.stream().map(Recent::postId).distinct().toList());
    return read.stream()
        .filter(
            r -> {
              PostSummary s = summaries.get(r.postId());
              return s != null && s.listed();
            })
        .limit(limit)
        .toList();
  }
}
