package bloghome.posts.publisher;

import bloghome.aws.DynamoDbClients;
import bloghome.config.Env;
import bloghome.json.Json;
import bloghome.json.JsonObject;
import bloghome.log.Log;
import bloghome.posts.DynamoDbPostStore;
import bloghome.posts.ScheduledPublishing;
import bloghome.time.Timestamps;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * PublisherFunction: invoked by a post's one-time EventBridge Scheduler schedule with the input
 * {@code {"postId": "...", "publishAt": "..."}} the manage function gave it, and publishes the post
 * through {@link ScheduledPublishing} (which does nothing for a stale schedule). A failure is
 * thrown, so that the scheduler retries and finally sends the event to its dead-letter queue.
 */
public final class PublisherHandler implements RequestStreamHandler {
  private final ScheduledPublishing publishing;

  /** Lambda's constructor: clients built once per execution environment. */
  public PublisherHandler() {
    this(
        new ScheduledPublishing(
            new DynamoDbPostStore(
                DynamoDbClients.fromEnvironment(), Env.require("TABLE_NAME"), Clock.systemUTC()),
            Clock.systemUTC()));
  }

  public PublisherHandler(ScheduledPublishing publishing) {
    this.publishing = publishing;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
    JsonObject body = JsonObject.parseBody(event);
    String postId = body.string("postId");
    Instant publishAt = Timestamps.parse(body.string("publishAt"));
    ScheduledPublishing.Outcome outcome = publishing.publish(postId, publishAt);
    Log.info(
        "post.schedule_fired",
        Map.of(
            "postId", postId,
            "publishAt", Timestamps.format(publishAt),
            "outcome", outcome.name()));
    output.write(Json.write(Map.of("outcome", outcome.name())).getBytes(StandardCharsets.UTF_8));
  }
}
