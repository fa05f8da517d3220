package bloghome.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy in front of the local DynamoDB or S3 endpoint that injects faults: throttling
 * errors and 500s in each service's own wire shape, added latency, and answers lost after the
 * request was applied. The draws come from one seeded {@link Random}, so a run's sequence of
 * decisions is reproducible (which request gets which decision still depends on thread timing).
 *
 * <p>Requests are forwarded byte for byte with the {@code Host} the client used, so SigV4 and
 * presigned URLs still verify at the backend. For DynamoDB it also does what moto 5.2.1 does not: a
 * TransactWriteItems repeated with the same {@code ClientRequestToken} within 10 minutes after it
 * succeeded is answered with the first success and not applied again (how the SDK's own retry of a
 * transaction whose answer was lost stays exact in AWS).
 */
public final class FaultProxy implements AutoCloseable {
  /** The service a proxy fronts: decides the shape of injected errors. */
  public enum Service {
    DYNAMODB,
    S3
  }

  /** What happened to a request. */
  public enum Outcome {
    FORWARDED,
    THROTTLED,
    ERROR_500,
    DELAYED,
    LOST_AS_500,
    LOST_AS_RESET,
    TOKEN_REPLAYED
  }

  private static final long TOKEN_TTL_NANOS = 10L * 60 * 1_000_000_000L;
  private static final Pattern TOKEN =
      Pattern.compile("\"ClientRequestToken\"\\s*:\\s*\"([^\"]+)\"");
  private static final List<String> HOP_BY_HOP =
      List.of(
          "connection",
          "keep-alive",
          "transfer-encoding",
          "content-length",
          "expect",
          "upgrade",
          "te",
          "trailer");

  private record Answer(int status, List<String[]> headers, byte[] body) {}

  private record Applied(byte[] requestDigest, Answer answer, long at) {}

  private final Service service;
  private final URI backend;
  private final HttpServer server;
  private final Random random;
  private final Map<Outcome, AtomicLong> counts = new EnumMap<>(Outcome.class);
  private final Map<String, Applied> appliedTokens = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> scripted = new ConcurrentHashMap<>();
  private volatile FaultPlan.Rates rates;

  private FaultProxy(Service service, URI backend, FaultPlan.Rates rates, long seed)
      throws IOException {
    this.service = service;
    this.backend = backend;
    this.rates = rates;
    this.random = new Random(seed);
    for (Outcome o : Outcome.values()) {
      counts.put(o, new AtomicLong());
    }
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fault-proxy-", 0).factory()));
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a proxy on a free loopback port in front of {@code backend}. */
  public static FaultProxy start(Service service, URI backend, FaultPlan.Rates rates, long seed) {
    try {
      return new FaultProxy(service, backend, rates, seed);
    } catch (IOException e) {
      throw new LocalStackException(
          "Cannot start the fault proxy for " + service + ": " + e.getMessage(), e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Changes the faults from the next request on (for example none, to let a run settle). */
  public void rates(FaultPlan.Rates rates) {
    this.rates = rates;
  }

  public FaultPlan.Rates rates() {
    return rates;
  }

  /**
   * Loses the answer of the next {@code times} requests of one operation, whatever the rates: a
   * DynamoDB operation name ({@code PutItem}, {@code TransactWriteItems}) or an HTTP method for S3.
   * The request is applied; the client gets a 500. For tests of one write path at a time.
   */
  public void loseNext(String operation, int times) {
    scripted.computeIfAbsent(operation, k -> new AtomicInteger()).addAndGet(times);
  }

  private boolean scriptedLoss(HttpExchange exchange) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    String operation =
        service == Service.DYNAMODB && target != null
            ? target.substring(target.indexOf('.') + 1)
            : exchange.getRequestMethod();
    var left = scripted.get(operation);
    return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  /** How many requests had each outcome so far. */
  public Map<Outcome, Long> counts() {
    Map<Outcome, Long> copy = new EnumMap<>(Outcome.class);
    counts.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  private Outcome draw() {
    FaultPlan.Rates r = rates;
    if (!r.any()) {
      return Outcome.FORWARDED;
    }
    double x;
    boolean reset;
    synchronized (random) {
      x = random.nextDouble();
      reset = random.nextBoolean();
    }
    if ((x -= r.throttle()) < 0) {
      return Outcome.THROTTLED;
    }
    if ((x -= r.error500()) < 0) {
      return Outcome.ERROR_500;
    }
    if ((x -= r.lost()) < 0) {
      return reset ? Outcome.LOST_AS_RESET : Outcome.LOST_AS_500;
    }
    if ((x -= r.latency()) < 0) {
      return Outcome.DELAYED;
    }
    return Outcome.FORWARDED;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Outcome outcome = scriptedLoss(exchange) ? Outcome.LOST_AS_500 : draw();
      String token = service == Service.DYNAMODB ? transactionToken(exchange, body) : null;
      if (token != null) {
        Applied earlier = appliedTokens.get(token);
        if (earlier != null && System.nanoTime() - earlier.at() < TOKEN_TTL_NANOS) {
          count(Outcome.TOKEN_REPLAYED);
          if (MessageDigest.isEqual(earlier.requestDigest(), digest(body))) {
            reply(exchange, earlier.answer());
          } else {
            reply(
                exchange,
                dynamoError(
                    400,
                    "IdempotentParameterMismatchException",
                    "The request uses the same client token as a previous, but non-identical request."));
          }
          return;
        }
      }
      count(outcome);
      switch (outcome) {
        case THROTTLED -> {
          reply(exchange, throttled());
          return;
        }
        case ERROR_500 -> {
          reply(exchange, internalError());
          return;
        }
        case DELAYED -> sleep(rates.delay().toMillis());
        default -> {}
      }
      Answer answer = forward(exchange, body);
      if (token != null && answer.status() == 200) {
        if (appliedTokens.size() >= 10_000) {
          long now = System.nanoTime();
          appliedTokens.values().removeIf(a -> now - a.at() >= TOKEN_TTL_NANOS);
        }
        appliedTokens.put(token, new Applied(digest(body), answer, System.nanoTime()));
      }
      switch (outcome) {
        case LOST_AS_500 -> reply(exchange, internalError());
        // Leaving the handler by an exception makes the server close the connection unanswered.
        case LOST_AS_RESET ->
            throw new IOException("fault injected: connection dropped after the request applied");
        default -> reply(exchange, answer);
      }
    }
  }

  private void count(Outcome outcome) {
    counts.get(outcome).incrementAndGet();
  }

  private static String transactionToken(HttpExchange exchange, byte[] body) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target == null || !target.endsWith(".TransactWriteItems")) {
      return null;
    }
    Matcher m = TOKEN.matcher(new String(body, StandardCharsets.UTF_8));
    return m.find() ? m.group(1) : null;
  }

  private Answer throttled() {
    return service == Service.DYNAMODB
        ? dynamoError(
            400,
            "ProvisionedThroughputExceededException",
            "The level of configured provisioned throughput for the table was exceeded (injected).")
        : s3Error(503, "SlowDown", "Please reduce your request rate (injected).");
  }

  private Answer internalError() {
    return service == Service.DYNAMODB
        ? dynamoError(500, "InternalServerError", "Internal server error (injected).")
        : s3Error(
            500, "InternalError", "We encountered an internal error. Please try again (injected).");
  }

  private static Answer dynamoError(int status, String type, String message) {
    byte[] body =
        ("{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                + type
                + "\",\"message\":\""
                + message
                + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {"Content-Type", "application/x-amz-json-1.0"});
    headers.add(new String[] {"x-amzn-RequestId", "FAULT" + System.nanoTime()});
    return new Answer(status, headers, body);
  }

  private static Answer s3Error(int status, String code, String message) {
    byte[] body =
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message><RequestId>FAULT"
                + System.nanoTime()
                + "</RequestId></Error>")
            .getBytes(StandardCharsets.UTF_8);
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {"Content-Type", "application/xml"});
    return new Answer(status, headers, body);
  }

  /** Sends the request to the backend on a fresh connection and reads the whole answer. */
  private Answer forward(HttpExchange exchange, byte[] body) throws IOException {
    StringBuilder head = new StringBuilder();
    head.append(exchange.getRequestMethod())
        .append(' ')
        .append(exchange.getRequestURI().getRawPath());
    if (exchange.getRequestURI().getRawQuery() != null) {
      head.append('?').append(exchange.getRequestURI().getRawQuery());
    }
    head.append(" HTTP/1.1\r\n");
    String host = exchange.getRequestHeaders().getFirst("Host");
    head.append("Host: ").append(host == null ? backend.getAuthority() : host).append("\r\n");
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (!lower.equals("host") && !HOP_BY_HOP.contains(lower)) {
                for (String v : values) {
                  head.append(name).append(": ").append(v).append("\r\n");
                }
              }
            });
    if (body.length > 0
        || !List.of("GET", "HEAD", "DELETE").contains(exchange.getRequestMethod())) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket(backend.getHost(), backend.getPort())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return readAnswer(socket.getInputStream(), exchange.getRequestMethod().equals("HEAD"));
    }
  }

  private static Answer readAnswer(InputStream in, boolean head) throws IOException {
    String statusLine = readLine(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2) {
      throw new IOException("bad status line from backend: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    List<String[]> headers = new ArrayList<>();
    boolean chunked = false;
    long length = -1;
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
        chunked = true;
      } else if (lower.equals("content-length")) {
        length = Long.parseLong(value);
      }
      headers.add(new String[] {name, value});
    }
    byte[] body;
    if (head || status == 204 || status == 304 || status / 100 == 1) {
      body = new byte[0];
    } else if (chunked) {
      body = readChunked(in);
    } else if (length >= 0) {
      body = in.readNBytes((int) length);
    } else {
      body = in.readAllBytes();
    }
    return new Answer(status, headers, body);
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      int semi = sizeLine.indexOf(';');
      int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
      if (size == 0) {
        while (!readLine(in).isEmpty()) {
          // trailers: none expected
        }
        return out.toByteArray();
      }
      out.write(in.readNBytes(size));
      readLine(in);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.write(c);
      }
    }
    if (c == -1 && line.size() == 0) {
      throw new IOException("backend closed the connection");
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  private static void reply(HttpExchange exchange, Answer answer) throws IOException {
    String declaredLength = null;
    for (String[] h : answer.headers()) {
      String lower = h[0].toLowerCase(Locale.ROOT);
      if (lower.equals("content-length")) {
        declaredLength = h[1];
      } else if (!HOP_BY_HOP.contains(lower)) {
        exchange.getResponseHeaders().add(h[0], h[1]);
      }
    }
    boolean head = exchange.getRequestMethod().equals("HEAD");
    if (head || answer.status() == 204 || answer.status() == 304) {
      // No body: keep the length the backend declared (S3 HEAD says the object's size).
      if (declaredLength != null) {
        exchange.getResponseHeaders().set("Content-Length", declaredLength);
      }
      exchange.sendResponseHeaders(answer.status(), -1);
      return;
    }
    exchange.sendResponseHeaders(
        answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
    if (answer.body().length > 0) {
      exchange.getResponseBody().write(answer.body());
    }
  }

  private static byte[] digest(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
