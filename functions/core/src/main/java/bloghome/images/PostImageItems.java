package bloghome.images;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.s;

import bloghome.skins.UploadItems;
import bloghome.table.TableKeys;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Item mapping of {@link DynamoDbPostImageStore}: {@code USER#{userId} / IMAGE_UPLOAD#{id}}. */
final class PostImageItems {
  private PostImageItems() {}

  static Map<String, AttributeValue> uploadKey(String userId, String uploadId) {
    return TableKeys.key(TableKeys.userPk(userId), TableKeys.imageUploadSk(uploadId));
  }

  static Map<String, AttributeValue> uploadItem(PostImageUpload upload, Duration retention) {
    Map<String, AttributeValue> item =
        UploadItems.newItem(uploadKey(upload.userId(), upload.uploadId()), upload, retention);
    item.put(TableKeys.IMAGE_USE, s(upload.use().segment()));
    item.put(TableKeys.FILE_NAME, s(upload.fileName()));
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

  static PostImageUpload toUpload(Map<String, AttributeValue> item) {
    UploadItems.Common common = UploadItems.common(item);
    AttributeValue image = item.get(TableKeys.IMAGE);
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
        common.uploadId(),
        common.userId(),
        "avatar".equals(item.get(TableKeys.IMAGE_USE).s())
            ? PostImageKeys.Use.AVATAR
            : PostImageKeys.Use.POST,
        common.key(),
        common.contentType(),
        common.contentLength(),
        item.get(TableKeys.FILE_NAME).s(),
        common.status(),
        common.reasons(),
        common.createdAt(),
        common.urlExpiresAt(),
        common.failAfter(),
        common.decidedAt(),
        accepted);
  }
}
