package bloghome.local;

import bloghome.local.HttpRelay.Answer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * What IAM does in front of DynamoDB and S3, on the local stack: a request reaches moto or S3Proxy
 * only when it is signed with credentials {@link LocalCredentials} issued (see {@link SigV4Check});
 * otherwise it is answered as the service answers, so a function with the wrong credentials fails
 * here as it would on AWS (moto checks nothing, and S3Proxy knew only one fixed key).
 *
 * <p>DynamoDB (and SSM, which moto serves on the same port) answer 400 with a JSON {@code __type}:
 * {@code UnrecognizedClientException}, {@code InvalidSignatureException}, {@code
 * ExpiredTokenException}, {@code MissingAuthenticationTokenException}. S3 answers with its XML
 * {@code Error}: {@code InvalidAccessKeyId}, {@code InvalidToken}, {@code ExpiredToken}, {@code
 * SignatureDoesNotMatch}, {@code AccessDenied}. CORS preflights pass unsigned, as they do in S3.
 */
public final class AuthProxy implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AuthProxy.class.getName());

  private final FaultProxy.Service service;
  private final URI backend;
  private final SigV4Check check;
  private final HttpServer server;
  private final AtomicLong refused = new AtomicLong();

  private AuthProxy(FaultProxy.Service service, URI backend, LocalCredentials credentials)
      throws IOException {
    this.service = service;
    this.backend = backend;
    this.check = new SigV4Check(credentials);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("auth-proxy-", 0).factory()));
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a proxy on a free loopback port in front of {@code backend}. */
  public static AuthProxy start(
      FaultProxy.Service service, URI backend, LocalCredentials credentials) {
    try {
      return new AuthProxy(service, backend, credentials);
    } catch (IOException e) {
      throw new LocalStackException("cannot start the " + service + " authentication proxy", e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How many requests were refused so far. */
  public long refused() {
    return refused.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      boolean preflight =
          exchange.getRequestMethod().equals("OPTIONS")
              && exchange.getRequestHeaders().getFirst("Access-Control-Request-Method") != null;
      if (!preflight) {
        Optional<SigV4Check.Refusal> refusal =
            check.check(
                new SigV4Check.Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    body));
        if (refusal.isPresent()) {
          refused.incrementAndGet();
          LOG.info(
              service
                  + " request refused ("
                  + refusal.get()
                  + "): "
                  + exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getRawPath());
          HttpRelay.reply(exchange, answer(refusal.get(), exchange));
          return;
        }
      }
      // Checked here; S3Proxy knows no session tokens and refuses the header as unknown (501).
      List<String> dropped =
          service == FaultProxy.Service.S3 ? List.of("x-amz-security-token") : List.of();
      HttpRelay.reply(exchange, HttpRelay.forward(exchange, body, backend, dropped));
    }
  }

  private Answer answer(SigV4Check.Refusal refusal, HttpExchange exchange) {
    if (service == FaultProxy.Service.DYNAMODB) {
      String[] typeAndMessage =
          switch (refusal) {
            case UNKNOWN_KEY, BAD_TOKEN ->
                new String[] {
                  "UnrecognizedClientException",
                  "The security token included in the request is invalid."
                };
            case EXPIRED_TOKEN, PRESIGNED_EXPIRED ->
                new String[] {
                  "ExpiredTokenException", "The security token included in the request is expired"
                };
            case BAD_SIGNATURE ->
                new String[] {
                  "InvalidSignatureException",
                  "The request signature we calculated does not match the signature you provided."
                      + " Check your AWS Secret Access Key and signing method."
                };
            case MISSING ->
                new String[] {
                  "MissingAuthenticationTokenException", "Request is missing Authentication Token"
                };
          };
      String json =
          "{\"__type\":\"com.amazon.coral.service#"
              + typeAndMessage[0]
              + "\",\"message\":\""
              + typeAndMessage[1]
              + "\"}";
      return new Answer(
          400,
          List.of(
              new String[] {"Content-Type", "application/x-amz-json-1.0"},
              new String[] {"x-amzn-ErrorType", typeAndMessage[0] + ":"}),
          json.getBytes(StandardCharsets.UTF_8));
    }
    String[] codeAndMessage =
        switch (refusal) {
          case UNKNOWN_KEY ->
              new String[] {
                "403",
                "InvalidAccessKeyId",
                "The AWS Access Key Id you provided does not exist in our records."
              };
          case BAD_TOKEN ->
              new String[] {
                "400", "InvalidToken", "The provided token is malformed or otherwise invalid."
              };
          case EXPIRED_TOKEN ->
              new String[] {"400", "ExpiredToken", "The provided token has expired."};
          case BAD_SIGNATURE ->
              new String[] {
                "403",
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided."
                    + " Check your key and signing method."
              };
          case PRESIGNED_EXPIRED -> new String[] {"403", "AccessDenied", "Request has expired"};
          case MISSING -> new String[] {"403", "AccessDenied", "Access Denied"};
        };
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
            + codeAndMessage[1]
            + "</Code><Message>"
            + codeAndMessage[2]
            + "</Message><RequestId>local</RequestId></Error>";
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {"Content-Type", "application/xml"});
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin != null) {
      // The browser must be able to read why its upload was refused, as S3's CORS rules allow.
      headers.add(new String[] {"Access-Control-Allow-Origin", origin});
    }
    return new Answer(
        Integer.parseInt(codeAndMessage[0]), headers, xml.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
