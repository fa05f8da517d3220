package bloghome.posts;

import java.time.Instant;

/**
 * What a create with an {@code Idempotency-Key} left behind, written in the same transaction as the
 * post: a replay with the same request gets the same post, another request gets a 409.
 */
public record IdempotencyRecord(
    String userId, String key, String requestHash, String postId, Instant expiresAt) {}
