package bloghome.http;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.errors.Problem;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponsesTest {
  @Test
  void everyJsonResponse_isNosniff_soNoBrowserReadsItsUserTextAsHtml() {
    assertThat(Responses.json(200, Map.of("title", "<script>")).getHeaders())
        .containsEntry("content-type", Responses.JSON)
        .containsEntry("x-content-type-options", "nosniff");
    assertThat(Responses.error(Problem.notFound("X", "no")).getHeaders())
        .containsEntry("x-content-type-options", "nosniff");
    assertThat(Responses.jsonText(200, "{}", Map.of("etag", "\"e\"")).getHeaders())
        .containsEntry("etag", "\"e\"")
        .containsEntry("x-content-type-options", "nosniff");
  }
}
