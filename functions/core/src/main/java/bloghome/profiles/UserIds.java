package bloghome.profiles;

import bloghome.errors.Problem;

/**
 * User ids are JWT subjects (Cognito: UUIDs). Restricting their characters keeps them from
 * forging other keys: a {@code #} or {@code |} could otherwise reach into another key or scope.
 */
public final class UserIds {
  private UserIds() {}

  public static void requireValid(String userId) {
    if (!isValid(userId)) {
      throw Problem.invalid("INVALID_USER_ID", "userId",
          "userId must be 1-128 characters of letters, digits and . _ @ + -");
    }
  }

  public static boolean isValid(String userId) {
    if (userId == null || userId.isEmpty() || userId.length() > 128) {
      return false;
    }
    for (int i = 0; i < userId.length(); i++) {
      char c = userId.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '@' || c == '+' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
