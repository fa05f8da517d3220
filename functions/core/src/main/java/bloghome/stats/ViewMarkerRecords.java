package bloghome.stats;

import bloghome.table.TableKeys;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.util.Map;

/**
 * Reads a view marker out of a DynamoDB stream record as Lambda delivers it (NEW_IMAGE). Kept
 * beside the marker's writer so that what is written and what is read cannot drift apart.
 */
public final class ViewMarkerRecords {
  private ViewMarkerRecords() {}

  /** A new view marker's image; anything else is a poison record (IllegalArgumentException). */
  public static ViewMarker marker(DynamodbEvent.DynamodbStreamRecord record) {
    var change = record.getDynamodb();
    if (!"INSERT".equals(record.getEventName()) || change == null || change.getNewImage() == null) {
      throw new IllegalArgumentException("not a new view marker: " + record.getEventID());
    }
    Map<String, AttributeValue> image = change.getNewImage();
    AttributeValue sk = image.get(TableKeys.SK);
    if (sk == null || !TableKeys.VIEW_MARKER_SK.equals(sk.getS())) {
      throw new IllegalArgumentException("not a view marker: " + record.getEventID());
    }
    return new ViewMarker(
        text(image, TableKeys.MARKER_POST_ID),
        text(image, TableKeys.MARKER_AUTHOR_ID),
        change.getSequenceNumber());
  }

  private static String text(Map<String, AttributeValue> image, String name) {
    AttributeValue value = image.get(name);
    return value == null ? null : value.getS();
  }
}
