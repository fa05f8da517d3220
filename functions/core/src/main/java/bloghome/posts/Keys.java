package bloghome.posts;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Keys of the items this feature owns (see docs/data-model.md). */
public final class Keys {
  public static final String SUMMARY = "SUMMARY";
  public static final String CONTENT = "CONTENT";
  public static final String PROFILE = "PROFILE";
  public static final String COUNT_PREFIX = "COUNT#";
  /** Greater than any {@code publishedKey}: puts the listing totals first when descending. */
  public static final String TOP_PUBLISHED_KEY = "~";

  private Keys() {}

  public static String postPk(String postId) {
    return "POST#" + postId;
  }

  public static String userPk(String userId) {
    return "USER#" + userId;
  }

  public static String userTypePk(String userId, PostType type) {
    return "USER#" + userId + "#" + type.wireName();
  }

  public static String countSk(PostType typeOrNull) {
    return COUNT_PREFIX + (typeOrNull == null ? "all" : typeOrNull.wireName());
  }

  public static String importSk(String sourceId) {
    return "IMPORT#" + sourceId;
  }

  public static String idempotencySk(String key) {
    return "IDEM#" + key;
  }

  public static String publishedKey(String publishedAt, String postId) {
    return publishedAt + "#" + postId;
  }

  public static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
  }
}
