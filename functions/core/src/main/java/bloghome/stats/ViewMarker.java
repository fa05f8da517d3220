package bloghome.stats;

/**
 * One counted view as the aggregator sees it: a marker that appeared in the table's stream, with
 * the stream's sequence number (decimal digits, ordered within a shard).
 */
public record ViewMarker(String postId, String authorId, String sequenceNumber) {
  public ViewMarker {
    if (postId == null || postId.isBlank() || authorId == null || authorId.isBlank()) {
      throw new IllegalArgumentException("a view marker needs its postId and authorId");
    }
    SequenceNumbers.requireValid(sequenceNumber);
  }
}
