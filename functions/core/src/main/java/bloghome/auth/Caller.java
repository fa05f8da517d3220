package bloghome.auth;

import bloghome.errors.Problem;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The signed-in user, from claims that API Gateway's JWT authorizer has already verified.
 *
 * @param userId the token's {@code sub}
 * @param groups the token's {@code cognito:groups}
 */
public record Caller(String userId, Set<String> groups) {
  public static final String VIP_GROUP = "vip";

  public Caller {
    groups = Set.copyOf(groups);
  }

  public boolean isVip() {
    return groups.contains(VIP_GROUP);
  }

  public boolean is(String otherUserId) {
    return userId.equals(otherUserId);
  }

  /** Owners only change their own data. */
  public void requireOwner(String ownerId) {
    if (!is(ownerId)) {
      throw Problem.forbidden("NOT_OWNER", "Only the owner can change this.");
    }
  }

  public void requireVip() {
    if (!isVip()) {
      throw Problem.forbidden("VIP_REQUIRED", "This is a VIP feature.");
    }
  }

  /**
   * Reads claims as the HTTP API JWT authorizer passes them: every value a string, arrays flattened
   * to {@code "[a b]"}.
   */
  public static Optional<Caller> fromClaims(Map<String, String> claims) {
    if (claims == null) {
      return Optional.empty();
    }
    String sub = claims.get("sub");
    if (sub == null || sub.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new Caller(sub, parseGroups(claims.get("cognito:groups"))));
  }

  /**
   * The groups of a {@code cognito:groups} claim as the HTTP API JWT authorizer delivers it: an
   * array claim becomes one string, its names in brackets separated by single spaces ({@code "[vip
   * admin]"}); a string claim arrives unchanged and is one group. Cognito group names hold no
   * whitespace, so splitting on the space is exact; they may hold commas, quotes and brackets, so
   * nothing else splits a name or is stripped from it ({@code beta,vip} is not {@code vip}).
   */
  static Set<String> parseGroups(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Set.of();
    }
    if (!(raw.length() >= 2 && raw.startsWith("[") && raw.endsWith("]"))) {
      return Set.of(raw);
    }
    String inner = raw.substring(1, raw.length() - 1);
    if (inner.isEmpty()) {
      return Set.of();
    }
    Set<String> groups = new HashSet<>();
    for (String name : inner.split(" ", -1)) {
      // An empty name means a doubled or edge space: not a shape the authorizer produces.
      if (!name.isEmpty()) {
        groups.add(name);
      }
    }
    return groups;
  }
}
