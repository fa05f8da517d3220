package bloghome.discovery;

import bloghome.table.PostSummaryItems;
import bloghome.table.TableKeys;
import bloghome.time.Timestamps;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a listed post's id and view rank out of its summary's stream record (NEW_IMAGE), with the
 * attribute names of the summary's owner, so that what is written and what is read cannot drift.
 */
public final class SummaryRankRecords {
  /** A listed post's rank as its summary now holds it. */
  public record Rank(String postId, Instant publishedAt, BigInteger viewRank) {}

  private SummaryRankRecords() {}

  /**
   * The rank of an inserted or changed summary of a listed post; empty for anything else (a
   * removal, another item, a post not listed: it has no entries).
   */
  public static Optional<Rank> rank(DynamodbEvent.DynamodbStreamRecord record) {
    var change = record.getDynamodb();
    if ("REMOVE".equals(record.getEventName()) || change == null) {
      return Optional.empty();
    }
    Map<String, AttributeValue> image = change.getNewImage();
    if (image == null
        || !TableKeys.SUMMARY.equals(text(image, TableKeys.SK))
        || text(image, TableKeys.LIST_PK) == null
        || text(image, PostSummaryItems.POST_ID) == null
        || text(image, PostSummaryItems.PUBLISHED_AT) == null) {
      return Optional.empty();
    }
    AttributeValue rank = image.get(TableKeys.VIEW_RANK);
    if (rank == null || rank.getN() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Rank(
            text(image, PostSummaryItems.POST_ID),
            Timestamps.parse(text(image, PostSummaryItems.PUBLISHED_AT)),
            new BigInteger(rank.getN())));
  }

  private static String text(Map<String, AttributeValue> image, String name) {
    AttributeValue value = image.get(name);
    return value == null ? null : value.getS();
  }
}
