package bloghome.local;

import bloghome.local.HttpRelay.Answer;
import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DynamoDB's {@code ClientRequestToken} idempotency for TransactWriteItems, which moto 5.2.1 lacks:
 * the successful answers of the last 10 minutes by token, so that a repeated transaction is
 * answered with the first success and not applied again, and a different request with a used token
 * gets {@code IdempotentParameterMismatchException}.
 */
final class TransactionTokens {
  private static final long TOKEN_TTL_NANOS = 10L * 60 * 1_000_000_000L;
  private static final Pattern TOKEN =
      Pattern.compile("\"ClientRequestToken\"\\s*:\\s*\"([^\"]+)\"");

  private record Applied(byte[] requestDigest, Answer answer, long at) {}

  private final Map<String, Applied> appliedTokens = new ConcurrentHashMap<>();

  /** The request's token, if it is a TransactWriteItems that carries one; else null. */
  static String token(HttpExchange exchange, byte[] body) {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (target == null || !target.endsWith(".TransactWriteItems")) {
      return null;
    }
    Matcher m = TOKEN.matcher(new String(body, StandardCharsets.UTF_8));
    return m.find() ? m.group(1) : null;
  }

  /**
   * The answer a replay of {@code token} gets: the first success for the same request, a mismatch
   * error for a different one; empty when the token was not used within 10 minutes.
   */
  Optional<Answer> replay(String token, byte[] body) {
    Applied earlier = appliedTokens.get(token);
    if (earlier == null || System.nanoTime() - earlier.at() >= TOKEN_TTL_NANOS) {
      return Optional.empty();
    }
    if (MessageDigest.isEqual(earlier.requestDigest(), digest(body))) {
      return Optional.of(earlier.answer());
    }
    return Optional.of(
        InjectedErrors.dynamoError(
            400,
            "IdempotentParameterMismatchException",
            "The request uses the same client token as a previous, but non-identical request."));
  }

  /** Remembers a successful answer to the request with {@code token}. */
  void applied(String token, byte[] body, Answer answer) {
    if (appliedTokens.size() >= 10_000) {
      long now = System.nanoTime();
      appliedTokens.values().removeIf(a -> now - a.at() >= TOKEN_TTL_NANOS);
    }
    appliedTokens.put(token, new Applied(digest(body), answer, System.nanoTime()));
  }

  private static byte[] digest(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
