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
    m.put("uploadId", s(image.uploadId()));
    m.put("key", s(image.key()));
    m.put("width", n(image.width()));
    m.put("height", n(image.height()));
    m.put("bytes", n(image.bytes()));
    m.put("format", s(image.format()));
    m.put("contentType", s(image.contentType()));
    m.put("order", s(image.order()));
    m.put("acceptedAt", s(Timestamps.format(image.acceptedAt())));
    return AttributeValue.fromM(m);
  }

  static SkinImage image(SkinSlot slot, AttributeValue value) {
    Map<String, AttributeValue> m = value.m();
    return new SkinImage(
        slot,
        m.get("uploadId").s(),
        m.get("key").s(),
        Integer.parseInt(m.get("width").n()),
        Integer.parseInt(m.get("height").n()),
        Long.parseLong(m.get("bytes").n()),
        m.get("format").s(),
        m.get("contentType").s(),
        m.get("order").s(),
        Timestamps.parse(m.get("acceptedAt").s()));
  }

  static AttributeValue time(Instant instant) {
    return s(Timestamps.format(instant));
  }

  /** A new upload's item; TTL removes it {@code retention} after its creation. */
  static Map<String, AttributeValue> uploadItem(SkinUpload upload, Duration retention) {
    Map<String, AttributeValue> item = uploadKey(upload.userId(), upload.uploadId());
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
          AttributeValue.fromM(Map.of("code", s(reason.code()), "message", s(reason.message()))));
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
        image == null || !image.hasM() ? Optional.empty() : Optional.of(image(slot, image)),
        active != null && Boolean.TRUE.equals(active.bool()));
  }
}
