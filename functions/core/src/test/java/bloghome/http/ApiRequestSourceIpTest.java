package bloghome.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestSourceIpTest {
  private static ApiRequest request(Map<String, String> headers) {
    return new ApiRequest(
        APIGatewayV2HTTPEvent.builder()
            .withHeaders(headers)
            .withRequestContext(
                APIGatewayV2HTTPEvent.RequestContext.builder()
                    .withHttp(
                        APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                            .withSourceIp("130.176.1.1")
                            .build())
                    .build())
            .build());
  }

  @Test
  void sourceIp_isTheReadersAddress_whenCloudFrontForwardsIt_withoutThePort() {
    assertThat(request(Map.of("cloudfront-viewer-address", "198.51.100.10:46532")).sourceIp())
        .contains("198.51.100.10");
    assertThat(
            request(Map.of("CloudFront-Viewer-Address", "2001:db8:85a3::8a2e:370:7334:46532"))
                .sourceIp())
        .contains("2001:db8:85a3::8a2e:370:7334");
  }

  @Test
  void sourceIp_isTheGatewaysSourceIp_withoutTheHeader() {
    assertThat(request(Map.of()).sourceIp()).contains("130.176.1.1");
    assertThat(request(Map.of("cloudfront-viewer-address", "garbage")).sourceIp())
        .contains("130.176.1.1");
  }
}
