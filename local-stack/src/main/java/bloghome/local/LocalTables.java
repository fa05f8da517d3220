package bloghome.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * Creates DynamoDB tables exactly as {@code template.yaml} declares them: keys, attribute types,
 * global secondary indexes and TTL. The template is the only schema there is.
 */
public final class LocalTables {
  private static final Logger LOG = Logger.getLogger(LocalTables.class.getName());

  private LocalTables() {}

  /** Creates the table of {@code logicalId} under {@code physicalName}. */
  public static void create(
      DynamoDbClient dynamo, SamTemplate template, String logicalId, String physicalName) {
    Map<String, Object> props = template.properties(logicalId);
    if (props.isEmpty()) {
      throw new LocalStackException("template.yaml has no table " + logicalId);
    }
    List<AttributeDefinition> attributes = new ArrayList<>();
    for (Object a : SamTemplate.list(props.get("AttributeDefinitions"))) {
      Map<String, Object> m = SamTemplate.map(a);
      attributes.add(
          AttributeDefinition.builder()
              .attributeName(String.valueOf(m.get("AttributeName")))
              .attributeType(String.valueOf(m.get("AttributeType")))
              .build());
    }
    List<GlobalSecondaryIndex> indexes = new ArrayList<>();
    for (Object g : SamTemplate.list(props.get("GlobalSecondaryIndexes"))) {
      Map<String, Object> m = SamTemplate.map(g);
      Map<String, Object> projection = SamTemplate.map(m.get("Projection"));
      Projection.Builder pb =
          Projection.builder()
              .projectionType(String.valueOf(projection.getOrDefault("ProjectionType", "ALL")));
      List<Object> nonKey = SamTemplate.list(projection.get("NonKeyAttributes"));
      if (!nonKey.isEmpty()) {
        pb.nonKeyAttributes(nonKey.stream().map(String::valueOf).toList());
      }
      indexes.add(
          GlobalSecondaryIndex.builder()
              .indexName(String.valueOf(m.get("IndexName")))
              .keySchema(keySchema(m.get("KeySchema")))
              .projection(pb.build())
              .build());
    }
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(physicalName)
            .attributeDefinitions(attributes)
            .keySchema(keySchema(props.get("KeySchema")))
            .billingMode(BillingMode.PAY_PER_REQUEST);
    if (!indexes.isEmpty()) {
      request.globalSecondaryIndexes(indexes);
    }
    Map<String, Object> stream = SamTemplate.map(props.get("StreamSpecification"));
    if (stream.get("StreamViewType") != null) {
      request.streamSpecification(
          s -> s.streamEnabled(true).streamViewType(String.valueOf(stream.get("StreamViewType"))));
    }
    try {
      dynamo.createTable(request.build());
    } catch (ResourceInUseException exists) {
      return;
    }
    Map<String, Object> ttl = SamTemplate.map(props.get("TimeToLiveSpecification"));
    if (Boolean.TRUE.equals(ttl.get("Enabled"))
        || "true".equals(String.valueOf(ttl.get("Enabled")))) {
      try {
        dynamo.updateTimeToLive(
            r ->
                r.tableName(physicalName)
                    .timeToLiveSpecification(
                        t ->
                            t.attributeName(String.valueOf(ttl.get("AttributeName")))
                                .enabled(true)));
      } catch (RuntimeException e) {
        LOG.warning(
            "Local DynamoDB lacks UpdateTimeToLive; TTL skipped for "
                + physicalName
                + ": "
                + e.getMessage());
      }
    }
  }

  private static List<KeySchemaElement> keySchema(Object value) {
    List<KeySchemaElement> out = new ArrayList<>();
    for (Object k : SamTemplate.list(value)) {
      Map<String, Object> m = SamTemplate.map(k);
      out.add(
          KeySchemaElement.builder()
              .attributeName(String.valueOf(m.get("AttributeName")))
              .keyType(String.valueOf(m.get("KeyType")))
              .build());
    }
    return out;
  }
}
