package bloghome.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Turns the stream records the SDK reads into the records of the {@link DynamodbEvent} Lambda gives
 * a function (the events library has its own {@code AttributeValue} and {@code StreamRecord}
 * types).
 */
final class StreamRecords {
  private StreamRecords() {}

  /** The SDK's stream record as the Lambda event carries it. */
  static DynamodbEvent.DynamodbStreamRecord record(Record r, String streamArn) {
    var change = r.dynamodb();
    StreamRecord sr = new StreamRecord();
    sr.setKeys(lambdaImage(change.keys()));
    if (change.hasNewImage()) {
      sr.setNewImage(lambdaImage(change.newImage()));
    }
    if (change.hasOldImage()) {
      sr.setOldImage(lambdaImage(change.oldImage()));
    }
    sr.setSequenceNumber(change.sequenceNumber());
    sr.setSizeBytes(change.sizeBytes());
    if (change.streamViewTypeAsString() != null) {
      sr.setStreamViewType(StreamViewType.fromValue(change.streamViewTypeAsString()));
    }
    if (change.approximateCreationDateTime() != null) {
      sr.setApproximateCreationDateTime(Date.from(change.approximateCreationDateTime()));
    }
    DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
    out.setEventID(r.eventID());
    out.setEventName(r.eventNameAsString());
    out.setEventVersion(r.eventVersion());
    out.setEventSource("aws:dynamodb");
    out.setAwsRegion(r.awsRegion());
    out.setDynamodb(sr);
    out.setEventSourceARN(streamArn);
    return out;
  }

  private static Map<
          String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>
      lambdaImage(Map<String, AttributeValue> image) {
    Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out =
        new LinkedHashMap<>();
    image.forEach((k, v) -> out.put(k, lambdaValue(v)));
    return out;
  }

  private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue
      lambdaValue(AttributeValue v) {
    var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
    switch (v.type()) {
      case S -> out.setS(v.s());
      case N -> out.setN(v.n());
      case B -> out.setB(ByteBuffer.wrap(v.b().asByteArray()));
      case SS -> out.setSS(v.ss());
      case NS -> out.setNS(v.ns());
      case BS -> out.setBS(v.bs().stream().map(b -> ByteBuffer.wrap(b.asByteArray())).toList());
      case M -> out.setM(lambdaImage(v.m()));
      case L -> out.setL(v.l().stream().map(StreamRecords::lambdaValue).toList());
      case BOOL -> out.setBOOL(v.bool());
      case NUL -> out.setNULL(true);
      default -> throw new LocalStackException("unknown attribute type " + v.type());
    }
    return out;
  }
}
