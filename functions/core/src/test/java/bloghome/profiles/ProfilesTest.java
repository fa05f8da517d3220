package bloghome.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.auth.Caller;
import bloghome.errors.Problem;
import bloghome.json.Json;
import bloghome.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfilesTest {
  /** Keeps profiles in a map: these tests are about the rules, the DynamoDB store has its own. */
  private final Map<String, Profile> saved = new HashMap<>();

  private final Profiles profiles =
      new Profiles(
          new ProfileStore() {
            @Override
            public Optional<Profile> find(String userId) {
              return Optional.ofNullable(saved.get(userId));
            }

            @Override
            public Profile save(
                String userId, String displayName, String bio, Optional<String> avatar) {
              Profile p = new Profile(userId, displayName, bio, 0, 0, 0, 0, 0, 0, avatar);
              saved.put(userId, p);
              return p;
            }
          },
          "https://blog.example/");
  private final Caller alice = new Caller("alice", Set.of());

  private Profile put(String displayName, String bio) {
    Map<String, Object> body = new HashMap<>();
    body.put("displayName", displayName);
    body.put("bio", bio);
    return profiles.put(alice, "alice", JsonObject.parseBody(Json.write(body)));
  }

  private void refused(String displayName, String bio, String code, String field) {
    assertThatThrownBy(() -> put(displayName, bio))
        .as(displayName + " / " + bio)
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.kind().status()).isEqualTo(400);
              assertThat(p.code()).isEqualTo(code);
              assertThat(p.field()).isEqualTo(field);
            });
    assertThat(saved).isEmpty();
  }

  @Test
  void put_refusesNamesThatSpoofOrDisappear() {
    refused("\u202Eecila", "", "INVALID_DISPLAY_NAME", "displayName");
    refused("Alice\u2066", "", "INVALID_DISPLAY_NAME", "displayName");
    refused("Alice\u200F", "", "INVALID_DISPLAY_NAME", "displayName");
    refused("\u200B", "", "INVALID_DISPLAY_NAME", "displayName");
    refused("\u200B\u200D\uFEFF", "", "INVALID_DISPLAY_NAME", "displayName");
    refused("\u3164", "", "INVALID_DISPLAY_NAME", "displayName");
    refused("a\tb", "", "INVALID_DISPLAY_NAME", "displayName");
  }

  @Test
  void put_refusesControlCharactersInTheBio_butKeepsLineFeedsAndTabs() {
    refused("Alice", "nul\u0000", "INVALID_BIO", "bio");
    refused("Alice", "esc\u001B[2J", "INVALID_BIO", "bio");
    refused("Alice", "bell\u0007", "INVALID_BIO", "bio");

    Profile profile = put("Alice", "line\r\nnext\n\tindented");

    assertThat(profile.bio()).isEqualTo("line\nnext\n\tindented");
  }

  @Test
  void put_normalisesToNfc_beforeCountingTheLength() {
    // 50 characters composed, 100 code points as sent.
    Profile profile =
        put("e\u0301".repeat(Profiles.DISPLAY_NAME_MAX), "n\u0303".repeat(Profiles.BIO_MAX));

    assertThat(profile.displayName()).isEqualTo("é".repeat(Profiles.DISPLAY_NAME_MAX));
    assertThat(profile.bio()).isEqualTo("ñ".repeat(Profiles.BIO_MAX));
    assertThat(put("中文 שלום 😀", "").displayName()).isEqualTo("中文 שלום 😀");
  }

  private Profile putAvatar(String avatar) {
    Map<String, Object> body = new HashMap<>();
    body.put("displayName", "Alice");
    body.put("avatar", avatar);
    return profiles.put(alice, "alice", JsonObject.parseBody(Json.write(body)));
  }

  @Test
  void put_keepsOnlyAnAvatarOfTheUsersOwn_andEmptyRemovesIt() {
    String own = "https://blog.example/media/alice/im_0123456789abcdefghijkl/256x256/256.png";
    assertThat(putAvatar(own).avatar()).contains(own);
    assertThat(
            putAvatar("https://blog.example/media/alice/im_0123456789abcdefghijkl/90x90/90.jpg")
                .avatar())
        .isPresent();
    assertThat(putAvatar("").avatar()).isEmpty();
    assertThat(putAvatar(null).avatar()).isEmpty();
    saved.clear();

    for (String other :
        new String[] {
          "https://blog.example/media/bob/im_0123456789abcdefghijkl/256x256/256.png",
          "https://elsewhere.example/media/alice/im_0123456789abcdefghijkl/256x256/256.png",
          "https://blog.example/media/alice/im_0123456789abcdefghijkl/1600x1200/1600.jpg",
          "https://blog.example/media/alice/im_0123456789abcdefghijkl/1600x1200/480.jpg",
          "https://blog.example/media/alice/im_0123456789abcdefghijkl/256x256/256.png?x=1",
          "javascript:alert(1)"
        }) {
      assertThatThrownBy(() -> putAvatar(other))
          .as(other)
          .isInstanceOfSatisfying(
              Problem.class,
              p -> {
                assertThat(p.kind().status()).isEqualTo(400);
                assertThat(p.code()).isEqualTo("INVALID_AVATAR");
                assertThat(p.field()).isEqualTo("avatar");
              });
    }
    assertThat(saved).isEmpty();
  }
}
