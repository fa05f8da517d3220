package bloghome.images;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.s;

import bloghome.skins.UploadReason;
import bloghome.skins.UploadStatus;
import bloghome.table.ItemUpdate;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Post image uploads in the single table. A verdict is a conditional update from PENDING (and, for
 * ACCEPTED and REJECTED, before the deadline), so a repeated S3 event records nothing new.
 */
public final class DynamoDbPostImageStore implements PostImageStore {
  /** Upload records are kept a day (TTL): the accepted copies' URLs live in the posts. */
  static final Duration RETENTION = Duration.ofDays(1);

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final TableAccess access;

  public DynamoDbPostImageStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.access = new TableAccess(dynamoDb, table);
  }

  @Override
  public boolean countUpload(String userId, LocalDate day, int limit) {
    ItemUpdate update =
        access
            .update(TableKeys.userPk(userId), TableKeys.imageDaySk(day.toString()))
            .add(TableKeys.UPLOAD_COUNT, n(1))
            .set(
                TableKeys.EXPIRES_AT,
                n(day.plusDays(2).atStartOfDay().toEpochSecond(ZoneOffset.UTC)));
    String count = update.name(TableKeys.UPLOAD_COUNT);
    update.when(
        "(attribute_not_exists("
            + count
            + ") OR "
            + count
            + " < "
            + update.value(":limit", n(limit))
            + ")");
    try {
      dynamoDb.updateItem(update.request().build());
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public void create(PostImageUpload upload) {
    Map<String, AttributeValue> item = PostImageItems.uploadItem(upload, RETENTION);
    try {
      dynamoDb.putItem(
          r -> r.tableName(table).item(item).conditionExpression(TableAccess.ITEM_ABSENT));
    } catch (ConditionalCheckFailedException e) {
      // A fresh id: only this request's own earlier attempt (answer lost, SDK retry) can be there.
      Optional<PostImageUpload> stored = find(upload.userId(), upload.uploadId());
      if (stored.isEmpty() || !stored.get().key().equals(upload.key())) {
        throw e;
      }
    }
  }

  @Override
  public Optional<PostImageUpload> find(String userId, String uploadId) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                r ->
                    r.tableName(table)
                        .key(PostImageItems.uploadKey(userId, uploadId))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty()
        ? Optional.empty()
        : Optional.of(PostImageItems.toUpload(item));
  }

  @Override
  public boolean accept(PostImageUpload upload, PostImageUpload.StoredImage image, Instant now) {
    ItemUpdate update =
        verdict(upload, UploadStatus.ACCEPTED, List.of(), now, true)
            .set(TableKeys.IMAGE, PostImageItems.image(image));
    return apply(update);
  }

  @Override
  public boolean reject(PostImageUpload upload, List<UploadReason> reasons, Instant now) {
    return apply(verdict(upload, UploadStatus.REJECTED, reasons, now, true));
  }

  @Override
  public boolean fail(PostImageUpload upload, List<UploadReason> reasons, Instant now) {
    return apply(verdict(upload, UploadStatus.FAILED, reasons, now, false));
  }

  private ItemUpdate verdict(
      PostImageUpload upload,
      UploadStatus status,
      List<UploadReason> reasons,
      Instant now,
      boolean inTime) {
    ItemUpdate update =
        access
            .update(TableKeys.userPk(upload.userId()), TableKeys.imageUploadSk(upload.uploadId()))
            .set(TableKeys.STATUS, s(status.name()))
            .set(TableKeys.REASONS, PostImageItems.reasons(reasons))
            .set(TableKeys.DECIDED_AT, PostImageItems.time(now));
    update.when(
        update.name(TableKeys.STATUS)
            + " = "
            + update.value(":pending", s(UploadStatus.PENDING.name())));
    if (inTime) {
      update.when(
          update.name(TableKeys.FAIL_AFTER)
              + " >= "
              + update.value(":now", PostImageItems.time(now)));
    }
    return update;
  }

  private boolean apply(ItemUpdate update) {
    try {
      dynamoDb.updateItem(update.request().build());
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }
}
