package bloghome.migration;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.number;
import static bloghome.table.Attributes.s;
import static bloghome.table.Attributes.string;

import bloghome.table.TableKeys;
import bloghome.time.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/** {@link MigrationStore} on the single table: {@code MIGRATION#{name}} / {@code STATE}. */
public final class DynamoDbMigrationStore implements MigrationStore {
  private static final String RUNNING = "RUNNING";
  private static final String DONE = "DONE";

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbMigrationStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  private static Map<String, AttributeValue> key(String name) {
    return TableKeys.key(TableKeys.migrationPk(name), TableKeys.MIGRATION_STATE);
  }

  @Override
  public Optional<MigrationState> read(String name) {
    Map<String, AttributeValue> item =
        dynamo.getItem(r -> r.tableName(table).key(key(name)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(state(name, item));
  }

  @Override
  public MigrationState start(String name, Instant now) {
    try {
      UpdateItemResponse response =
          dynamo.updateItem(
              r ->
                  r.tableName(table)
                      .key(key(name))
                      .updateExpression(
                          "SET #status = if_not_exists(#status, :running),"
                              + " #started = if_not_exists(#started, :now), #updated = :now"
                              + " ADD #step :one, #processed :zero")
                      .conditionExpression("attribute_not_exists(#status) OR #status = :running")
                      .expressionAttributeNames(
                          names("#status", "#started", "#updated", "#step", "#processed"))
                      .expressionAttributeValues(
                          Map.of(
                              ":running", s(RUNNING),
                              ":now", s(Timestamps.format(now)),
                              ":one", n(1),
                              ":zero", n(0)))
                      .returnValues(ReturnValue.ALL_NEW));
      return state(name, response.attributes());
    } catch (ConditionalCheckFailedException finished) {
      return read(name).orElseThrow();
    }
  }

  @Override
  public Optional<MigrationState> advance(
      MigrationState from, Optional<String> cursor, long processed, Instant now) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":step", n(from.step()));
    values.put(":one", n(1));
    values.put(":n", n(processed));
    values.put(":now", s(Timestamps.format(now)));
    values.put(":status", s(cursor.isPresent() ? RUNNING : DONE));
    String update = "SET #status = :status, #updated = :now";
    if (cursor.isPresent()) {
      update += ", #cursor = :cursor";
      values.put(":cursor", s(cursor.get()));
    } else {
      update += " REMOVE #cursor";
    }
    update += " ADD #step :one, #processed :n";
    String expression = update;
    try {
      UpdateItemResponse response =
          dynamo.updateItem(
              r ->
                  r.tableName(table)
                      .key(key(from.name()))
                      .updateExpression(expression)
                      .conditionExpression("#step = :step")
                      .expressionAttributeNames(
                          names("#status", "#updated", "#cursor", "#step", "#processed"))
                      .expressionAttributeValues(values)
                      .returnValues(ReturnValue.ALL_NEW));
      return Optional.of(state(from.name(), response.attributes()));
    } catch (ConditionalCheckFailedException moved) {
      return Optional.empty();
    }
  }

  private static Map<String, String> names(String... used) {
    Map<String, String> all =
        Map.of(
            "#status", TableKeys.MIGRATION_STATUS,
            "#started", TableKeys.MIGRATION_STARTED_AT,
            "#updated", TableKeys.MIGRATION_UPDATED_AT,
            "#step", TableKeys.MIGRATION_STEP,
            "#processed", TableKeys.MIGRATION_PROCESSED,
            "#cursor", TableKeys.MIGRATION_CURSOR);
    Map<String, String> names = new HashMap<>();
    for (String name : used) {
      names.put(name, all.get(name));
    }
    return names;
  }

  private static MigrationState state(String name, Map<String, AttributeValue> item) {
    return new MigrationState(
        name,
        DONE.equals(string(item, TableKeys.MIGRATION_STATUS)),
        Optional.ofNullable(string(item, TableKeys.MIGRATION_CURSOR)),
        number(item, TableKeys.MIGRATION_STEP),
        number(item, TableKeys.MIGRATION_PROCESSED),
        Timestamps.parse(string(item, TableKeys.MIGRATION_STARTED_AT)),
        Timestamps.parse(string(item, TableKeys.MIGRATION_UPDATED_AT)));
  }
}
