package bloghome.stats.visitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VisitorIdTest {
  private static final LocalDate DAY = LocalDate.parse("2026-11-29");
  private static final String IP = "203.0.113.7";
  private static final String UA =
      "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

  private static DailySalt salt(int fill) {
    byte[] secret = new byte[DailySalt.SECRET_BYTES];
    Arrays.fill(secret, (byte) fill);
    return new DailySalt(DAY, secret, DailySalt.expiryOf(DAY));
  }

  @Test
  void of_returnsTheSameId_forTheSameSaltIpAndUserAgent() {
    assertThat(VisitorId.of(salt(1), IP, UA)).isEqualTo(VisitorId.of(salt(1), IP, UA));
  }

  @Test
  void of_returnsAnotherId_whenTheSaltDiffers() {
    assertThat(VisitorId.of(salt(1), IP, UA)).isNotEqualTo(VisitorId.of(salt(2), IP, UA));
  }

  @Test
  void of_returnsAnotherId_whenTheIpDiffers() {
    assertThat(VisitorId.of(salt(1), IP, UA))
        .isNotEqualTo(VisitorId.of(salt(1), "203.0.113.8", UA));
  }

  @Test
  void of_returnsAnotherId_whenTheUserAgentDiffers() {
    assertThat(VisitorId.of(salt(1), IP, UA))
        .isNotEqualTo(VisitorId.of(salt(1), IP, UA.replace("133", "134")));
  }

  @Test
  void of_keepsTheBoundaryBetweenIpAndUserAgent() {
    // Without a separator, ("1.2.3.4", "5x") and ("1.2.3.45", "x") would hash the same text.
    assertThat(VisitorId.of(salt(1), "1.2.3.4", "5x"))
        .isNotEqualTo(VisitorId.of(salt(1), "1.2.3.45", "x"));
  }

  @Test
  void of_returns22UrlSafeCharacters_withoutTheIpOrTheUserAgent() {
    String id = VisitorId.of(salt(1), IP, UA);

    assertThat(id).hasSize(VisitorId.LENGTH).matches("[A-Za-z0-9_-]{22}");
    assertThat(id).doesNotContain(IP).doesNotContain(UA).doesNotContain("Firefox");
  }

  @Test
  void of_returnsTheKnownHmacPrefix_forAFixedSalt() {
    // HMAC-SHA256(key = 32 x 0x01, "203.0.113.7\n" + UA), first 16 bytes, base64url unpadded;
    // worked out apart from Java: printf '%s\n%s' "$IP" "$UA" | openssl dgst -sha256 -mac HMAC
    //   -macopt hexkey:0101...01 -binary | head -c 16 | basenc --base64url | tr -d '='
    assertThat(VisitorId.of(salt(1), IP, UA)).isEqualTo("eAtPrdr1PkjJ1BvRbP7LRw");
  }
}
