package bloghome.images;

import static bloghome.table.Attributes.n;

import bloghome.skins.UploadItems;
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
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
    return UploadItems.applied(dynamoDb, update);
  }

  @Override
  public void create(PostImageUpload upload) {
    UploadItems.create(
        dynamoDb,
        table,
        PostImageItems.uploadItem(upload, RETENTION),
        () -> find(upload.userId(), upload.uploadId()));
  }

  @Override
  public Optional<PostImageUpload> find(String userId, String uploadId) {
    return Optional.ofNullable(
            access.get(TableKeys.userPk(userId), TableKeys.imageUploadSk(uploadId), true))
        .map(PostImageItems::toUpload);
  }

  @Override
  public boolean accept(PostImageUpload upload, PostImageUpload.StoredImage image, Instant now) {
    return UploadItems.applied(
        dynamoDb,
        verdict(upload, UploadStatus.ACCEPTED, List.of(), now, true)
            .set(TableKeys.IMAGE, PostImageItems.image(image)));
  }

  @Override
  public boolean reject(PostImageUpload upload, List<UploadReason> reasons, Instant now) {
    return UploadItems.applied(
        dynamoDb, verdict(upload, UploadStatus.REJECTED, reasons, now, true));
  }

  @Override
  public boolean fail(PostImageUpload upload, List<UploadReason> reasons, Instant now) {
    return UploadItems.applied(dynamoDb, verdict(upload, UploadStatus.FAILED, reasons, now, false));
  }

  private ItemUpdate verdict(
      PostImageUpload upload,
      UploadStatus status,
      List<UploadReason> reasons,
      Instant now,
      boolean inTime) {
    return UploadItems.verdict(
        access,
        TableKeys.userPk(upload.userId()),
        TableKeys.imageUploadSk(upload.uploadId()),
        status,
        reasons,
        now,
        inTime);
  }
}
