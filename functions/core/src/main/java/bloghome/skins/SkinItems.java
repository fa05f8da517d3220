package bloghome.skins;

import bloghome.time.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Item keys and attribute mapping shared by the skin and upload stores (see docs/skins.md): a
 * skin is {@code USER#{userId} / SKIN}, an upload {@code USER#{userId} / SKIN_UPLOAD#{uploadId}}.
 */
final class SkinItems {
  static final String PK = "pk";
  static final String SK = "sk";
  static final String SKIN_SK = "SKIN";
  static final String UPLOAD_SK_PREFIX = "SKIN_UPLOAD#";

  private SkinItems() {}

  static Map<String, AttributeValue> skinKey(String userId) {
    return Map.of(PK, s("USER#" + userId), SK, s(SKIN_SK));
  }

  static Map<String, AttributeValue> uploadKey(String userId, String uploadId) {
    return Map.of(PK, s("USER#" + userId), SK, s(UPLOAD_SK_PREFIX + uploadId));
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

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  static AttributeValue time(Instant instant) {
    return s(Timestamps.format(instant));
  }
}
