package bloghome.skins.validator;

import bloghome.skins.validator.image.ByteSource;
import java.util.Optional;

/** The bucket as the validator sees it: raw uploads to read and delete, clean copies to write. */
public interface UploadObjects {

  /** What HeadObject says about an object. */
  record Head(long size, String contentType, String eTag) {}

  /** A byte source that knows how many bytes it fetched. */
  interface CountingSource extends ByteSource {
    long bytesRead();
  }

  /** Size and type without reading a byte of the body; empty when there is no such object. */
  Optional<Head> head(String key);

  /**
   * The object's bytes, fetched lazily: prefixes by ranged GET, and never more than {@code maxBytes
   * + 1} bytes in all, however large the object has become.
   */
  CountingSource bytes(String key, Head head, long maxBytes);

  void put(String key, byte[] bytes, String contentType);

  /** Deletes the object; deleting one that is already gone is fine. */
  void delete(String key);
}
