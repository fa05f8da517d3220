package bloghome.posts;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.auth.Caller;
import bloghome.json.Json;
import bloghome.json.JsonObject;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The post store's transitions on the local DynamoDB, through the use cases. */
@ExtendWith(LocalAwsExtension.class)
class PostTransitionsIT {
  private static final Caller ALICE = new Caller("alice", Set.of());

  private DynamoDbPostStore store;
  private Publishing publishing;

  @BeforeEach
  void start(LocalAws aws) {
    String table = aws.freshTable("BlogTable");
    Clock clock = Clock.systemUTC();
    store = new DynamoDbPostStore(aws.dynamoDbClient(), table, clock);
    publishing = new Publishing(store, clock);
  }

  @Test
  void draftThenPublish() {
    Post draft =
        publishing.create(ALICE, "alice", body("status", "draft"), Optional.empty()).post();
    Post published = publishing.update(ALICE, draft.postId(), body("version", 1));
    assertThat(published.summary().version()).isEqualTo(2);
  }

  static JsonObject body(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", "A post");
    m.put("content", "Some text.");
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return JsonObject.parseBody(Json.write(m));
  }
}
