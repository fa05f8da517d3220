package bloghome.skins;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.s;

import bloghome.table.TableKeys;
import bloghome.time.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
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
    return s(Timestamps.format(instant));
  }

  /** A new upload's item; TTL removes it {@code retention} after its creation. */
  static Map<String, AttributeValue> uploadItem(SkinUpload upload, Duration retention) {
    Map<String, AttributeValue> item = uploadKey(upload.userId(), upload.uploadId());
    item.put(TableKeys.UPLOAD_ID, s(upload.uploadId()));
    item.put(TableKeys.ITEM_USER_ID, s(upload.userId()));
    item.put(TableKeys.SLOT, s(upload.slot().wireName()));
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

  static SkinUpload toUpload(Map<String, AttributeValue> item) {
    SkinSlot slot = SkinSlot.fromWire(item.get(TableKeys.SLOT).s()).orElseThrow();
    List<UploadReason> reasons = new ArrayList<>();
    AttributeValue storedReasons = item.get(TableKeys.REASONS);
    if (storedReasons != null && storedReasons.hasL()) {
      for (AttributeValue reason : storedReasons.l()) {
        reasons.add(
            new UploadReason(
                reason.m().get(TableKeys.REASON_CODE).s(),
                reason.m().get(TableKeys.REASON_MESSAGE).s()));
      }
    }
    AttributeValue image = item.get(TableKeys.IMAGE);
    AttributeValue active = item.get(TableKeys.ACTIVE);
    AttributeValue decidedAt = item.get(TableKeys.DECIDED_AT);
    return new SkinUpload(
        item.get(TableKeys.UPLOAD_ID).s(),
        item.get(TableKeys.ITEM_USER_ID).s(),
        slot,
        item.get(TableKeys.OBJECT_KEY).s(),
        item.get(TableKeys.CONTENT_TYPE).s(),
        Long.parseLong(item.get(TableKeys.CONTENT_LENGTH).n()),
        UploadStatus.valueOf(item.get(TableKeys.STATUS).s()),
        reasons,
        Timestamps.parse(item.get(TableKeys.CREATED_AT).s()),
        Timestamps.parse(item.get(TableKeys.URL_EXPIRES_AT).s()),
        Timestamps.parse(item.get(TableKeys.FAIL_AFTER).s()),
        decidedAt == null ? Optional.empty() : Optional.of(Timestamps.parse(decidedAt.s())),
        image == null || !image.hasM() ? Optional.empty() : Optional.of(image(slot, image)),
        active != null && Boolean.TRUE.equals(active.bool()));
  }
}
