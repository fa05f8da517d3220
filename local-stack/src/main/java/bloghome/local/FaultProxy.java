package bloghome.local;

import bloghome.local.HttpRelay.Answer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
 *
 * <p>This class holds the plan and its draws; the parts live beside it: {@link HttpRelay} (the
 * byte-for-byte relay), {@link InjectedErrors} (the made-up answers) and {@link TransactionTokens}
 * (the token replay).
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

  private final Service service;
  private final URI backend;
  private final HttpServer server;
  private final Random random;
  private final Map<Outcome, AtomicLong> counts = new EnumMap<>(Outcome.class);
  private final TransactionTokens tokens = new TransactionTokens();
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
      String token = service == Service.DYNAMODB ? TransactionTokens.token(exchange, body) : null;
      if (token != null) {
        Optional<Answer> replayed = tokens.replay(token, body);
        if (replayed.isPresent()) {
          count(Outcome.TOKEN_REPLAYED);
          HttpRelay.reply(exchange, replayed.get());
          return;
        }
      }
      count(outcome);
      switch (outcome) {
        case THROTTLED -> {
          HttpRelay.reply(exchange, InjectedErrors.throttled(service));
          return;
        }
        case ERROR_500 -> {
          HttpRelay.reply(exchange, InjectedErrors.internalError(service));
          return;
        }
        case DELAYED -> sleep(rates.delay().toMillis());
        default -> {}
      }
      Answer answer = HttpRelay.forward(exchange, body, backend);
      if (token != null && answer.status() == 200) {
        tokens.applied(token, body, answer);
      }
      switch (outcome) {
        case LOST_AS_500 -> HttpRelay.reply(exchange, InjectedErrors.internalError(service));
        // Leaving the handler by an exception makes the server close the connection unanswered.
        case LOST_AS_RESET ->
            throw new IOException("fault injected: connection dropped after the request applied");
        default -> HttpRelay.reply(exchange, answer);
      }
    }
  }

  private void count(Outcome outcome) {
    counts.get(outcome).incrementAndGet();
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
