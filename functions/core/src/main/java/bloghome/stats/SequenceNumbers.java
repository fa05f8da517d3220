package bloghome.stats;

/**
 * Stream sequence numbers are decimal strings of up to 40 digits, beyond the 38 digits a DynamoDB
 * number keeps; stored left-padded with zeros to 40 characters they compare as strings in the same
 * order as numbers, which is what the checkpoint's condition needs.
 */
public final class SequenceNumbers {
  static final int WIDTH = 40;

  private SequenceNumbers() {}

  public static String requireValid(String sequenceNumber) {
    if (sequenceNumber == null
        || sequenceNumber.isEmpty()
        || sequenceNumber.length() > WIDTH
        || !sequenceNumber.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("not a stream sequence number: " + sequenceNumber);
    }
    return sequenceNumber;
  }

  /** The sortable stored form. */
  public static String padded(String sequenceNumber) {
    return "0".repeat(WIDTH - requireValid(sequenceNumber).length()) + sequenceNumber;
  }
}
