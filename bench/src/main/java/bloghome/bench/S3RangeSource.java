package bloghome.bench;

import bloghome.skins.validator.image.ByteSource;
import java.util.Arrays;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The object's bytes from S3: a ranged GET for the prefix; for the whole object, only the part not
 * read yet (nothing more when the prefix was already all of it), so no byte is read twice.
 */
final class S3RangeSource implements ByteSource {
  private final S3Client s3;
  private final String bucket;
  private final String key;
  private byte[] prefix = new byte[0];
  private boolean complete;

  S3RangeSource(S3Client s3, String bucket, String key) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
  }

  @Override
  public byte[] readPrefix(int n) {
    if (n <= prefix.length || complete) {
      return Arrays.copyOf(prefix, Math.min(n, prefix.length));
    }
    byte[] more = get("bytes=" + prefix.length + "-" + (n - 1));
    complete = prefix.length + more.length < n;
    prefix = concat(prefix, more);
    return prefix.clone();
  }

  @Override
  public byte[] readAll() {
    if (!complete) {
      prefix = concat(prefix, prefix.length == 0 ? get(null) : get("bytes=" + prefix.length + "-"));
      complete = true;
    }
    return prefix.clone();
  }

  private byte[] get(String range) {
    try {
      return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key).range(range)).asByteArray();
    } catch (S3Exception e) {
      if (e.statusCode() == 416) {
        return new byte[0];
      }
      throw e;
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
