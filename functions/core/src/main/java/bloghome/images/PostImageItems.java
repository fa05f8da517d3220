package bloghome.images;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.s;

import bloghome.skins.UploadReason;
import bloghome.skins.UploadStatus;
import bloghome.table.TableKeys;
import bloghome.time.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Item mapping of {@link DynamoDbPostImageStore}: {@code USER#{userId} / IMAGE_UPLOAD#{id}}. */
final class PostImageItems {
  private PostImageItems() {}

  static Map<String, AttributeValue> uploadKey(String userId, String uploadId) {
    return TableKeys.key(TableKeys.userPk(userId), TableKeys.imageUploadSk(uploadId));
  }

  static AttributeValue time(Instant instant) {
    return s(Timestamps.format(instant));
  }

  static Map<String, AttributeValue> uploadItem(PostImageUpload upload, Duration retention) {
    Map<String, AttributeValue> item = uploadKey(upload.userId(), upload.uploadId());
    item.put(TableKeys.UPLOAD_ID, s(upload.uploadId()));
    item.put(TableKeys.ITEM_USER_ID, s(upload.userId()));
    item.put(TableKeys.IMAGE_USE, s(upload.use().segment()));
    item.put(TableKeys.OBJECT_KEY, s(upload.key()));
    item.put(TableKeys.CONTENT_TYPE, s(upload.contentType()));
    item.put(TableKeys.CONTENT_LENGTH, n(upload.bytes()));
    item.put(TableKeys.FILE_NAME, s(upload.fileName()));
    item.put(TableKeys.STATUS, s(upload.status().name()));
    item.put(TableKeys.CREATED_AT, time(upload.createdAt()));
    item.put(TableKeys.URL_EXPIRES_AT, time(upload.urlExpiresAt()));
    item.put(TableKeys.FAIL_AFTER, time(upload.failAfter()));
    item.put(TableKeys.EXPIRES_AT, n(upload.createdAt().plus(retention).getEpochSecond()));
    return item;
  }

  static AttributeValue image(PostImageUpload.StoredImage image) {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put(TableKeys.IMAGE_KEY, s(image.key()));
    m.put(TableKeys.IMAGE_WIDTH, n(image.width()));
    m.put(TableKeys.IMAGE_HEIGHT, n(image.height()));
    m.put(TableKeys.IMAGE_FORMAT, s(image.format()));
    m.put(TableKeys.IMAGE_BYTES, n(image.bytes()));
    return AttributeValue.fromM(m);
  }

  static AttributeValue reasons(List<UploadReason> reasons) {
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

  static PostImageUpload toUpload(Map<String, AttributeValue> item) {
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
    AttributeValue image = item.get(TableKeys.IMAGE);
    AttributeValue decidedAt = item.get(TableKeys.DECIDED_AT);
    Optional<PostImageUpload.StoredImage> accepted = Optional.empty();
    if (image != null && image.hasM()) {
      Map<String, AttributeValue> m = image.m();
      accepted =
          Optional.of(
              new PostImageUpload.StoredImage(
                  m.get(TableKeys.IMAGE_KEY).s(),
                  Integer.parseInt(m.get(TableKeys.IMAGE_WIDTH).n()),
                  Integer.parseInt(m.get(TableKeys.IMAGE_HEIGHT).n()),
                  m.get(TableKeys.IMAGE_FORMAT).s(),
                  Long.parseLong(m.get(TableKeys.IMAGE_BYTES).n())));
    }
    return new PostImageUpload(
        item.get(TableKeys.UPLOAD_ID).s(),
        item.get(TableKeys.ITEM_USER_ID).s(),
        "avatar".equals(item.get(TableKeys.IMAGE_USE).s())
            ? PostImageKeys.Use.AVATAR
            : PostImageKeys.Use.POST,
        item.get(TableKeys.OBJECT_KEY).s(),
        item.get(TableKeys.CONTENT_TYPE).s(),
        Long.parseLong(item.get(TableKeys.CONTENT_LENGTH).n()),
        item.get(TableKeys.FILE_NAME).s(),
        UploadStatus.valueOf(item.get(TableKeys.STATUS).s()),
        reasons,
        Timestamps.parse(item.get(TableKeys.CREATED_AT).s()),
        Timestamps.parse(item.get(TableKeys.URL_EXPIRES_AT).s()),
        Timestamps.parse(item.get(TableKeys.FAIL_AFTER).s()),
        decidedAt == null ? Optional.empty() : Optional.of(Timestamps.parse(decidedAt.s())),
        accepted);
  }
}
