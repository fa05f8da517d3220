package bloghome.skins.api;

import bloghome.skins.ColorField;
import bloghome.skins.MediaUrls;
import bloghome.skins.Skin;
import bloghome.skins.SkinImage;
import bloghome.skins.SkinSlot;
import bloghome.skins.SkinUpload;
import bloghome.skins.SkinUploads;
import bloghome.skins.UploadReason;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the skin routes. */
final class SkinViews {
  private final MediaUrls mediaUrls;

  SkinViews(MediaUrls mediaUrls) {
    this.mediaUrls = mediaUrls;
  }

  Map<String, Object> skin(Skin skin) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (ColorField field : ColorField.values()) {
      body.put(field.wireName(), skin.color(field));
    }
    for (SkinSlot slot : SkinSlot.values()) {
      body.put(slot.wireName(), skin.image(slot).map(this::image).orElse(null));
    }
    return body;
  }

  private Map<String, Object> image(SkinImage image) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", mediaUrls.url(image.key()));
    body.put("width", image.width());
    body.put("height", image.height());
    return body;
  }

  Map<String, Object> newUpload(SkinUploads.NewUpload created) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("uploadId", created.upload().uploadId());
    body.put("slot", created.upload().slot().wireName());
    body.put("url", created.put().url().toString());
    body.put("method", "PUT");
    body.put("headers", created.put().headers());
    body.put("expiresAt", created.upload().urlExpiresAt().toString());
    return body;
  }

  Map<String, Object> upload(SkinUpload upload) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("uploadId", upload.uploadId());
    body.put("slot", upload.slot().wireName());
    body.put("status", upload.status().name());
    List<Map<String, Object>> reasons = new ArrayList<>();
    for (UploadReason reason : upload.reasons()) {
      reasons.add(Map.of("code", reason.code(), "message", reason.message()));
    }
    body.put("reasons", reasons);
    body.put("contentType", upload.contentType());
    body.put("contentLength", upload.contentLength());
    body.put("createdAt", upload.createdAt().toString());
    body.put("expiresAt", upload.urlExpiresAt().toString());
    body.put("decidedAt", upload.decidedAt().map(Object::toString).orElse(null));
    upload
        .accepted()
        .ifPresent(
            image -> {
              body.put("width", image.width());
              body.put("height", image.height());
              body.put("format", image.format());
              body.put("bytes", image.bytes());
              // False when a newer upload for the slot was accepted first: this one is not shown.
              body.put("active", upload.active());
            });
    return body;
  }

  /** A path segment, percent-encoded (a space as %20, never +). */
  static String pathSegment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
