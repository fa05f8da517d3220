package bloghome.stats.visitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DailySaltTest {
  private static final LocalDate DAY = LocalDate.parse("2026-11-29");

  @Test
  void generate_makes32RandomBytes_expiringTwoDaysAfterTheStartOfTheDay() {
    SecureRandom random = new SecureRandom();

    DailySalt first = DailySalt.generate(DAY, random);
    DailySalt second = DailySalt.generate(DAY, random);

    assertThat(first.day()).isEqualTo(DAY);
    assertThat(first.secret()).hasSize(32);
    assertThat(first.secret()).isNotEqualTo(second.secret());
    assertThat(first.expiresAt()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
  }

  @Test
  void isExpiredAt_isFalseUntil48HoursAfterTheStartOfTheDay() {
    DailySalt salt = DailySalt.generate(DAY, new SecureRandom());

    assertThat(salt.isExpiredAt(Instant.parse("2026-11-29T00:00:00Z"))).isFalse();
    assertThat(salt.isExpiredAt(Instant.parse("2026-11-30T23:59:59Z"))).isFalse();
    assertThat(salt.isExpiredAt(Instant.parse("2026-12-01T00:00:00Z"))).isTrue();
  }

  @Test
  void secret_cannotBeChangedFromOutside() {
    byte[] given = new byte[32];
    DailySalt salt = new DailySalt(DAY, given, DailySalt.expiryOf(DAY));

    given[0] = 9;
    salt.secret()[1] = 9;

    assertThat(salt.secret()).containsOnly(0);
  }

  @Test
  void constructor_rejectsASecretOfAnotherLength() {
    assertThatThrownBy(() -> new DailySalt(DAY, new byte[16], DailySalt.expiryOf(DAY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32");
  }

  @Test
  void toString_leavesTheSecretOut() {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) 0x41);
    DailySalt salt = new DailySalt(DAY, secret, DailySalt.expiryOf(DAY));

    assertThat(salt.toString()).contains("2026-11-29").doesNotContain("AAAA").doesNotContain("65");
  }

  @Test
  void equals_comparesTheSecretsContent() {
    DailySalt salt = DailySalt.generate(DAY, new SecureRandom());

    assertThat(new DailySalt(salt.day(), salt.secret(), salt.expiresAt())).isEqualTo(salt);
  }
}
