package bloghome.skins;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Presigns S3 PUTs with {@code Content-Type} and {@code Content-Length} in the signature, so S3
 * itself refuses any other type or size before a byte is stored.
 */
public final class S3UploadUrlSigner implements UploadUrlSigner {
  private final S3Presigner presigner;
  private final String bucket;

  public S3UploadUrlSigner(S3Presigner presigner, String bucket) {
    this.presigner = presigner;
    this.bucket = bucket;
  }

  @Override
  public SignedPut signPut(String key, String contentType, long contentLength, Duration validity) {
    PresignedPutObjectRequest presigned =
        presigner.presignPutObject(
            r ->
                r.signatureDuration(validity)
                    .putObjectRequest(
                        PutObjectRequest.builder()
                            .bucket(bucket)
                            .key(key)
                            .contentType(contentType)
                            .contentLength(contentLength)
                            .build()));
    Map<String, String> headers = new TreeMap<>();
    for (Map.Entry<String, List<String>> header : presigned.signedHeaders().entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      // The client sets Host from the URL itself.
      if (!name.equals("host")) {
        headers.put(name, String.join(",", header.getValue()));
      }
    }
    return new SignedPut(URI.create(presigned.url().toString()), headers, presigned.expiration());
  }
}
