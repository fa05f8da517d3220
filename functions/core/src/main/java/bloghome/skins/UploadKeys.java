package bloghome.skins;

import bloghome.ids.Ids;
import java.util.Optional;

/**
 * Object keys of raw uploads and accepted images.
 *
 * <p>Raw uploads live under {@code uploads/{userId}/{slot}/{uploadId}}: the server picks the whole
 * key and the id has 128 random bits, so nobody can write over someone else's object. Accepted
 * clean copies live under {@code skins/{userId}/{slot}/{uploadId}.{png|jpg}}, outside the prefix
 * that triggers the validator, so writing them never triggers it again.
 */
public final class UploadKeys {
  public static final String DEFAULT_UPLOAD_PREFIX = "uploads/";
  public static final String ACCEPTED_PREFIX = "skins/";
  public static final String UPLOAD_ID_PREFIX = "up";

  /** The parts of a raw upload's key. */
  public record Parsed(String userId, SkinSlot slot, String uploadId) {}

  private UploadKeys() {}

  public static String newUploadId() {
    return Ids.newId(UPLOAD_ID_PREFIX);
  }

  public static String uploadKey(
      String uploadPrefix, String userId, SkinSlot slot, String uploadId) {
    return uploadPrefix + userId + "/" + slot.wireName() + "/" + uploadId;
  }

  /** {@code skins/{userId}/{slot}/{uploadId}.png} or {@code .jpg}. */
  public static String acceptedKey(String userId, SkinSlot slot, String uploadId, String format) {
    String extension = "jpeg".equals(format) ? "jpg" : format;
    return ACCEPTED_PREFIX + userId + "/" + slot.wireName() + "/" + uploadId + "." + extension;
  }

  /**
   * Reads a decoded raw upload key. The user id is everything between the prefix and the last two
   * segments, so it may itself contain any character.
   */
  public static Optional<Parsed> parseUploadKey(String uploadPrefix, String key) {
    if (key == null || !key.startsWith(uploadPrefix)) {
      return Optional.empty();
    }
    String rest = key.substring(uploadPrefix.length());
    int idSlash = rest.lastIndexOf('/');
    if (idSlash <= 0) {
      return Optional.empty();
    }
    int slotSlash = rest.lastIndexOf('/', idSlash - 1);
    if (slotSlash <= 0) {
      return Optional.empty();
    }
    String userId = rest.substring(0, slotSlash);
    String uploadId = rest.substring(idSlash + 1);
    Optional<SkinSlot> slot = SkinSlot.fromWire(rest.substring(slotSlash + 1, idSlash));
    if (slot.isEmpty()
        || !slot.get().wireName().equals(rest.substring(slotSlash + 1, idSlash))
        || !Ids.looksValid(uploadId, UPLOAD_ID_PREFIX)) {
      return Optional.empty();
    }
    return Optional.of(new Parsed(userId, slot.get(), uploadId));
  }
}
