package bloghome.stats.visitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(LocalAwsExtension.class)
class DynamoDbSaltStoreIT {
  private static final LocalDate DAY = LocalDate.parse("2026-11-29");
  private static final Clock NOON =
      Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

  private LocalAws aws;
  private String table;

  @BeforeEach
  void setUp(LocalAws aws) {
    this.aws = aws;
    this.table = aws.freshTable("BlogTable");
  }

  @Test
  void saltFor_givesOneSaltPerDay_toEveryRacingEnvironment() throws Exception {
    List<Future<DailySalt>> salts = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (int i = 0; i < 16; i++) {
        // A store each, as each Lambda execution environment has its own.
        DynamoDbSaltStore store = new DynamoDbSaltStore(aws.dynamoDbClient(), table, NOON);
        salts.add(pool.submit(() -> store.saltFor(DAY)));
      }
    }

    DailySalt first = salts.get(0).get();
    for (Future<DailySalt> salt : salts) {
      assertThat(salt.get()).isEqualTo(first);
    }
    Map<String, AttributeValue> item = saltItem(DAY);
    assertThat(item.get("expiresAt").n())
        .isEqualTo(Long.toString(Instant.parse("2026-12-01T00:00:00Z").getEpochSecond()));
    assertThat(item.get("salt").b().asByteArray()).hasSize(32);
  }

  @Test
  void saltFor_differsByDay_isCachedInMemory_andDeletesTheSaltOfTwoDaysBefore() {
    DynamoDbSaltStore store =
        new DynamoDbSaltStore(
            aws.dynamoDbClient(),
            table,
            Clock.fixed(Instant.parse("2026-11-29T00:30:00Z"), ZoneOffset.UTC));
    DailySalt day1 = store.saltFor(DAY.minusDays(1));
    DailySalt day2 = store.saltFor(DAY);
    DailySalt day3 = store.saltFor(DAY.plusDays(1));

    assertThat(day1).isNotEqualTo(day2).isNotEqualTo(day3);
    assertThat(saltItem(DAY.minusDays(1))).isNull();
    // Cached: even with the item gone from the table, the same salt comes back.
    aws.dynamoDbClient().deleteItem(r -> r.tableName(table).key(key(DAY)));
    assertThat(store.saltFor(DAY)).isEqualTo(day2);
  }

  @Test
  void saltFor_refusesADayWhoseSaltHasExpired() {
    DynamoDbSaltStore store = new DynamoDbSaltStore(aws.dynamoDbClient(), table, NOON);

    assertThatThrownBy(() -> store.saltFor(DAY.minusDays(2)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Map<String, AttributeValue> saltItem(LocalDate day) {
    Map<String, AttributeValue> item =
        aws.dynamoDbClient()
            .getItem(r -> r.tableName(table).key(key(day)).consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? null : item;
  }

  private static Map<String, AttributeValue> key(LocalDate day) {
    return Map.of("pk", AttributeValue.fromS("SALT#" + day), "sk", AttributeValue.fromS("SALT"));
  }
}
