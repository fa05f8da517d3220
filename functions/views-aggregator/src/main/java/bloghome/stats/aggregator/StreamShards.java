package bloghome.stats.aggregator;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Which shard of a stream a batch came from. Lambda's DynamoDB event does not say, and the
 * aggregator's checkpoint is per shard: the shard is the one whose sequence-number range holds the
 * batch's first record. If several open shards' ranges hold it, the one that has a record with
 * exactly that number is it (one GetShardIterator + GetRecords each). The shard list is kept for
 * the life of the execution environment and read again when no shard matches (a new shard).
 */
public final class StreamShards {
  private final DynamoDbStreamsClient streams;
  private final Map<String, List<Shard>> shardsByStream = new ConcurrentHashMap<>();

  public StreamShards(DynamoDbStreamsClient streams) {
    this.streams = streams;
  }

  public String shardOf(String streamArn, String sequenceNumber) {
    BigInteger seq = new BigInteger(sequenceNumber);
    List<Shard> candidates =
        candidates(shardsByStream.computeIfAbsent(streamArn, this::describe), seq);
    if (candidates.isEmpty()) {
      List<Shard> fresh = describe(streamArn);
      shardsByStream.put(streamArn, fresh);
      candidates = candidates(fresh, seq);
    }
    if (candidates.size() == 1) {
      return candidates.get(0).shardId();
    }
    for (Shard shard : candidates) {
      String iterator =
          streams
              .getShardIterator(
                  r ->
                      r.streamArn(streamArn)
                          .shardId(shard.shardId())
                          .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                          .sequenceNumber(sequenceNumber))
              .shardIterator();
      var records = streams.getRecords(r -> r.shardIterator(iterator).limit(1)).records();
      if (!records.isEmpty() && sequenceNumber.equals(records.get(0).dynamodb().sequenceNumber())) {
        return shard.shardId();
      }
    }
    throw new IllegalStateException(
        "no shard of " + streamArn + " holds sequence number " + sequenceNumber);
  }

  private List<Shard> describe(String streamArn) {
    List<Shard> shards = new ArrayList<>();
    String start = null;
    do {
      String from = start;
      var description =
          streams
              .describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(from))
              .streamDescription();
      shards.addAll(description.shards());
      start = description.lastEvaluatedShardId();
    } while (start != null);
    return shards;
  }

  private static List<Shard> candidates(List<Shard> shards, BigInteger seq) {
    return shards.stream()
        .filter(
            s -> {
              var range = s.sequenceNumberRange();
              if (range == null || range.startingSequenceNumber() == null) {
                return false;
              }
              boolean afterStart =
                  new BigInteger(range.startingSequenceNumber()).compareTo(seq) <= 0;
              boolean beforeEnd =
                  range.endingSequenceNumber() == null
                      || new BigInteger(range.endingSequenceNumber()).compareTo(seq) >= 0;
              return afterStart && beforeEnd;
            })
        .toList();
  }
}
