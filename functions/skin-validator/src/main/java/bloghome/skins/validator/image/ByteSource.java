package bloghome.skins.validator.image;

import java.io.IOException;
import java.util.Arrays;

/**
 * Where the bytes of an uploaded image come from, read lazily. The inspector reads a prefix to
 * check the header first and the whole object only when that passes, so an S3-backed source can
 * answer {@link #readPrefix} with a ranged GET.
 */
public interface ByteSource {

  /** Up to the first {@code n} bytes; fewer only when the object is shorter. */
  byte[] readPrefix(int n) throws IOException;

  /** Every byte of the object. */
  byte[] readAll() throws IOException;

  /** A source over bytes already in memory. */
  static ByteSource of(byte[] bytes) {
    byte[] held = bytes.clone();
    return new ByteSource() {
      @Override
      public byte[] readPrefix(int n) {
        return Arrays.copyOf(held, Math.min(n, held.length));
      }

      @Override
      public byte[] readAll() {
        return held.clone();
      }
    };
  }
}
