package bloghome.search.indexer;

import bloghome.aws.DynamoDbClients;
import bloghome.aws.S3Clients;
import bloghome.config.Env;
import bloghome.log.Log;
import bloghome.posts.DynamoDbPostStore;
import bloghome.search.Indexing;
import bloghome.search.store.S3IndexStore;
import bloghome.table.TableKeys;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SearchIndexerFunction: receives the table stream's changes of posts' CONTENT items (created,
 * edited, deleted; the event source mapping's filter lets nothing else through) and brings the
 * authors' search indexes up to date with {@link Indexing}. Only the post ids are read from the
 * records: each post is read again, so a batch that is retried does the same thing again.
 */
public final class SearchIndexerHandler implements RequestHandler<DynamodbEvent, Void> {
  private static final String POST_PK_PREFIX = TableKeys.postPk("");

  private final Indexing indexing;

  /** Lambda's constructor: clients built once per execution environment. */
  public SearchIndexerHandler() {
    this(
        new Indexing(
            new DynamoDbPostStore(
                DynamoDbClients.fromEnvironment(), Env.require("TABLE_NAME"), Clock.systemUTC()),
            new S3IndexStore(S3Clients.fromEnvironment(), Env.require("BUCKET_NAME"))));
  }

  public SearchIndexerHandler(Indexing indexing) {
    this.indexing = indexing;
  }

  @Override
  public Void handleRequest(DynamodbEvent event, Context context) {
    List<DynamodbEvent.DynamodbStreamRecord> records =
        event.getRecords() == null ? List.of() : event.getRecords();
    List<String> postIds = new ArrayList<>();
    for (DynamodbEvent.DynamodbStreamRecord record : records) {
      postIds.add(postId(record));
    }
    if (postIds.isEmpty()) {
      return null;
    }
    Indexing.Report report = indexing.apply(postIds);
    Log.info(
        "search.indexed",
        Map.of(
            "records", records.size(),
            "blogs", report.blogs(),
            "indexed", report.indexed(),
            "removed", report.removed(),
            "lostSaves", report.retries()));
    return null;
  }

  /** The post a record is about; anything else fails the batch (bisected to the bad record). */
  static String postId(DynamodbEvent.DynamodbStreamRecord record) {
    var change = record.getDynamodb();
    AttributeValue pk = change == null ? null : change.getKeys().get(TableKeys.PK);
    if (pk == null || pk.getS() == null || !pk.getS().startsWith(POST_PK_PREFIX)) {
      throw new IllegalArgumentException("not a post's record: " + record.getEventID());
    }
    return pk.getS().substring(POST_PK_PREFIX.length());
  }
}
