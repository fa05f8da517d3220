package bloghome.discovery.ranks;

import bloghome.aws.DynamoDbClients;
import bloghome.config.Env;
import bloghome.discovery.DynamoDbDiscoveryStore;
import bloghome.discovery.EntryRanks;
import bloghome.log.Log;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * EntryRanksFunction: receives the table stream's changes of listed posts' summaries (the event
 * source mapping's filter lets only those through) and gives each post's category, tag and archive
 * entries the summary's view rank with {@link EntryRanks} (docs/discovery.md). It ships in the
 * views aggregator's jar (the same core and DynamoDB client, nothing more) as a function of its
 * own, so that counting views stays one item per post per batch.
 */
public final class EntryRanksHandler implements RequestHandler<DynamodbEvent, Void> {
  private final EntryRanks ranks;

  /** Lambda's constructor: the client built once per execution environment. */
  public EntryRanksHandler() {
    this(DynamoDbClients.fromEnvironment(), Env.require("TABLE_NAME"));
  }

  public EntryRanksHandler(DynamoDbClient dynamoDb, String table) {
    this(new EntryRanks(new DynamoDbDiscoveryStore(dynamoDb, table)));
  }

  public EntryRanksHandler(EntryRanks ranks) {
    this.ranks = ranks;
  }

  @Override
  public Void handleRequest(DynamodbEvent event, Context context) {
    List<DynamodbEvent.DynamodbStreamRecord> records =
        event.getRecords() == null ? List.of() : event.getRecords();
    if (records.isEmpty()) {
      return null;
    }
    EntryRanks.Report report = ranks.apply(records);
    Log.info(
        "ranks.applied",
        Map.of(
            "records", report.records(),
            "posts", report.posts(),
            "entriesChanged", report.entriesChanged()));
    return null;
  }
}
