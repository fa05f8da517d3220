package bloghome.stats.visitor;

import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The random salt of each UTC day, shared by every execution environment.
 *
 * <p>Item: pk {@code SALT#yyyy-MM-dd}, sk {@code SALT}, {@code salt} (32 random bytes), {@code
 * expiresAt} = the day's start + 48 h. The first environment to need a day's salt creates it with a
 * conditional put; one that loses the race reads the winner's, so all agree. Each environment keeps
 * the current day's salt in memory (one read per day per environment). When a day's salt is
 * created, the one from two days earlier is deleted: TTL may take days to remove an item, and an
 * old salt must not outlive its purpose.
 */
public final class DynamoDbSaltStore implements SaltStore {
  private final SecureRandom random = new SecureRandom();
  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;
  private final Map<LocalDate, DailySalt> cache = new ConcurrentHashMap<>();

  public DynamoDbSaltStore(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
  }

  @Override
  public DailySalt saltFor(LocalDate day) {
    if (!clock.instant().isBefore(DailySalt.expiryOf(day))) {
      // TTL deletes lazily: a stored salt past its expiry must not be used, nor a new one made.
      throw new IllegalArgumentException("the salt of " + day + " has expired");
    }
    DailySalt cached = cache.get(day);
    if (cached != null) {
      return cached;
    }
    DailySalt salt = load(day);
    // Only the days in use stay in memory.
    cache.keySet().removeIf(d -> d.isBefore(day.minusDays(1)));
    cache.put(day, salt);
    return salt;
  }

  private DailySalt load(LocalDate day) {
    Map<String, AttributeValue> stored =
        dynamoDb.getItem(r -> r.tableName(table).key(key(day)).consistentRead(true)).item();
    if (stored != null && stored.containsKey(TableKeys.SALT_SECRET)) {
      return fromItem(day, stored);
    }
    DailySalt fresh = DailySalt.generate(day, random);
    Map<String, AttributeValue> item = new HashMap<>(key(day));
    item.put(TableKeys.SALT_SECRET, AttributeValue.fromB(SdkBytes.fromByteArray(fresh.secret())));
    item.put(
        TableKeys.EXPIRES_AT,
        AttributeValue.fromN(Long.toString(fresh.expiresAt().getEpochSecond())));
    try {
      dynamoDb.putItem(
          r -> r.tableName(table).item(item).conditionExpression(TableAccess.ITEM_ABSENT));
    } catch (ConditionalCheckFailedException lostTheRace) {
      Map<String, AttributeValue> winner =
          dynamoDb.getItem(r -> r.tableName(table).key(key(day)).consistentRead(true)).item();
      return fromItem(day, winner);
    }
    dynamoDb.deleteItem(r -> r.tableName(table).key(key(day.minusDays(2))));
    return fresh;
  }

  private static DailySalt fromItem(LocalDate day, Map<String, AttributeValue> item) {
    return new DailySalt(
        day, item.get(TableKeys.SALT_SECRET).b().asByteArray(), DailySalt.expiryOf(day));
  }

  private static Map<String, AttributeValue> key(LocalDate day) {
    return TableKeys.key(TableKeys.saltPk(day), TableKeys.SALT);
  }
}
