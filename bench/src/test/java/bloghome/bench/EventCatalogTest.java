package bloghome.bench;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.bench.probe.Events;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs against the repository's own events/ folder, which the benchmark reads. */
class EventCatalogTest {
  private final EventCatalog catalog = new EventCatalog(Path.of("..", "events"));

  @Test
  void fileFor_findsTheSampleOfARoute_byTheRouteKeyItCarries() {
    assertThat(catalog.fileFor("POST /posts/{postId}/views")).hasValueSatisfying(
        p -> assertThat(p.getFileName().toString()).isEqualTo("httpapi-record-view.json"));
    assertThat(catalog.fileFor("GET /nowhere")).isEmpty();
  }

  @Test
  void s3File_prefersThePlainSampleOverItsVariants() {
    assertThat(catalog.s3File()).hasValueSatisfying(
        p -> assertThat(p.getFileName().toString()).isEqualTo("s3-skin-uploaded.json"));
  }

  @Test
  void pathParameters_rebuildsRawPathAndContextPath_withEncodedValues() {
    Map<String, Object> json = catalog.http("POST /posts/{postId}/views");

    EventCatalog.pathParameters(json, Map.of("postId", "p_a b/c"));
    APIGatewayV2HTTPEvent event = Events.http(json);

    assertThat(event.getPathParameters()).containsEntry("postId", "p_a b/c");
    assertThat(event.getRawPath()).isEqualTo("/posts/p_a%20b%2Fc/views");
    assertThat(event.getRequestContext().getHttp().getPath()).isEqualTo("/posts/p_a%20b%2Fc/views");
  }

  @Test
  void callerAndVisitor_changeTheClaimsAndTheSourceSeenByTheHandler() {
    Map<String, Object> json = catalog.http("PUT /posts/{postId}/like");

    EventCatalog.caller(json, "bench-7");
    EventCatalog.visitor(json, "198.18.0.7", "Mozilla/5.0 test");
    APIGatewayV2HTTPEvent event = Events.http(json);

    assertThat(event.getRequestContext().getAuthorizer().getJwt().getClaims()).containsEntry("sub", "bench-7");
    assertThat(event.getRequestContext().getHttp().getSourceIp()).isEqualTo("198.18.0.7");
    assertThat(event.getHeaders()).containsEntry("x-forwarded-for", "198.18.0.7")
        .containsEntry("user-agent", "Mozilla/5.0 test");
  }

  @Test
  void s3Object_pointsTheNotificationAtTheGivenObject() {
    Map<String, Object> json = catalog.s3();

    EventCatalog.s3Object(json, "local-bucket", "uploads/alice/column/u_1/a+b.png", 1005);
    S3Event event = Events.s3(json);

    var record = event.getRecords().getFirst();
    assertThat(record.getS3().getBucket().getName()).isEqualTo("local-bucket");
    assertThat(record.getS3().getObject().getKey()).isEqualTo("uploads/alice/column/u_1/a+b.png");
    assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo(1005L);
  }
}
