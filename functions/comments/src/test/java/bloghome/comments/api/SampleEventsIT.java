package bloghome.comments.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.json.Json;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The events/ samples (also used with `sam local invoke -e`) work against the handler. */
@ExtendWith(LocalAwsExtension.class)
class SampleEventsIT {
  private static final Path EVENTS = Path.of("../../events");
  private CommentsTestBed bed;

  @BeforeEach
  void setUp(LocalAws aws) {
    bed = CommentsTestBed.withoutRateLimit(aws);
    bed.posts.create("p_3kT9xQ2mW8vY", "alice", 0);
  }

  private APIGatewayV2HTTPResponse invoke(String file) {
    APIGatewayV2HTTPEvent event =
        EventLoader.loadApiGatewayHttpEvent(EVENTS.resolve(file).toString());
    return bed.handler.handleRequest(event, null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(APIGatewayV2HTTPResponse response) {
    return (Map<String, Object>) Json.parse(response.getBody());
  }

  @Test
  void createSample_creates_andAReplayOfItReturnsTheSameComment() {
    APIGatewayV2HTTPResponse first = invoke("httpapi-create-comment.json");
    APIGatewayV2HTTPResponse again = invoke("httpapi-create-comment.json");

    assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(201);
    assertThat(json(first))
        .containsEntry("authorId", "bob")
        .containsEntry("postId", "p_3kT9xQ2mW8vY");
    assertThat(json(again)).isEqualTo(json(first));
    assertThat(bed.posts.postCounter("p_3kT9xQ2mW8vY", "comments")).isEqualTo(1);
  }

  @Test
  void listSample_lists() {
    invoke("httpapi-create-comment.json");

    APIGatewayV2HTTPResponse response = invoke("httpapi-list-comments.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response)).containsEntry("commentCount", 1L);
  }

  @Test
  void deleteSample_of_anUnknownComment_is404Json() {
    APIGatewayV2HTTPResponse response = invoke("httpapi-delete-comment.json");

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(response.getBody()).contains("COMMENT_NOT_FOUND");
  }
}
