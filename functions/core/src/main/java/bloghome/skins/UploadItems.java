package bloghome.skins;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.s;

import bloghome.table.ItemUpdate;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import bloghome.time.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The attributes and writes every upload item shares ({@link UploadRecord}): the skin and post
 * image stores add only what their kind has (slot, use, file name, image).
 */
public final class UploadItems {
  private UploadItems() {}

  /** The fields of an upload item that every kind has, as read back. */
  public record Common(
      String uploadId,
      String userId,
      String key,
      String contentType,
      long contentLength,
      UploadStatus status,
      List<UploadReason> reasons,
      Instant createdAt,
      Instant urlExpiresAt,
      Instant failAfter,
      Optional<Instant> decidedAt) {}

  public static AttributeValue time(Instant instant) {
    return s(Timestamps.format(instant));
  }

  /** A new upload's item under {@code key}; TTL removes it {@code retention} after its creation. */
  public static Map<String, AttributeValue> newItem(
      Map<String, AttributeValue> key, UploadRecord upload, Duration retention) {
    Map<String, AttributeValue> item = key;
    item.put(TableKeys.UPLOAD_ID, s(upload.uploadId()));
    item.put(TableKeys.ITEM_USER_ID, s(upload.userId()));
    item.put(TableKeys.OBJECT_KEY, s(upload.key()));
    item.put(TableKeys.CONTENT_TYPE, s(upload.contentType()));
    item.put(TableKeys.CONTENT_LENGTH, n(upload.contentLength()));
    item.put(TableKeys.STATUS, s(upload.status().name()));
    item.put(TableKeys.CREATED_AT, time(upload.createdAt()));
    item.put(TableKeys.URL_EXPIRES_AT, time(upload.urlExpiresAt()));
    item.put(TableKeys.FAIL_AFTER, time(upload.failAfter()));
    item.put(TableKeys.EXPIRES_AT, n(upload.createdAt().plus(retention).getEpochSecond()));
    return item;
  }

  public static Common common(Map<String, AttributeValue> item) {
    List<UploadReason> reasons = new ArrayList<>();
    AttributeValue stored = item.get(TableKeys.REASONS);
    if (stored != null && stored.hasL()) {
      for (AttributeValue reason : stored.l()) {
        reasons.add(
            new UploadReason(
                reason.m().get(TableKeys.REASON_CODE).s(),
                reason.m().get(TableKeys.REASON_MESSAGE).s()));
      }
    }
    AttributeValue decidedAt = item.get(TableKeys.DECIDED_AT);
    return new Common(
        item.get(TableKeys.UPLOAD_ID).s(),
        item.get(TableKeys.ITEM_USER_ID).s(),
        item.get(TableKeys.OBJECT_KEY).s(),
        item.get(TableKeys.CONTENT_TYPE).s(),
        Long.parseLong(item.get(TableKeys.CONTENT_LENGTH).n()),
        UploadStatus.valueOf(item.get(TableKeys.STATUS).s()),
        reasons,
        Timestamps.parse(item.get(TableKeys.CREATED_AT).s()),
        Timestamps.parse(item.get(TableKeys.URL_EXPIRES_AT).s()),
        Timestamps.parse(item.get(TableKeys.FAIL_AFTER).s()),
        decidedAt == null ? Optional.empty() : Optional.of(Timestamps.parse(decidedAt.s())));
  }

  /**
   * Puts a new upload's item once. The upload id is fresh, so an item already there can only be
   * this very request's, written by an earlier attempt whose answer was lost (the SDK then
   * retried): that is success when it names the same object.
   */
  public static void create(
      DynamoDbClient dynamoDb,
      String table,
      Map<String, AttributeValue> item,
      Supplier<Optional<? extends UploadRecord>> stored) {
    try {
      dynamoDb.putItem(
          r -> r.tableName(table).item(item).conditionExpression(TableAccess.ITEM_ABSENT));
    } catch (ConditionalCheckFailedException e) {
      Optional<? extends UploadRecord> found = stored.get();
      if (found.isEmpty() || !found.get().key().equals(item.get(TableKeys.OBJECT_KEY).s())) {
        throw e;
      }
    }
  }

  /**
   * A verdict on the upload item at {@code pk}/{@code sk}: its status, reasons and time, only while
   * it is pending and, {@code inTime}, while its time to fail is not past.
   */
  public static ItemUpdate verdict(
      TableAccess access,
      String pk,
      String sk,
      UploadStatus status,
      List<UploadReason> reasons,
      Instant now,
      boolean inTime) {
    ItemUpdate update =
        access
            .update(pk, sk)
            .set(TableKeys.STATUS, s(status.name()))
            .set(TableKeys.REASONS, reasons(reasons))
            .set(TableKeys.DECIDED_AT, time(now));
    update.when(
        update.name(TableKeys.STATUS)
            + " = "
            + update.value(":pending", s(UploadStatus.PENDING.name())));
    if (inTime) {
      update.when(update.name(TableKeys.FAIL_AFTER) + " >= " + update.value(":now", time(now)));
    }
    return update;
  }

  /** Applies a conditional update; false when its condition did not hold. */
  public static boolean applied(DynamoDbClient dynamoDb, ItemUpdate update) {
    try {
      dynamoDb.updateItem(update.request().build());
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  private static AttributeValue reasons(List<UploadReason> reasons) {
    List<AttributeValue> list = new ArrayList<>();
    for (UploadReason reason : reasons) {
      list.add(
          AttributeValue.fromM(
              Map.of(
                  TableKeys.REASON_CODE,
                  s(reason.code()),
                  TableKeys.REASON_MESSAGE,
                  s(reason.message()))));
    }
    return AttributeValue.fromL(list);
  }
}
