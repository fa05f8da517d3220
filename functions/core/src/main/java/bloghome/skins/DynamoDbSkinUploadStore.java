package bloghome.skins;

import static bloghome.skins.SkinItems.time;
import static bloghome.table.Attributes.s;

import bloghome.table.RetryPolicy;
import bloghome.table.TransactionRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Uploads in the single table, next to the owner's other items. Verdicts are conditional updates
 * from PENDING; acceptance moves the slot in the same transaction, so an upload is never
 * ACCEPTED-and-active without the skin pointing at it, nor the reverse.
 */
public final class DynamoDbSkinUploadStore implements SkinUploadStore {
  /** Upload records are kept a day (DynamoDB TTL), like the raw objects in the bucket. */
  static final Duration RETENTION = Duration.ofDays(1);

  private static final String STILL_PENDING = "#status = :pending AND #failAfter >= :now";

  /**
   * An acceptance is tried once: whichever way it was cancelled (a verdict already recorded, the
   * slot changed, a conflict), the caller reads the upload again and answers from what it finds.
   */
  private static final RetryPolicy RETRY = RetryPolicy.reportAtOnce();

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final TransactionRunner transactions;

  public DynamoDbSkinUploadStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.transactions = new TransactionRunner(dynamoDb, RETRY);
  }

  @Override
  public void create(SkinUpload upload) {
    Map<String, AttributeValue> item = SkinItems.uploadItem(upload, RETENTION);
    try {
      dynamoDb.putItem(
          r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    } catch (ConditionalCheckFailedException e) {
      // The upload id is fresh, so the item can only be this very request's, written by an
      // earlier attempt whose answer was lost (the SDK then retried): that is success.
      Optional<SkinUpload> stored = find(upload.userId(), upload.uploadId());
      if (stored.isEmpty() || !stored.get().key().equals(upload.key())) {
        throw e;
      }
    }
  }

  @Override
  public Optional<SkinUpload> find(String userId, String uploadId) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                r ->
                    r.tableName(table)
                        .key(SkinItems.uploadKey(userId, uploadId))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty()
        ? Optional.empty()
        : Optional.of(SkinItems.toUpload(item));
  }

  @Override
  public Decision reject(SkinUpload upload, List<UploadReason> reasons, Instant now) {
    return decide(upload, UploadStatus.REJECTED, reasons, now, STILL_PENDING);
  }

  @Override
  public Decision fail(SkinUpload upload, List<UploadReason> reasons, Instant now) {
    return decide(upload, UploadStatus.FAILED, reasons, now, "#status = :pending");
  }

  private Decision decide(
      SkinUpload upload,
      UploadStatus status,
      List<UploadReason> reasons,
      Instant now,
      String condition) {
    Map<String, AttributeValue> values = pendingValues(now);
    values.put(":status", s(status.name()));
    values.put(":reasons", SkinItems.reasons(reasons));
    Map<String, String> names = new HashMap<>();
    names.put("#status", "status");
    names.put("#reasons", "reasons");
    names.put("#decidedAt", "decidedAt");
    if (condition.contains("#failAfter")) {
      names.put("#failAfter", "failAfter");
    }
    try {
      dynamoDb.updateItem(
          r ->
              r.tableName(table)
                  .key(SkinItems.uploadKey(upload.userId(), upload.uploadId()))
                  .updateExpression("SET #status = :status, #reasons = :reasons, #decidedAt = :now")
                  .conditionExpression(condition)
                  .expressionAttributeNames(names)
                  .expressionAttributeValues(values));
      return Decision.RECORDED;
    } catch (ConditionalCheckFailedException e) {
      return Decision.ALREADY_DECIDED;
    }
  }

  @Override
  public Decision acceptAsActive(
      SkinUpload upload, SkinImage image, Optional<SkinImage> replacing, Instant now) {
    Update slot =
        Update.builder()
            .tableName(table)
            .key(SkinItems.skinKey(upload.userId()))
            .updateExpression("SET #userId = :userId, #slot = :image, #updatedAt = :now")
            .conditionExpression(
                replacing.isEmpty()
                    ? "attribute_not_exists(#slot)"
                    : "#slot.#uploadId = :replacedUploadId")
            .expressionAttributeNames(slotNames(upload, replacing))
            .expressionAttributeValues(slotValues(upload, image, replacing, now))
            .build();
    TransactionRunner.Result result =
        transactions.write(
            List.of(
                TransactWriteItem.builder().update(acceptUpdate(upload, image, true, now)).build(),
                TransactWriteItem.builder().update(slot).build()));
    if (result.applied()) {
      return Decision.RECORDED;
    } else {
      // Which condition failed? Reading the upload again answers it without relying on the
      // cancellation reasons' order.
      Optional<SkinUpload> current = find(upload.userId(), upload.uploadId());
      boolean stillOpen =
          current.isPresent()
              && current.get().status() == UploadStatus.PENDING
              && !current.get().isOverdue(now);
      return stillOpen ? Decision.SLOT_CHANGED : Decision.ALREADY_DECIDED;
    }
  }

  @Override
  public Decision acceptSuperseded(SkinUpload upload, SkinImage image, Instant now) {
    Update update = acceptUpdate(upload, image, false, now);
    try {
      dynamoDb.updateItem(
          r ->
              r.tableName(table)
                  .key(update.key())
                  .updateExpression(update.updateExpression())
                  .conditionExpression(update.conditionExpression())
                  .expressionAttributeNames(update.expressionAttributeNames())
                  .expressionAttributeValues(update.expressionAttributeValues()));
      return Decision.RECORDED;
    } catch (ConditionalCheckFailedException e) {
      return Decision.ALREADY_DECIDED;
    }
  }

  private Update acceptUpdate(SkinUpload upload, SkinImage image, boolean active, Instant now) {
    Map<String, AttributeValue> values = pendingValues(now);
    values.put(":status", s(UploadStatus.ACCEPTED.name()));
    values.put(":image", SkinItems.image(image));
    values.put(":active", AttributeValue.fromBool(active));
    values.put(":reasons", AttributeValue.fromL(List.of()));
    return Update.builder()
        .tableName(table)
        .key(SkinItems.uploadKey(upload.userId(), upload.uploadId()))
        .updateExpression(
            "SET #status = :status, #reasons = :reasons, #decidedAt = :now, #image = :image,"
                + " #active = :active")
        .conditionExpression(STILL_PENDING)
        .expressionAttributeNames(
            Map.of(
                "#status", "status",
                "#reasons", "reasons",
                "#decidedAt", "decidedAt",
                "#failAfter", "failAfter",
                "#image", "image",
                "#active", "active"))
        .expressionAttributeValues(values)
        .build();
  }

  private static Map<String, AttributeValue> pendingValues(Instant now) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":pending", s(UploadStatus.PENDING.name()));
    values.put(":now", time(now));
    return values;
  }

  private static Map<String, String> slotNames(SkinUpload upload, Optional<SkinImage> replacing) {
    Map<String, String> names = new HashMap<>();
    names.put("#userId", "userId");
    names.put("#slot", upload.slot().wireName());
    names.put("#updatedAt", "updatedAt");
    replacing.ifPresent(previous -> names.put("#uploadId", "uploadId"));
    return names;
  }

  private static Map<String, AttributeValue> slotValues(
      SkinUpload upload, SkinImage image, Optional<SkinImage> replacing, Instant now) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":userId", s(upload.userId()));
    values.put(":image", SkinItems.image(image));
    values.put(":now", time(now));
    replacing.ifPresent(previous -> values.put(":replacedUploadId", s(previous.uploadId())));
    return values;
  }
}
