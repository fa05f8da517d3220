package bloghome.skins.validator;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;

/** Reads of an upload from S3: never a byte twice, never more than one past the limit. */
@ExtendWith(LocalAwsExtension.class)
class S3UploadObjectsIT {

  private static byte[] bytes(int size) {
    byte[] data = new byte[size];
    for (int i = 0; i < size; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    return data;
  }

  private UploadObjects.CountingSource sourceFor(
      LocalAws aws, String bucket, byte[] data, long maxBytes) {
    aws.s3Client().putObject(r -> r.bucket(bucket).key("uploads/x"), RequestBody.fromBytes(data));
    S3UploadObjects objects = new S3UploadObjects(aws.s3Client(), bucket);
    UploadObjects.Head head = objects.head("uploads/x").orElseThrow();
    return objects.bytes("uploads/x", head, maxBytes);
  }

  @Test
  void aSmallObject_isDownloadedOnce_byThePrefixRead(LocalAws aws) throws Exception {
    byte[] data = bytes(1_005);
    UploadObjects.CountingSource source = sourceFor(aws, aws.freshBucket(), data, 524_288);

    byte[] prefix = source.readPrefix(64 * 1024);
    byte[] all = source.readAll();

    assertThat(prefix).isEqualTo(data);
    assertThat(all).isEqualTo(data);
    assertThat(source.bytesRead()).isEqualTo(data.length);
  }

  @Test
  void aLargerObject_isCompletedFromWhereThePrefixEnded(LocalAws aws) throws Exception {
    byte[] data = bytes(200_000);
    UploadObjects.CountingSource source = sourceFor(aws, aws.freshBucket(), data, 2_097_152);

    assertThat(source.readPrefix(64 * 1024)).isEqualTo(Arrays.copyOf(data, 64 * 1024));
    assertThat(source.readPrefix(16)).isEqualTo(Arrays.copyOf(data, 16));
    assertThat(source.readAll()).isEqualTo(data);
    assertThat(source.bytesRead()).isEqualTo(data.length);
  }

  @Test
  void anObjectPastTheLimit_yieldsOneByteMoreThanTheLimit_andNoMore(LocalAws aws) throws Exception {
    byte[] data = bytes(5_000);
    UploadObjects.CountingSource source = sourceFor(aws, aws.freshBucket(), data, 1_000);

    assertThat(source.readAll()).hasSize(1_001);
    assertThat(source.bytesRead()).isEqualTo(1_001);
  }
}
