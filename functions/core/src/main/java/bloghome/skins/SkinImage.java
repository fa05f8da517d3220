package bloghome.skins;

import java.time.Instant;
import java.util.Objects;

/**
 * An accepted image, as a slot of a skin points at it.
 *
 * @param key the clean copy's object key, under {@code skins/}
 * @param bytes size of the clean copy
 * @param format {@code png} or {@code jpeg}
 * @param order which upload is newer: the upload's creation time and id, so that a late verdict for
 *     an older upload never replaces a newer image
 */
public record SkinImage(
    SkinSlot slot,
    String uploadId,
    String key,
    int width,
    int height,
    long bytes,
    String format,
    String contentType,
    String order,
    Instant acceptedAt) {

  public SkinImage {
    Objects.requireNonNull(slot, "slot");
    Objects.requireNonNull(uploadId, "uploadId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(order, "order");
  }

  /** True when this image comes from an upload created after {@code other}'s. */
  public boolean isNewerThan(SkinImage other) {
    return order.compareTo(other.order) > 0;
  }
}
