package bloghome.profiles;

import bloghome.errors.Problem;
import bloghome.ids.Ids;

/**
 * User ids are JWT subjects (Cognito: UUIDs). Restricting their characters keeps them from forging
 * other keys: a {@code #} or {@code |} could otherwise reach into another key or scope.
 */
public final class UserIds {
  private UserIds() {}

  public static void requireValid(String userId) {
    if (!isValid(userId)) {
      throw Problem.invalid(
          "INVALID_USER_ID",
          "userId",
          "userId must be 1-128 characters of letters, digits and . _ @ + -");
    }
  }

  public static boolean isValid(String userId) {
    return Ids.isKeySafe(userId);
  }
}
