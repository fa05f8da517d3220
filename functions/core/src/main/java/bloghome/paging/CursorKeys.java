package bloghome.paging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The cursor signing keys: new cursors are signed with {@code current}; cursors signed with {@code
 * previous} are still accepted, so a rotation does not break the cursors clients hold.
 *
 * <p>Stored as {@code current} or {@code current,previous} (each at least 32 characters), in SSM
 * Parameter Store as a SecureString in AWS (docs/operations.md#rotating-the-cursor-key).
 */
public record CursorKeys(byte[] current, Optional<byte[]> previous) {
  static final int MIN_LENGTH = 32;

  public CursorKeys {
    previous = previous == null ? Optional.empty() : previous;
  }

  public static CursorKeys of(String current) {
    return new CursorKeys(current.getBytes(StandardCharsets.UTF_8), Optional.empty());
  }

  /** Parses {@code current[,previous]}; the message of a failure never carries key material. */
  public static CursorKeys parse(String value) {
    List<String> parts = List.of(value.trim().split("\\s*,\\s*", -1));
    if (parts.size() > 2) {
      throw new IllegalStateException(
          "The cursor keys value holds "
              + parts.size()
              + " keys; it holds the current key and at most one previous key (current,previous).");
    }
    for (String part : parts) {
      if (part.length() < MIN_LENGTH) {
        throw new IllegalStateException(
            "Every cursor key must be at least " + MIN_LENGTH + " characters.");
      }
    }
    return new CursorKeys(
        parts.get(0).getBytes(StandardCharsets.UTF_8),
        parts.size() == 2
            ? Optional.of(parts.get(1).getBytes(StandardCharsets.UTF_8))
            : Optional.empty());
  }

  /** The keys a cursor may be signed with: current first. */
  List<byte[]> verifying() {
    return previous.map(p -> List.of(current, p)).orElse(List.of(current));
  }
}
