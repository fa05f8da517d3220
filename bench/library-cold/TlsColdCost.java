import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/** One sample for tls.sh, in a fresh JVM: {@code TlsColdCost URL}. */
public final class TlsColdCost {
  public static void main(String[] args) throws Exception {
    get(args[0], args.length > 1 && args[1].equals("crt"));
  }

  /**
   * Builds the SDK's url-connection client and makes one GET to {@code url}: with an https URL,
   * the TLS handshake the local stack's plain HTTP never shows. Needs a function's jar on the class
   * path (tls.sh puts one there).
   */
  static void get(String url, boolean crt) throws Exception {
    int classesBefore = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    long started = System.nanoTime();
    SdkHttpClient client = crt ? Crt.client() : UrlConnectionHttpClient.builder().build();
    long built = System.nanoTime();
    var request = SdkHttpRequest.builder()
        .method(SdkHttpMethod.GET).uri(URI.create(url)).build();
    var response = client.prepareRequest(HttpExecuteRequest.builder().request(request).build()).call();
    int status = response.httpResponse().statusCode();
    response.responseBody().ifPresent(body -> {
      try (body) {
        body.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    long nanos = System.nanoTime() - started;
    int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount() - classesBefore;
    String mode = (crt ? "crt-" : "") + (url.startsWith("https") ? "get-https" : "get-http");
    System.out.println("RESULT mode=" + mode + " micros=" + nanos / 1000 + " classes=" + classes
        + " status=" + status + " buildMicros=" + (built - started) / 1000);
    System.exit(0);
  }


  /** Apart, so that the url-connection runs never load (or verify against) the CRT classes. */
  private static final class Crt {
    /**
     * The CRT client trusts the system's CA files only, so it cannot be shown the test
     * certificate: it skips verification here, which makes its figure a lower bound.
     */
    static SdkHttpClient client() {
      return AwsCrtHttpClient.builder().buildWithDefaults(
          AttributeMap.builder().put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build());
    }
  }
}
