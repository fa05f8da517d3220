package bloghome.skins.api;

import bloghome.images.PostImageUpload;
import bloghome.images.PostImages;
import bloghome.skins.MediaUrls;
import bloghome.skins.UploadReason;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of the post image routes (docs/images.md). */
final class PostImageViews {
  private static final int MAX_ALT = 100;

  private final MediaUrls mediaUrls;

  PostImageViews(MediaUrls mediaUrls) {
    this.mediaUrls = mediaUrls;
  }

  Map<String, Object> newUpload(PostImages.NewUpload created) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("uploadId", created.upload().uploadId());
    body.put("url", created.put().url().toString());
    body.put("method", "PUT");
    body.put("headers", created.put().headers());
    body.put("expiresAt", created.upload().urlExpiresAt().toString());
    return body;
  }

  Map<String, Object> upload(PostImageUpload upload) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("uploadId", upload.uploadId());
    body.put("use", upload.use().segment());
    body.put("status", upload.status().name());
    if (!upload.reasons().isEmpty()) {
      // The first reason is the one the editor shows; all are listed for other clients.
      UploadReason first = upload.reasons().getFirst();
      body.put("reason", Map.of("code", first.code(), "message", first.message()));
      body.put(
          "reasons",
          upload.reasons().stream()
              .map(r -> Map.of("code", r.code(), "message", r.message()))
              .toList());
    }
    upload
        .image()
        .ifPresent(
            image -> {
              String src = mediaUrls.url(image.key());
              Map<String, Object> view = new LinkedHashMap<>();
              view.put("src", src);
              view.put("width", image.width());
              view.put("height", image.height());
              view.put("markdown", "![" + alt(upload.fileName()) + "](" + src + ")");
              body.put("image", view);
            });
    return body;
  }

  /**
   * The alt text a new image starts with: its file name without the extension, with the characters
   * that would end the Markdown label escaped. The author is expected to edit it.
   */
  static String alt(String fileName) {
    String name = fileName == null ? "" : fileName;
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      name = name.substring(0, dot);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length() && out.length() < MAX_ALT; i++) {
      char c = name.charAt(i);
      if (c == '\\' || c == '[' || c == ']' || c == '*' || c == '_' || c == '`') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.toString().strip();
  }
}
