package bloghome.skins;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.s;

import bloghome.table.TableKeys;
import bloghome.time.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Item mapping of the skin and upload stores (see docs/skins.md): a skin is {@code USER#{userId} /
 * SKIN}, an upload {@code USER#{userId} / SKIN_UPLOAD#{uploadId}} (keys built by {@link
 * TableKeys}).
 */
final class SkinItems {
  private SkinItems() {}

  static Map<String, AttributeValue> skinKey(String userId) {
    return TableKeys.key(TableKeys.userPk(userId), TableKeys.SKIN);
  }

  static Map<String, AttributeValue> uploadKey(String userId, String uploadId) {
    return TableKeys.key(TableKeys.userPk(userId), TableKeys.skinUploadSk(uploadId));
  }

  static AttributeValue image(SkinImage image) {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put(TableKeys.UPLOAD_ID, s(image.uploadId()));
    m.put(TableKeys.IMAGE_KEY, s(image.key()));
    m.put(TableKeys.IMAGE_WIDTH, n(image.width()));
    m.put(TableKeys.IMAGE_HEIGHT, n(image.height()));
    m.put(TableKeys.IMAGE_BYTES, n(image.bytes()));
    m.put(TableKeys.IMAGE_FORMAT, s(image.format()));
    m.put(TableKeys.CONTENT_TYPE, s(image.contentType()));
    m.put(TableKeys.IMAGE_ORDER, s(image.order()));
    m.put(TableKeys.IMAGE_ACCEPTED_AT, s(Timestamps.format(image.acceptedAt())));
    return AttributeValue.fromM(m);
  }

  static SkinImage image(SkinSlot slot, AttributeValue value) {
    Map<String, AttributeValue> m = value.m();
    return new SkinImage(
        slot,
        m.get(TableKeys.UPLOAD_ID).s(),
        m.get(TableKeys.IMAGE_KEY).s(),
        Integer.parseInt(m.get(TableKeys.IMAGE_WIDTH).n()),
        Integer.parseInt(m.get(TableKeys.IMAGE_HEIGHT).n()),
        Long.parseLong(m.get(TableKeys.IMAGE_BYTES).n()),
        m.get(TableKeys.IMAGE_FORMAT).s(),
        m.get(TableKeys.CONTENT_TYPE).s(),
        m.get(TableKeys.IMAGE_ORDER).s(),
        Timestamps.parse(m.get(TableKeys.IMAGE_ACCEPTED_AT).s()));
  }

  static AttributeValue time(Instant instant) {
    return UploadItems.time(instant);
  }

  static Map<String, AttributeValue> uploadItem(SkinUpload upload, Duration retention) {
    Map<String, AttributeValue> item =
        UploadItems.newItem(uploadKey(upload.userId(), upload.uploadId()), upload, retention);
    item.put(TableKeys.SLOT, s(upload.slot().wireName()));
    return item;
  }

  static Skin toSkin(String userId, Map<String, AttributeValue> item) {
    Map<ColorField, String> colors = new EnumMap<>(ColorField.class);
    for (ColorField field : ColorField.values()) {
      AttributeValue value = item.get(field.wireName());
      if (value != null && value.s() != null) {
        colors.put(field, value.s());
      }
    }
    Map<SkinSlot, SkinImage> images = new EnumMap<>(SkinSlot.class);
    for (SkinSlot slot : SkinSlot.values()) {
      AttributeValue value = item.get(slot.wireName());
      if (value != null && value.hasM()) {
        images.put(slot, image(slot, value));
      }
    }
    return new Skin(userId, colors, images);
  }

  static SkinUpload toUpload(Map<String, AttributeValue> item) {
    SkinSlot slot = SkinSlot.fromWire(item.get(TableKeys.SLOT).s()).orElseThrow();
    UploadItems.Common common = UploadItems.common(item);
    AttributeValue image = item.get(TableKeys.IMAGE);
    AttributeValue active = item.get(TableKeys.ACTIVE);
    return new SkinUpload(
        common.uploadId(),
        common.userId(),
        slot,
        common.key(),
        common.contentType(),
        common.contentLength(),
        common.status(),
        common.reasons(),
        common.createdAt(),
        common.urlExpiresAt(),
        common.failAfter(),
        common.decidedAt(),
        image == null || !image.hasM() ? Optional.empty() : Optional.of(image(slot, image)),
        active != null && Boolean.TRUE.equals(active.bool()));
  }
}
