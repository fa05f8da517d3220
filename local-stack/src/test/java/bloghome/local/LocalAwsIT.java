package bloghome.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

@ExtendWith(LocalAwsExtension.class)
class LocalAwsIT {

  @Test
  void dynamoDb_writesAndReadsAnItem_inATableMadeFromTheTemplate(LocalAws aws) {
    // given a fresh table with the template's schema
    String table = aws.freshTable("BlogTable");
    var item =
        Map.of(
            "pk", AttributeValue.fromS("USER#alice"),
            "sk", AttributeValue.fromS("PROFILE"),
            "displayName", AttributeValue.fromS("Alice 爱丽丝 ✍️"));

    // when
    aws.dynamoDbClient().putItem(r -> r.tableName(table).item(item));
    var read =
        aws.dynamoDbClient()
            .getItem(
                r ->
                    r.tableName(table)
                        .key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
                        .consistentRead(true));

    // then
    assertThat(read.item()).isEqualTo(item);
    var indexes =
        aws.dynamoDbClient()
            .describeTable(r -> r.tableName(table))
            .table()
            .globalSecondaryIndexes();
    assertThat(indexes)
        .extracting(i -> i.indexName())
        .contains("ByPublished", "ByTypePublished", "ByViews", "ByTypeViews");
  }

  @Test
  void dynamoDb_conditionalPut_hasExactlyOneWinner(LocalAws aws) {
    String table = aws.freshTable("BlogTable");
    Map<String, AttributeValue> key =
        Map.of("pk", AttributeValue.fromS("MARKER"), "sk", AttributeValue.fromS("once"));
    aws.dynamoDbClient()
        .putItem(r -> r.tableName(table).item(key).conditionExpression("attribute_not_exists(pk)"));

    assertThatThrownBy(
            () ->
                aws.dynamoDbClient()
                    .putItem(
                        r ->
                            r.tableName(table)
                                .item(key)
                                .conditionExpression("attribute_not_exists(pk)")))
        .isInstanceOf(ConditionalCheckFailedException.class);
  }

  @Test
  void presignedPut_underTheUploadsPrefix_invokesTheSubscribedHandlerOnce_withTheDecodedKey(
      LocalAws aws) throws Exception {
    // given a bucket whose uploads/ prefix notifies a recording handler
    String bucket = aws.freshBucket();
    List<S3Event> received = new CopyOnWriteArrayList<>();
    RequestHandler<S3Event, Void> recorder =
        (S3Event event, Context context) -> {
          received.add(event);
          return null;
        };
    aws.notifications()
        .subscribe(
            new S3Notifications.Subscription(bucket, "uploads/", "Recorder", () -> recorder));
    String key = "uploads/alice/header/my banner+1 横幅.png";
    byte[] body = "not really a png".getBytes(StandardCharsets.UTF_8);

    // when a browser PUTs through a presigned URL
    var presigned =
        aws.presigner()
            .presignPutObject(
                r ->
                    r.signatureDuration(Duration.ofMinutes(5))
                        .putObjectRequest(
                            PutObjectRequest.builder()
                                .bucket(bucket)
                                .key(key)
                                .contentType("image/png")
                                .contentLength((long) body.length)
                                .build()));
    HttpResponse<Void> put =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(presigned.url().toString()))
                    .header("content-type", "image/png")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    // and writes elsewhere in the bucket
    aws.s3Client()
        .putObject(
            r -> r.bucket(bucket).key("skins/alice/accepted.png"), RequestBody.fromBytes(body));
    aws.notifications().awaitIdle(10, TimeUnit.SECONDS);

    // then exactly one event, for the upload, with the key encoded as S3 sends it
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(received).hasSize(1);
    var record = received.get(0).getRecords().get(0);
    assertThat(record.getS3().getBucket().getName()).isEqualTo(bucket);
    assertThat(record.getS3().getObject().getKey()).contains("my+banner%2B1+");
    assertThat(URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8))
        .isEqualTo(key);
    assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo(body.length);
    assertThat(record.getEventName()).isEqualTo("ObjectCreated:Put");
  }

  @Test
  void presignedPut_withAnotherLengthThanSigned_isRefused_andNotifiesNobody(LocalAws aws)
      throws Exception {
    String bucket = aws.freshBucket();
    List<S3Event> received = new CopyOnWriteArrayList<>();
    aws.notifications()
        .subscribe(
            new S3Notifications.Subscription(
                bucket,
                "uploads/",
                "Recorder",
                () ->
                    (S3Event e, Context c) -> {
                      received.add(e);
                      return null;
                    }));
    var presigned =
        aws.presigner()
            .presignPutObject(
                r ->
                    r.signatureDuration(Duration.ofMinutes(5))
                        .putObjectRequest(
                            PutObjectRequest.builder()
                                .bucket(bucket)
                                .key("uploads/x.png")
                                .contentType("image/png")
                                .contentLength(10L)
                                .build()));

    HttpResponse<Void> put =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(presigned.url().toString()))
                    .header("content-type", "image/png")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[11]))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    aws.notifications().awaitIdle(10, TimeUnit.SECONDS);

    assertThat(put.statusCode()).isEqualTo(403);
    assertThat(received).isEmpty();
  }
}
