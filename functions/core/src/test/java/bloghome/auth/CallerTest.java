package bloghome.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.errors.Problem;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {
  @Test
  void fromClaims_readsGroupsInTheShapesApiGatewayPassesThem() {
    assertThat(Caller.parseGroups("[vip admin]")).isEqualTo(Set.of("vip", "admin"));
    assertThat(Caller.parseGroups("[\"vip\",\"x\"]")).isEqualTo(Set.of("vip", "x"));
    assertThat(Caller.parseGroups("vip")).isEqualTo(Set.of("vip"));
    assertThat(Caller.parseGroups(null)).isEmpty();
    assertThat(Caller.parseGroups("[]")).isEmpty();
  }

  @Test
  void fromClaims_isEmpty_withoutASubject() {
    assertThat(Caller.fromClaims(Map.of("cognito:groups", "[vip]"))).isEmpty();
    assertThat(Caller.fromClaims(null)).isEmpty();
    assertThat(Caller.fromClaims(Map.of("sub", "alice")).orElseThrow().isVip()).isFalse();
    assertThat(Caller.fromClaims(Map.of("sub", "alice", "cognito:groups", "[vip]")).orElseThrow().isVip()).isTrue();
  }

  @Test
  void requireOwnerAndVip_are403s_withStableCodes() {
    Caller bob = new Caller("bob", Set.of());

    assertThatThrownBy(() -> bob.requireOwner("alice"))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo("NOT_OWNER"));
    assertThatThrownBy(bob::requireVip)
        .isInstanceOfSatisfying(Problem.class, p -> {
          assertThat(p.code()).isEqualTo("VIP_REQUIRED");
          assertThat(p.kind().status()).isEqualTo(403);
        });
  }
}
