package bloghome.table;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.number;
import static bloghome.table.Attributes.s;
import static bloghome.table.Attributes.string;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The one owner of a user's profile item: the author's own fields, which profiles write, and the
 * counters that posts and stats add to. Every change goes through the operations here; no other
 * code names the item's attributes (docs/data-model.md). A profile is visible once it has a display
 * name; counters may create the item before that, and it stays invisible.
 */
public final class ProfileItems {
  // ------------------------------------------------------------ attribute names

  public static final String USER_ID = "userId";
  public static final String DISPLAY_NAME = "displayName";
  public static final String BIO = "bio";
  public static final String AVATAR = "avatar";

  /** The counters shown with a profile. */
  public enum Counter {
    POSTS("posts"),
    VIEWS("views"),
    LIKES("likes"),
    FAVORITES("favorites"),
    FOLLOWERS("followers"),
    FOLLOWING("following");

    private final String attribute;

    Counter(String attribute) {
      this.attribute = attribute;
    }

    public String attribute() {
      return attribute;
    }
  }

  /**
   * The profile as stored: no display name until its user saves one; absent counters are 0; the
   * avatar is the URL of the user's accepted avatar copy, if they chose one.
   */
  public record Stored(
      String userId,
      Optional<String> displayName,
      String bio,
      Optional<String> avatar,
      Map<Counter, Long> counters) {
    /** Without an avatar. */
    public Stored(
        String userId, Optional<String> displayName, String bio, Map<Counter, Long> counters) {
      this(userId, displayName, bio, Optional.empty(), counters);
    }

    public long counter(Counter counter) {
      return counters.getOrDefault(counter, 0L);
    }

    public boolean visible() {
      return displayName.isPresent();
    }
  }

  private final TableAccess table;

  public ProfileItems(TableAccess table) {
    this.table = table;
  }

  /** The whole item, for fixtures and seeds that write a profile directly. */
  public static Map<String, AttributeValue> item(Stored profile) {
    Map<String, AttributeValue> item =
        TableKeys.key(TableKeys.userPk(profile.userId()), TableKeys.PROFILE);
    item.put(USER_ID, s(profile.userId()));
    profile.displayName().ifPresent(name -> item.put(DISPLAY_NAME, s(name)));
    if (!profile.bio().isEmpty()) {
      item.put(BIO, s(profile.bio()));
    }
    profile.avatar().ifPresent(url -> item.put(AVATAR, s(url)));
    profile.counters().forEach((counter, value) -> item.put(counter.attribute(), n(value)));
    return item;
  }

  public static Stored read(String userId, Map<String, AttributeValue> item) {
    Map<Counter, Long> counters = new EnumMap<>(Counter.class);
    for (Counter counter : Counter.values()) {
      counters.put(counter, number(item, counter.attribute()));
    }
    String bio = string(item, BIO);
    return new Stored(
        userId,
        Optional.ofNullable(string(item, DISPLAY_NAME)),
        bio == null ? "" : bio,
        Optional.ofNullable(string(item, AVATAR)),
        counters);
  }

  /** The stored profile, visible or not; empty when there is no item at all. */
  public Optional<Stored> find(String userId, boolean consistent) {
    Map<String, AttributeValue> item =
        table.get(TableKeys.userPk(userId), TableKeys.PROFILE, consistent);
    return Optional.ofNullable(item).map(i -> read(userId, i));
  }

  /**
   * Sets the author's own fields only (counters written concurrently by other features survive),
   * returning the whole item as it is after. An empty avatar removes the attribute.
   */
  public UpdateItemRequest saveOwnFields(
      String userId, String displayName, String bio, Optional<String> avatar) {
    ItemUpdate update =
        table
            .update(TableKeys.userPk(userId), TableKeys.PROFILE)
            .set(USER_ID, s(userId))
            .set(DISPLAY_NAME, s(displayName))
            .set(BIO, s(bio));
    if (avatar.isPresent()) {
      update.set(AVATAR, s(avatar.get()));
    } else {
      update.remove(AVATAR);
    }
    return update.request().returnValues("ALL_NEW").build();
  }

  /**
   * Adds to the user's counters, creating the item when absent (without a display name, so it stays
   * invisible); subtractions are refused where a counter would go below zero.
   */
  public TransactWriteItem add(String userId, Map<Counter, Long> deltas) {
    return counters(userId, deltas).item();
  }

  public TransactWriteItem add(String userId, Counter counter, long delta) {
    return add(userId, Map.of(counter, delta));
  }

  /** As {@link #add}, on condition that the profile is visible (a user one can follow). */
  public TransactWriteItem addIfVisible(String userId, Counter counter, long delta) {
    ItemUpdate update = counters(userId, Map.of(counter, delta));
    return update.when("attribute_exists(" + update.name(DISPLAY_NAME) + ")").item();
  }

  private ItemUpdate counters(String userId, Map<Counter, Long> deltas) {
    ItemUpdate update =
        table.update(TableKeys.userPk(userId), TableKeys.PROFILE).set(USER_ID, s(userId));
    for (Counter counter : Counter.values()) {
      long delta = deltas.getOrDefault(counter, 0L);
      if (delta == 0) {
        continue;
      }
      update.add(counter.attribute(), n(delta));
      if (delta < 0) {
        update.when(
            update.name(counter.attribute())
                + " >= "
                + update.value(":min" + counter.attribute(), n(-delta)));
      }
    }
    return update;
  }
}
