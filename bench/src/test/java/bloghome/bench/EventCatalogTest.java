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
    assertThat(catalog.fileFor("POST /posts/{postId}/views"))
        .hasValueSatisfying(
            p -> assertThat(p.getFileName().toString()).isEqualTo("httpapi-record-view.json"));
    assertThat(catalog.fileFor("GET /nowhere")).isEmpty();
  }

  @Test
  void s3File_prefersThePlainSampleOverItsVariants() {
    assertThat(catalog.s3File())
        .hasValueSatisfying(
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

    assertThat(event.getRequestContext().getAuthorizer().getJwt().getClaims())
        .containsEntry("sub", "bench-7");
    assertThat(event.getRequestContext().getHttp().getSourceIp()).isEqualTo("198.18.0.7");
    assertThat(event.getHeaders())
        .containsEntry("x-forwarded-for", "198.18.0.7")
        .containsEntry("user-agent", "Mozilla/5.0 test");
  }

  @Test
  void derivedGet_makesAPageEvent_fromAPublicGetSample() {
    Map<String, Object> json = catalog.derivedGet("GET /u/{userId}").orElseThrow();

    EventCatalog.pathParameters(json, Map.of("userId", "demo 陈"));
    APIGatewayV2HTTPEvent event = Events.http(json);

    assertThat(event.getRouteKey()).isEqualTo("GET /u/{userId}");
    assertThat(event.getRequestContext().getRouteKey()).isEqualTo("GET /u/{userId}");
    assertThat(event.getPathParameters())
        .containsOnlyKeys("userId")
        .containsEntry("userId", "demo 陈");
    assertThat(event.getRawPath()).isEqualTo("/u/demo%20%E9%99%88");
    assertThat(event.getRawQueryString()).isEmpty();
    assertThat(event.getQueryStringParameters()).isNull();
    assertThat(event.getRequestContext().getAuthorizer()).isNull();
    assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("GET");
    assertThat(event.getHeaders().get("accept")).startsWith("text/html");
  }

  @Test
  void derivedGet_refusesWritesAndGreedyRoutes_andCanMakeRefusesProtectedRoutesWithoutSample() {
    assertThat(catalog.derivedGet("POST /u/{userId}")).isEmpty();
    assertThat(catalog.derivedGet("GET /assets/{proxy+}")).isEmpty();
    assertThat(catalog.canMake("GET /u/{userId}/skin", true)).isFalse();
    assertThat(catalog.canMake("GET /u/{userId}", false)).isTrue();
    assertThat(catalog.canMake("PUT /posts/{postId}/like", true)).isTrue();
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
