package bloghome.comments;

import static bloghome.table.Attributes.number;
import static bloghome.table.Attributes.s;
import static bloghome.table.Attributes.string;

import bloghome.errors.RetryLater;
import bloghome.paging.StorePage;
import bloghome.table.PostSummaryItems;
import bloghome.table.PostSummaryItems.Counter;
import bloghome.table.ProfileItems;
import bloghome.table.RetryPolicy;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import bloghome.table.TransactionRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Comments in the single table (keys in {@link TableKeys}, design in docs/comments.md): the reads
 * here, creating in {@link CommentCreation}, deleting in {@link CommentDeletion}, item mapping in
 * {@link CommentItems}.
 *
 * <p>Every change that moves a counter is one {@code TransactWriteItems} whose conditions make a
 * retried or concurrent request fail instead of counting twice. When a transaction is cancelled the
 * state is read again and the decision is made again; a bounded number of tries keeps a
 * pathological race from spinning.
 */
public final class DynamoDbCommentStore implements CommentStore {
  /**
   * Eight tries, each reading the state again (no pause: the next read is what waits); only if
   * every one lost a race (or the data is inconsistent) is the client asked to retry.
   */
  static final RetryPolicy RETRY =
      new RetryPolicy(
          8,
          RetryPolicy.Pause.NONE,
          true,
          lastCancellation ->
              new RetryLater("BUSY", "Too many changes to this thread at once; try again.", 1));

  private final DynamoDbClient dynamo;
  private final String table;
  private final TableAccess access;
  private final CommentCreation creation;
  private final CommentDeletion deletion;
  private final PostSummaryItems summaries;
  private final ProfileItems profiles;

  public DynamoDbCommentStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
    this.access = new TableAccess(dynamo, table);
    TransactionRunner transactions = new TransactionRunner(dynamo, RETRY);
    this.creation =
        new CommentCreation(
            access, transactions, claim -> findIdempotent(claim.userId(), claim.key()));
    this.deletion = new CommentDeletion(access, transactions);
    this.summaries = new PostSummaryItems(access);
    this.profiles = new ProfileItems(access);
  }

  // ------------------------------------------------------------------ reads

  @Override
  public Optional<PostRef> findPost(String postId, boolean consistent) {
    return summaries
        .find(postId, consistent)
        .map(
            s ->
                new PostRef(
                    postId,
                    s.authorId(),
                    s.counter(Counter.COMMENTS),
                    s.listed(),
                    s.followersOnly()));
  }

  @Override
  public boolean follows(String followerId, String authorId) {
    return access.get(TableKeys.follow(followerId, authorId), TableKeys.FOLLOW_OUT, false) != null;
  }

  @Override
  public Optional<String> displayName(String userId) {
    return profiles.find(userId, false).flatMap(ProfileItems.Stored::displayName);
  }

  @Override
  public Optional<CommentRef> findRef(String commentId) {
    Map<String, AttributeValue> item =
        access.get(TableKeys.commentPointerPk(commentId), TableKeys.COMMENT, true);
    return item == null ? Optional.empty() : Optional.of(CommentItems.toRef(commentId, item));
  }

  @Override
  public Optional<IdempotentResult> findIdempotent(String userId, String key) {
    Map<String, AttributeValue> item =
        access.get(TableKeys.commentIdempotencyPk(userId, key), TableKeys.COMMENT, true);
    return item == null
        ? Optional.empty()
        : Optional.ofNullable(CommentItems.toIdempotentResult(item));
  }

  @Override
  public StorePage<RecentComments.Recent> onPostsOf(
      String authorId, int limit, Optional<Map<String, String>> after) {
    StorePage<Map<String, AttributeValue>> page =
        access.byOwner(TableKeys.recentCommentsOf(authorId), limit, after);
    return new StorePage<>(page.items().stream().map(CommentItems::toRecent).toList(), page.next());
  }

  @Override
  public ThreadPage threads(String postId, Optional<String> afterSk, int limit) {
    // A thread is at most 1 + PREVIEW_REPLIES items in the index, so this many items hold
    // `limit` whole threads plus the first item of the next one (which says there is more).
    int readLimit = limit * (1 + PREVIEW_REPLIES) + 1;
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":pk", s(TableKeys.threadsPk(postId)));
    String condition = TableKeys.GSI1PK + " = :pk";
    if (afterSk.isPresent()) {
      condition += " AND " + TableKeys.GSI1SK + " > :after";
      values.put(":after", s(TableKeys.afterThread(afterSk.get())));
    }
    QueryResponse response =
        dynamo.query(
            QueryRequest.builder()
                .tableName(table)
                .indexName(TableKeys.BY_OWNER)
                .keyConditionExpression(condition)
                .expressionAttributeValues(values)
                .scanIndexForward(true)
                .limit(readLimit)
                .build());

    List<Thread> threads = new ArrayList<>();
    Keyed top = null;
    long replyCount = 0;
    List<Keyed> preview = new ArrayList<>();
    for (Map<String, AttributeValue> item : response.items()) {
      Keyed keyed = new Keyed(CommentItems.toComment(item), string(item, TableKeys.SK));
      if (keyed.comment().replyTo() == null) {
        if (top != null) {
          threads.add(new Thread(top, List.copyOf(preview), replyCount));
        }
        top = keyed;
        replyCount = number(item, TableKeys.REPLIES);
        preview.clear();
      } else if (top != null && keyed.sk().startsWith(TableKeys.repliesFrom(top.sk()))) {
        preview.add(keyed);
      }
    }
    boolean readAll = !response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty();
    // Normally a cut-short last thread waits for the next page. Only if it is the sole thread
    // read (items near the 1 MB page size) is it shown as read, so that paging always advances.
    if (top != null && (readAll || threads.isEmpty())) {
      threads.add(new Thread(top, List.copyOf(preview), replyCount));
    }
    // When the read stopped early, the last thread seen may be cut short: it is left for the
    // next page, which starts right after the last complete thread.
    boolean more = !readAll || threads.size() > limit;
    List<Thread> page = threads.size() > limit ? threads.subList(0, limit) : threads;
    return new ThreadPage(List.copyOf(page), more);
  }

  @Override
  public ReplyPage replies(
      String postId, String parentSk, Optional<String> afterSk, int limit, boolean hiddenOnly) {
    String from = afterSk.map(TableKeys::afterReply).orElse(TableKeys.repliesFrom(parentSk));
    QueryRequest.Builder query =
        QueryRequest.builder()
            .tableName(table)
            .keyConditionExpression(
                TableKeys.PK + " = :pk AND " + TableKeys.SK + " BETWEEN :from AND :to")
            .expressionAttributeValues(
                Map.of(
                    ":pk", s(TableKeys.postPk(postId)),
                    ":from", s(from),
                    ":to", s(TableKeys.repliesTo(parentSk))))
            .scanIndexForward(true);
    if (hiddenOnly) {
      // The shown replies (at most PREVIEW_REPLIES of them) are filtered out after the read, so
      // reading that many more still yields limit + 1 replies whenever that many exist.
      query
          .filterExpression("attribute_not_exists(" + TableKeys.GSI1PK + ")")
          .limit(limit + 1 + PREVIEW_REPLIES);
    } else {
      query.limit(limit + 1);
    }
    QueryResponse response = dynamo.query(query.build());
    List<Keyed> replies = new ArrayList<>();
    for (Map<String, AttributeValue> item : response.items()) {
      replies.add(new Keyed(CommentItems.toComment(item), string(item, TableKeys.SK)));
    }
    boolean more = replies.size() > limit;
    return new ReplyPage(List.copyOf(more ? replies.subList(0, limit) : replies), more);
  }

  @Override
  public CreateResult create(
      NewComment newComment,
      Optional<IdempotencyClaim> idempotency,
      List<RateLimit.Window> windows,
      Instant now) {
    return creation.create(newComment, idempotency, windows, now);
  }

  @Override
  public DeleteResult delete(CommentRef ref, Instant now) {
    return deletion.delete(ref, now);
  }
}
