package bloghome.search.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The indexes under {@code search/} of the bucket, a prefix the distribution does not serve: {@code
 * search/users/{userId}/index} (the archive) and {@code search/posts/{postId}/owner}. Saves are S3
 * conditional writes ({@code If-Match} on the ETag read, {@code If-None-Match: *} for the first);
 * reads are conditional GETs ({@code If-None-Match}).
 */
public final class S3IndexStore implements IndexStore {
  /** The key prefix, as the template's IAM policy grants it. */
  public static final String PREFIX = "search/";

  private final S3Client s3;
  private final String bucket;

  public S3IndexStore(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  static String indexKey(String userId) {
    return PREFIX + "users/" + userId + "/index";
  }

  static String ownerKey(String postId) {
    return PREFIX + "posts/" + postId + "/owner";
  }

  @Override
  public Fetched fetch(String userId, Optional<String> knownVersion) {
    try {
      ResponseBytes<GetObjectResponse> object =
          s3.getObjectAsBytes(
              b -> {
                b.bucket(bucket).key(indexKey(userId));
                knownVersion.ifPresent(b::ifNoneMatch);
              });
      return new Fetched.Found(new Stored(object.asByteArray(), object.response().eTag()));
    } catch (NoSuchKeyException missing) {
      return new Fetched.Missing();
    } catch (S3Exception e) {
      if (e.statusCode() == 304) {
        return new Fetched.Unchanged();
      }
      if (e.statusCode() == 404) {
        return new Fetched.Missing();
      }
      throw e;
    }
  }

  @Override
  public boolean save(String userId, byte[] archive, Optional<String> basedOn) {
    PutObjectRequest.Builder put =
        PutObjectRequest.builder()
            .bucket(bucket)
            .key(indexKey(userId))
            .contentType("application/octet-stream");
    if (basedOn.isPresent()) {
      put.ifMatch(basedOn.get());
    } else {
      put.ifNoneMatch("*");
    }
    try {
      s3.putObject(put.build(), RequestBody.fromBytes(archive));
      return true;
    } catch (S3Exception e) {
      // 409: a concurrent conditional write is in flight. 412: the object changed (or now exists)
      // since it was read, unless the change is this very write: the SDK retries a PUT whose answer
      // was lost, and the retry's condition then fails on the object its first attempt wrote.
      if (e.statusCode() == 412) {
        return holds(userId, archive);
      }
      if (e.statusCode() == 409) {
        return false;
      }
      throw e;
    } catch (SdkClientException brokenConnection) {
      // A server may answer a failed condition before it has read the body and close the
      // connection under the client (S3Proxy does; the SDK then retries into the same answer):
      // whether this write landed is known only by reading what is stored now.
      return holds(userId, archive);
    }
  }

  /**
   * Whether the stored index is exactly {@code archive}: its ETag is the MD5 of the bytes (a single
   * PUT with S3-managed encryption); any other ETag means another writer's index.
   */
  private boolean holds(String userId, byte[] archive) {
    try {
      String eTag = s3.headObject(b -> b.bucket(bucket).key(indexKey(userId))).eTag();
      return eTag != null && eTag.replace("\"", "").equals(md5Hex(archive));
    } catch (NoSuchKeyException missing) {
      return false;
    }
  }

  private static String md5Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }

  @Override
  public Optional<String> owner(String postId) {
    try {
      return Optional.of(
          s3.getObjectAsBytes(b -> b.bucket(bucket).key(ownerKey(postId))).asUtf8String());
    } catch (NoSuchKeyException missing) {
      return Optional.empty();
    }
  }

  @Override
  public void saveOwner(String postId, String userId) {
    s3.putObject(
        b -> b.bucket(bucket).key(ownerKey(postId)).contentType("text/plain; charset=utf-8"),
        RequestBody.fromString(userId, StandardCharsets.UTF_8));
  }

  @Override
  public void deleteOwner(String postId) {
    s3.deleteObject(b -> b.bucket(bucket).key(ownerKey(postId)));
  }
}
