package bloghome.search.store;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAwsExtension.class)
class S3IndexStoreIT {
  private S3IndexStore store;

  @BeforeEach
  void setUp(LocalAws aws) {
    store = new S3IndexStore(aws.s3Client(), aws.freshBucket());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void save_isConditional_onTheVersionRead() {
    assertThat(store.fetch("u1", Optional.empty())).isInstanceOf(IndexStore.Fetched.Missing.class);
    assertThat(store.save("u1", bytes("one"), Optional.empty())).isTrue();
    // A second first save loses: the index exists now.
    assertThat(store.save("u1", bytes("other"), Optional.empty())).isFalse();

    var found = (IndexStore.Fetched.Found) store.fetch("u1", Optional.empty());
    String v1 = found.stored().version();
    assertThat(new String(found.stored().bytes(), StandardCharsets.UTF_8)).isEqualTo("one");
    assertThat(store.fetch("u1", Optional.of(v1))).isInstanceOf(IndexStore.Fetched.Unchanged.class);

    assertThat(store.save("u1", bytes("two"), Optional.of(v1))).isTrue();
    // A writer that read v1 too loses to the one that saved "two".
    assertThat(store.save("u1", bytes("stale"), Optional.of(v1))).isFalse();
    var latest = (IndexStore.Fetched.Found) store.fetch("u1", Optional.of(v1));
    assertThat(new String(latest.stored().bytes(), StandardCharsets.UTF_8)).isEqualTo("two");
  }

  @Test
  void owner_isKeptPerPost() {
    assertThat(store.owner("p1")).isEmpty();
    store.saveOwner("p1", "u1");
    assertThat(store.owner("p1")).contains("u1");
    store.deleteOwner("p1");
    assertThat(store.owner("p1")).isEmpty();
  }
}
