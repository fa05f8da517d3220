package bloghome.manage.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.json.Json;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sample events in events/ are real requests this function accepts. */
@ExtendWith(LocalAwsExtension.class)
class ManageEventsIT {

  private static APIGatewayV2HTTPEvent event(String name) {
    return EventLoader.loadApiGatewayHttpEvent("../../events/" + name);
  }

  @Test
  @SuppressWarnings("unchecked")
  void sampleEvents_createImportUpdateAndDelete(LocalAws aws) {
    var handler =
        new ManageHandler(aws.dynamoDbClient(), aws.freshTable("BlogTable"), Clock.systemUTC());

    var profile = handler.handleRequest(event("httpapi-put-profile.json"), null);
    var created = handler.handleRequest(event("httpapi-create-post.json"), null);
    var imported = handler.handleRequest(event("httpapi-import-posts.json"), null);
    String postId = (String) ((Map<String, Object>) Json.parse(created.getBody())).get("postId");
    APIGatewayV2HTTPEvent update = event("httpapi-update-post.json");
    update.setPathParameters(Map.of("postId", postId));
    var updated = handler.handleRequest(update, null);
    APIGatewayV2HTTPEvent delete = event("httpapi-delete-post.json");
    delete.setPathParameters(Map.of("postId", postId));
    var deleted = handler.handleRequest(delete, null);

    assertThat(profile.getStatusCode()).as(profile.getBody()).isEqualTo(200);
    assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
    assertThat(imported.getStatusCode()).isEqualTo(200);
    assertThat((Map<String, Object>) Json.parse(imported.getBody()))
        .as(imported.getBody())
        .containsEntry("created", 2L);
    assertThat(updated.getStatusCode()).as(updated.getBody()).isEqualTo(200);
    assertThat(deleted.getStatusCode()).isEqualTo(204);
  }
}
