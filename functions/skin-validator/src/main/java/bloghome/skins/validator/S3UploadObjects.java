package bloghome.skins.validator;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link UploadObjects} on S3. Reads are pinned to the ETag the HEAD saw, so the bytes inspected
 * are the bytes whose size was checked, even if the owner PUTs again meanwhile.
 */
public final class S3UploadObjects implements UploadObjects {
  private final S3Client s3;
  private final String bucket;

  public S3UploadObjects(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  @Override
  public Optional<Head> head(String key) {
    try {
      HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
      return Optional.of(new Head(head.contentLength(), head.contentType(), head.eTag()));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public CountingSource bytes(String key, Head head, long maxBytes) {
    return new CountingSource() {
      private final AtomicLong read = new AtomicLong();
      // What has been read so far, from byte 0: later reads fetch only what follows, so no byte
      // is downloaded twice (a small image is read once, in the first request).
      private byte[] start = new byte[0];

      @Override
      public synchronized byte[] readPrefix(int n) throws IOException {
        extendTo(Math.min((long) n, head.size()));
        return start.length <= n ? start : Arrays.copyOf(start, n);
      }

      @Override
      public synchronized byte[] readAll() throws IOException {
        if (start.length < head.size()) {
          // Up to one byte past the limit, so that an object larger than the limit shows it.
          extendTo(maxBytes + 1);
        }
        return start;
      }

      private void extendTo(long length) throws IOException {
        if (length <= start.length) {
          return;
        }
        byte[] more = range(start.length, length - 1);
        byte[] joined = Arrays.copyOf(start, start.length + more.length);
        System.arraycopy(more, 0, joined, start.length, more.length);
        start = joined;
      }

      @Override
      public long bytesRead() {
        return read.get();
      }

      private byte[] range(long first, long last) throws IOException {
        try {
          ResponseBytes<GetObjectResponse> bytes =
              s3.getObjectAsBytes(
                  r -> {
                    r.bucket(bucket).key(key).range("bytes=" + first + "-" + last);
                    if (head.eTag() != null) {
                      r.ifMatch(head.eTag());
                    }
                  });
          byte[] array = bytes.asByteArray();
          read.addAndGet(array.length);
          return array;
        } catch (S3Exception e) {
          // 404 or 412: the object went away or changed since the HEAD.
          throw new IOException("cannot read " + key + ": " + e.statusCode(), e);
        }
      }
    };
  }

  @Override
  public void put(String key, byte[] bytes, String contentType) {
    s3.putObject(
        r ->
            r.bucket(bucket)
                .key(key)
                .contentType(contentType)
                // Clean copies never change: a new image gets a new key.
                .cacheControl("public, max-age=31536000, immutable"),
        RequestBody.fromBytes(bytes));
  }

  @Override
  public void delete(String key) {
    s3.deleteObject(r -> r.bucket(bucket).key(key));
  }
}
