package bloghome.skins;

import bloghome.time.Timestamps;
import static bloghome.skins.SkinItems.n;
import static bloghome.skins.SkinItems.s;
import static bloghome.skins.SkinItems.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
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

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbSkinUploadStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public void create(SkinUpload upload) {
    Map<String, AttributeValue> item = new LinkedHashMap<>(SkinItems.uploadKey(upload.userId(), upload.uploadId()));
    item.put("uploadId", s(upload.uploadId()));
    item.put("userId", s(upload.userId()));
    item.put("slot", s(upload.slot().wireName()));
    item.put("objectKey", s(upload.key()));
    item.put("contentType", s(upload.contentType()));
    item.put("contentLength", n(upload.contentLength()));
    item.put("status", s(upload.status().name()));
    item.put("createdAt", time(upload.createdAt()));
    item.put("urlExpiresAt", time(upload.urlExpiresAt()));
    item.put("failAfter", time(upload.failAfter()));
    item.put("expiresAt", n(upload.createdAt().plus(RETENTION).getEpochSecond()));
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
                r -> r.tableName(table).key(SkinItems.uploadKey(userId, uploadId)).consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toUpload(item));
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
      SkinUpload upload, UploadStatus status, List<UploadReason> reasons, Instant now, String condition) {
    Map<String, AttributeValue> values = pendingValues(now);
    values.put(":status", s(status.name()));
    values.put(":reasons", reasons(reasons));
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
    try {
      dynamoDb.transactWriteItems(
          r ->
              r.transactItems(
                  TransactWriteItem.builder().update(acceptUpdate(upload, image, true, now)).build(),
                  TransactWriteItem.builder().update(slot).build()));
      return Decision.RECORDED;
    } catch (TransactionCanceledException e) {
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

  private static AttributeValue reasons(List<UploadReason> reasons) {
    List<AttributeValue> list = new ArrayList<>();
    for (UploadReason reason : reasons) {
      list.add(AttributeValue.fromM(Map.of("code", s(reason.code()), "message", s(reason.message()))));
    }
    return AttributeValue.fromL(list);
  }

  static SkinUpload toUpload(Map<String, AttributeValue> item) {
    SkinSlot slot = SkinSlot.fromWire(item.get("slot").s()).orElseThrow();
    List<UploadReason> reasons = new ArrayList<>();
    AttributeValue storedReasons = item.get("reasons");
    if (storedReasons != null && storedReasons.hasL()) {
      for (AttributeValue reason : storedReasons.l()) {
        reasons.add(new UploadReason(reason.m().get("code").s(), reason.m().get("message").s()));
      }
    }
    AttributeValue image = item.get("image");
    AttributeValue active = item.get("active");
    AttributeValue decidedAt = item.get("decidedAt");
    return new SkinUpload(
        item.get("uploadId").s(),
        item.get("userId").s(),
        slot,
        item.get("objectKey").s(),
        item.get("contentType").s(),
        Long.parseLong(item.get("contentLength").n()),
        UploadStatus.valueOf(item.get("status").s()),
        reasons,
        Timestamps.parse(item.get("createdAt").s()),
        Timestamps.parse(item.get("urlExpiresAt").s()),
        Timestamps.parse(item.get("failAfter").s()),
        decidedAt == null ? Optional.empty() : Optional.of(Timestamps.parse(decidedAt.s())),
        image == null || !image.hasM() ? Optional.empty() : Optional.of(SkinItems.image(slot, image)),
        active != null && Boolean.TRUE.equals(active.bool()));
  }
}
