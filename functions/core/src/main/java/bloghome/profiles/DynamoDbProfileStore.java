package bloghome.profiles;

import bloghome.table.ProfileItems;
import bloghome.table.TableAccess;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link ProfileStore} on the single table: pk {@code USER#{userId}}, sk {@code PROFILE}, written
 * and read through the item's owner, {@link ProfileItems}.
 */
public final class DynamoDbProfileStore implements ProfileStore {
  private final DynamoDbClient dynamo;
  private final ProfileItems profiles;

  public DynamoDbProfileStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.profiles = new ProfileItems(new TableAccess(dynamo, table));
  }

  @Override
  public Optional<Profile> find(String userId) {
    return profiles.find(userId, false).filter(ProfileItems.Stored::visible).map(p -> toProfile(p));
  }

  @Override
  public Profile save(String userId, String displayName, String bio, Optional<String> avatar) {
    // SET only the author's fields: counters written concurrently by other features survive.
    var item =
        dynamo.updateItem(profiles.saveOwnFields(userId, displayName, bio, avatar)).attributes();
    return toProfile(ProfileItems.read(userId, item));
  }

  private static Profile toProfile(ProfileItems.Stored p) {
    return new Profile(
        p.userId(),
        p.displayName().orElseThrow(),
        p.bio(),
        count(p, ProfileItems.Counter.POSTS),
        count(p, ProfileItems.Counter.VIEWS),
        count(p, ProfileItems.Counter.LIKES),
        count(p, ProfileItems.Counter.FAVORITES),
        count(p, ProfileItems.Counter.FOLLOWERS),
        count(p, ProfileItems.Counter.FOLLOWING),
        p.avatar());
  }

  private static long count(ProfileItems.Stored p, ProfileItems.Counter counter) {
    return Math.max(0, p.counter(counter));
  }
}
