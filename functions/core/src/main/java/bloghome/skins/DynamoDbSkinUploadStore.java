package bloghome.skins;

import static bloghome.skins.SkinItems.time;
import static bloghome.table.Attributes.s;

import bloghome.table.ItemUpdate;
import bloghome.table.RetryPolicy;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import bloghome.table.TransactionRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Uploads in the single table, next to the owner's other items. Verdicts are conditional updates
 * from PENDING; acceptance moves the slot in the same transaction, so an upload is never
 * ACCEPTED-and-active without the skin pointing at it, nor the reverse.
 */
public final class DynamoDbSkinUploadStore implements SkinUploadStore {
  /** Upload records are kept a day (DynamoDB TTL), like the raw objects in the bucket. */
  static final Duration RETENTION = Duration.ofDays(1);

  /**
   * An acceptance is tried once: whichever way it was cancelled (a verdict already recorded, the
   * slot changed, a conflict), the caller reads the upload again and answers from what it finds.
   */
  private static final RetryPolicy RETRY = RetryPolicy.reportAtOnce();

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final TransactionRunner transactions;
  private final TableAccess access;

  public DynamoDbSkinUploadStore(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.access = new TableAccess(dynamoDb, table);
    this.transactions = new TransactionRunner(dynamoDb, RETRY);
  }

  @Override
  public void create(SkinUpload upload) {
    UploadItems.create(
        dynamoDb,
        table,
        SkinItems.uploadItem(upload, RETENTION),
        () -> find(upload.userId(), upload.uploadId()));
  }

  @Override
  public Optional<SkinUpload> find(String userId, String uploadId) {
    return Optional.ofNullable(
            access.get(TableKeys.userPk(userId), TableKeys.skinUploadSk(uploadId), true))
        .map(SkinItems::toUpload);
  }

  @Override
  public Decision reject(SkinUpload upload, List<UploadReason> reasons, Instant now) {
    return decide(upload, UploadStatus.REJECTED, reasons, now, true);
  }

  @Override
  public Decision fail(SkinUpload upload, List<UploadReason> reasons, Instant now) {
    return decide(upload, UploadStatus.FAILED, reasons, now, false);
  }

  /** A verdict on a pending upload (and, {@code inTime}, one whose time is not up). */
  private Decision decide(
      SkinUpload upload,
      UploadStatus status,
      List<UploadReason> reasons,
      Instant now,
      boolean inTime) {
    return recorded(UploadItems.applied(dynamoDb, verdict(upload, status, reasons, now, inTime)));
  }

  private ItemUpdate verdict(
      SkinUpload upload,
      UploadStatus status,
      List<UploadReason> reasons,
      Instant now,
      boolean inTime) {
    return UploadItems.verdict(
        access,
        TableKeys.userPk(upload.userId()),
        TableKeys.skinUploadSk(upload.uploadId()),
        status,
        reasons,
        now,
        inTime);
  }

  private static Decision recorded(boolean applied) {
    return applied ? Decision.RECORDED : Decision.ALREADY_DECIDED;
  }

  @Override
  public Decision acceptAsActive(
      SkinUpload upload, SkinImage image, Optional<SkinImage> replacing, Instant now) {
    ItemUpdate slot =
        access
            .update(TableKeys.userPk(upload.userId()), TableKeys.SKIN)
            .set(TableKeys.ITEM_USER_ID, s(upload.userId()))
            .set(upload.slot().wireName(), SkinItems.image(image))
            .set(TableKeys.ITEM_UPDATED_AT, time(now));
    String slotName = slot.name(upload.slot().wireName());
    slot.when(
        replacing.isEmpty()
            ? "attribute_not_exists(" + slotName + ")"
            : slotName
                + "."
                + slot.name(TableKeys.UPLOAD_ID)
                + " = "
                + slot.value(":replacedUploadId", s(replacing.get().uploadId())));
    TransactionRunner.Result result =
        transactions.write(List.of(acceptUpdate(upload, image, true, now).item(), slot.item()));
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
    return recorded(UploadItems.applied(dynamoDb, acceptUpdate(upload, image, false, now)));
  }

  private ItemUpdate acceptUpdate(SkinUpload upload, SkinImage image, boolean active, Instant now) {
    return verdict(upload, UploadStatus.ACCEPTED, List.of(), now, true)
        .set(TableKeys.IMAGE, SkinItems.image(image))
        .set(TableKeys.ACTIVE, AttributeValue.fromBool(active));
  }
}
