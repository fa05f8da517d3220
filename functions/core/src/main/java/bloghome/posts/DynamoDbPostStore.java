package bloghome.posts;

import static bloghome.posts.PostItems.toSummary;
import static bloghome.table.Attributes.s;
import static bloghome.table.Attributes.string;
import static bloghome.table.TableKeys.key;

import bloghome.errors.Problem;
import bloghome.json.Json;
import bloghome.json.JsonObject;
import bloghome.paging.StorePage;
import bloghome.table.PostSummaryItems;
import bloghome.table.RetryPolicy;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import bloghome.table.TransactionRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * {@link PostStore} on the single table, following docs/data-model.md: the access patterns. The
 * items are mapped in {@link PostItems}, the transaction items of each write built in {@link
 * PostWrites}.
 */
public final class DynamoDbPostStore implements PostStore {
  private static final int BATCH_GET_MAX = 100;

  /**
   * Transactions that touch the same item at the same time (every post of an author updates the
   * author's profile) cancel each other: eight tries with a jittered, growing pause, then the
   * cancellation goes up as it is.
   */
  static final RetryPolicy RETRY =
      new RetryPolicy(8, RetryPolicy.Pause.jittered(10, 1000, 0.5), true, cancelled -> cancelled);

  private final DynamoDbClient dynamo;
  private final String table;
  private final TransactionRunner transactions;
  private final PostWrites writes;
  private final PostSummaryItems summaryItems;
  private final TableAccess access;
  private final Clock clock;

  public DynamoDbPostStore(DynamoDbClient dynamo, String table, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.clock = clock;
    this.transactions = new TransactionRunner(dynamo, RETRY);
    this.access = new TableAccess(dynamo, table);
    this.writes = new PostWrites(access);
    this.summaryItems = new PostSummaryItems(access);
  }

  @Override
  public List<Revision.Entry> revisions(String postId) {
    QueryResponse response =
        dynamo.query(
            r ->
                r.tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression(TableKeys.PK + " = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(TableKeys.revisionsPk(postId))))
                    .projectionExpression("#v, #at, #t, #b")
                    .expressionAttributeNames(
                        Map.of(
                            "#v", TableKeys.REVISION_VERSION,
                            "#at", TableKeys.REVISION_SAVED_AT,
                            "#t", TableKeys.REVISION_TITLE,
                            "#b", TableKeys.REVISION_BYTES))
                    .scanIndexForward(false)
                    .limit(Revision.KEPT));
    return response.items().stream().map(PostItems::toRevisionEntry).toList();
  }

  @Override
  public Optional<Revision> revision(String postId, long version) {
    if (version < 1) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item =
        access.get(TableKeys.revisionsPk(postId), TableKeys.revisionSk(version), true);
    return Optional.ofNullable(item).map(PostItems::toRevision);
  }

  @Override
  public boolean follows(String followerId, String authorId) {
    return access.get(TableKeys.follow(followerId, authorId), TableKeys.FOLLOW_OUT, false) != null;
  }

  @Override
  public StorePage<PostSummary> studio(
      String authorId, StudioQuery query, Optional<Map<String, String>> after) {
    PostSummaryItems.StudioFilter filter =
        new PostSummaryItems.StudioFilter(
            query.state().map(s -> s.status.wireName()),
            query.state().flatMap(s -> Optional.ofNullable(s.visibility)).map(Visibility::wireName),
            query.type().map(PostType::wireName),
            query.q());
    StorePage<PostSummaryItems.Summary> page =
        summaryItems.studio(authorId, filter, query.limit(), after);
    return new StorePage<>(page.items().stream().map(PostItems::toSummary).toList(), page.next());
  }

  @Override
  public StorePage<PostSummaryItems.FollowersEntry> followersPosts(
      String authorId, int limit, Optional<Map<String, String>> after) {
    return summaryItems.followersEntries(authorId, limit, after);
  }

  // ------------------------------------------------------------------ reads

  @Override
  public Optional<Post> find(String postId, boolean consistent) {
    // One Query on the post's partition returns both the summary and the content.
    QueryResponse response =
        dynamo.query(
            r ->
                r.tableName(table)
                    .consistentRead(consistent)
                    .keyConditionExpression(TableKeys.PK + " = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(TableKeys.postPk(postId)))));
    Map<String, AttributeValue> summary = null;
    Map<String, AttributeValue> content = null;
    for (Map<String, AttributeValue> item : response.items()) {
      switch (item.get(TableKeys.SK).s()) {
        case TableKeys.SUMMARY -> summary = item;
        case TableKeys.CONTENT -> content = item;
        default -> {}
      }
    }
    if (summary == null || content == null) {
      return Optional.empty();
    }
    return Optional.of(PostItems.toPost(toSummary(summary), content));
  }

  @Override
  public Optional<PostSummary> findSummary(String postId) {
    var item =
        dynamo
            .getItem(
                r ->
                    r.tableName(table)
                        .key(key(TableKeys.postPk(postId), TableKeys.SUMMARY))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toSummary(item));
  }

  @Override
  public IndexPage list(ListingQuery query, Optional<Map<String, String>> after) {
    PostSummaryItems.Listing listing =
        PostSummaryItems.listing(
            query.userId(),
            query.type().map(PostType::wireName).orElse(null),
            query.sort() == ListingSort.VIEWS);
    // The first page also holds the listing total (it sorts first); one more item than asked
    // tells whether another page exists without an empty last page.
    int limit = query.limit() + 1 + (after.isEmpty() ? 1 : 0);

    QueryRequest.Builder request =
        QueryRequest.builder()
            .tableName(table)
            .indexName(listing.index())
            .keyConditionExpression("#p = :p")
            .expressionAttributeNames(Map.of("#p", listing.partitionAttribute()))
            .expressionAttributeValues(Map.of(":p", s(listing.partition())))
            .scanIndexForward(false)
            .limit(limit);
    after.ifPresent(
        position -> {
          String postId = position.get("id");
          String sortValue = position.get("k");
          if (postId == null || sortValue == null) {
            throw Problem.invalid("INVALID_CURSOR", "cursor", "The cursor is not valid.");
          }
          request.exclusiveStartKey(listing.startAfter(postId, sortValue));
        });
    QueryResponse response = dynamo.query(request.build());

    OptionalLong total = OptionalLong.empty();
    List<Map<String, AttributeValue>> posts = new ArrayList<>();
    for (Map<String, AttributeValue> item : response.items()) {
      if (PostSummaryItems.isTotal(item)) {
        total = OptionalLong.of(Math.max(0, PostSummaryItems.total(item)));
      } else {
        posts.add(item);
      }
    }
    if (after.isEmpty() && total.isEmpty()) {
      // No totals item: this author never published under this filter.
      total = OptionalLong.of(0);
    }
    boolean more = posts.size() > query.limit();
    List<Map<String, AttributeValue>> page = more ? posts.subList(0, query.limit()) : posts;
    Optional<Map<String, String>> next = Optional.empty();
    if (more) {
      Map<String, AttributeValue> last = page.get(page.size() - 1);
      Map<String, String> position = new LinkedHashMap<>();
      position.put("id", string(last, PostSummaryItems.POST_ID));
      position.put("k", listing.sortValue(last));
      next = Optional.of(position);
    }
    return new IndexPage(page.stream().map(PostItems::toSummary).toList(), total, next);
  }

  @Override
  public Neighbours neighbours(PostSummary post) {
    return new Neighbours(neighbour(post, false), neighbour(post, true));
  }

  private Optional<PostSummary> neighbour(PostSummary post, boolean newer) {
    return summaryItems
        .neighbour(post.authorId(), post.publishedAt(), post.postId(), newer)
        .map(PostItems::toSummary);
  }

  @Override
  public Optional<IdempotencyRecord> findIdempotency(String userId, String key) {
    var item =
        dynamo
            .getItem(
                r ->
                    r.tableName(table)
                        .key(key(TableKeys.userPk(userId), TableKeys.postIdempotencySk(key)))
                        .consistentRead(true))
            .item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(PostItems.toIdempotencyRecord(userId, key, item));
  }

  @Override
  public Map<String, String> importedPostIds(String userId, Collection<String> sourceIds) {
    List<Map<String, AttributeValue>> keys =
        sourceIds.stream()
            .distinct()
            .map(id -> key(TableKeys.userPk(userId), TableKeys.importSk(id)))
            .toList();
    Map<String, String> found = new HashMap<>();
    for (Map<String, AttributeValue> item : batchGet(keys)) {
      found.put(item.get(TableKeys.ITEM_SOURCE_ID).s(), item.get(TableKeys.ITEM_POST_ID).s());
    }
    return found;
  }

  @Override
  public Map<String, PostSummary> summaries(Collection<String> postIds) {
    List<Map<String, AttributeValue>> keys =
        postIds.stream()
            .distinct()
            .map(id -> key(TableKeys.postPk(id), TableKeys.SUMMARY))
            .toList();
    Map<String, PostSummary> found = new HashMap<>();
    for (Map<String, AttributeValue> item : batchGet(keys)) {
      PostSummary summary = toSummary(item);
      found.put(summary.postId(), summary);
    }
    return found;
  }

  private List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += BATCH_GET_MAX) {
      List<Map<String, AttributeValue>> chunk =
          keys.subList(from, Math.min(keys.size(), from + BATCH_GET_MAX));
      Map<String, KeysAndAttributes> pending =
          Map.of(table, KeysAndAttributes.builder().keys(chunk).consistentRead(true).build());
      while (!pending.isEmpty()) {
        Map<String, KeysAndAttributes> request = pending;
        BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(request));
        items.addAll(response.responses().getOrDefault(table, List.of()));
        pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
      }
    }
    return items;
  }

  // ------------------------------------------------------------------ writes

  @Override
  public Write create(Post post, Optional<IdempotencyRecord> claim) {
    List<TransactWriteItem> items = writes.creation(post);
    claim.ifPresent(c -> items.add(writes.claim(c, clock.instant().getEpochSecond())));
    return transactions.write(items).applied() ? Write.DONE : Write.CONFLICT;
  }

  @Override
  public Write createImported(Post post, Optional<String> stalePostId) {
    PostSummary s = post.summary();
    String sourceId =
        s.sourceId()
            .orElseThrow(() -> new IllegalArgumentException("an imported post has a sourceId"));
    List<TransactWriteItem> items = writes.creation(post);
    items.add(writes.importMapping(s, sourceId, stalePostId));
    return transactions.write(items).applied() ? Write.DONE : Write.CONFLICT;
  }

  @Override
  public Write replace(PostSummary before, Post after) {
    PostWrites.Items items =
        writes.replacement(before, writes.storedEntries(before.postId()), after);
    return outcome(transactions.write(items.items()), items.entriesFrom());
  }

  @Override
  public Write backfill(Post current, String migration) {
    PostWrites.Items items =
        writes.backfill(
            current.summary(), writes.storedEntries(current.postId()), current, migration);
    return outcome(transactions.write(items.items()), items.entriesFrom());
  }

  @Override
  public IdPage allPostIds(int limit, Optional<String> after) {
    ScanRequest.Builder scan =
        ScanRequest.builder()
            .tableName(table)
            .limit(limit)
            .filterExpression("#sk = :summary")
            .projectionExpression("#pk, #sk, #id")
            .expressionAttributeNames(
                Map.of("#pk", TableKeys.PK, "#sk", TableKeys.SK, "#id", PostSummaryItems.POST_ID))
            .expressionAttributeValues(Map.of(":summary", s(TableKeys.SUMMARY)));
    after.ifPresent(
        position -> {
          JsonObject key = JsonObject.parseBody(position);
          scan.exclusiveStartKey(key(key.string("pk"), key.string("sk")));
        });
    ScanResponse response = dynamo.scan(scan.build());
    List<String> ids = new ArrayList<>();
    for (Map<String, AttributeValue> item : response.items()) {
      ids.add(string(item, PostSummaryItems.POST_ID));
    }
    Optional<String> next = Optional.empty();
    if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
      Map<String, AttributeValue> last = response.lastEvaluatedKey();
      next =
          Optional.of(
              Json.write(
                  Map.of("pk", string(last, TableKeys.PK), "sk", string(last, TableKeys.SK))));
    }
    return new IdPage(ids, next);
  }

  @Override
  public Write delete(PostSummary current) {
    PostWrites.Items items = writes.deletion(current, writes.storedEntries(current.postId()));
    return outcome(transactions.write(items.items()), items.entriesFrom());
  }

  /**
   * The first item is always the post's summary: its condition failing means "read again"; so does
   * a failed condition of a discovery entry (the entries changed since they were read).
   */
  private static Write outcome(TransactionRunner.Result result, int entriesFrom) {
    if (result.applied()) {
      return Write.DONE;
    }
    if (result.failed(0)) {
      return Write.CONFLICT;
    }
    for (int i = entriesFrom; i < result.codes().size(); i++) {
      if (result.failed(i)) {
        return Write.CONFLICT;
      }
    }
    // A total would have gone negative: another writer's counter update is in flight.
    throw Problem.conflict(
        "COUNTERS_BUSY", "The post's counters are changing right now; try again.");
  }
}
