package bloghome.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Writes parameters into moto's SSM, where the functions read their cursor keys as in AWS. A plain
 * HTTP request, so the local stack needs no SSM client of the SDK for it.
 */
final class MotoSsm {
  private MotoSsm() {}

  /** PutParameter (SecureString, overwriting) on the moto server at {@code endpoint}. */
  static void putSecureParameter(URI endpoint, String region, String name, String value) {
    String body =
        "{\"Name\":\""
            + name
            + "\",\"Value\":\""
            + value
            + "\",\"Type\":\"SecureString\",\"Overwrite\":true}";
    // moto checks no signature; it routes on the service named in the credential scope.
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "AmazonSSM.PutParameter")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=local/20260101/"
                    + region
                    + "/ssm/aws4_request, SignedHeaders=host, Signature=0")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new LocalStackException("moto refused PutParameter " + name + ": " + response.body());
      }
    } catch (IOException e) {
      throw new LocalStackException("Cannot put SSM parameter " + name + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalStackException("Interrupted putting SSM parameter " + name, e);
    }
  }
}
