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
    // An array claim arrives as one string, the names in brackets separated by single spaces.
    assertThat(Caller.parseGroups("[vip admin]")).isEqualTo(Set.of("vip", "admin"));
    assertThat(Caller.parseGroups("[vip]")).isEqualTo(Set.of("vip"));
    // A string claim arrives as it is: one group.
    assertThat(Caller.parseGroups("vip")).isEqualTo(Set.of("vip"));
    assertThat(Caller.parseGroups(null)).isEmpty();
    assertThat(Caller.parseGroups("")).isEmpty();
    assertThat(Caller.parseGroups("[]")).isEmpty();
  }

  @Test
  void parseGroups_matchesWholeGroupNamesOnly() {
    // Cognito group names may hold commas, quotes and brackets, but no whitespace.
    for (String claim :
        new String[] {
          "[beta,vip]",
          "beta,vip",
          "[beta,vip admin]",
          "[\"vip\"]",
          "\"vip\"",
          "[vip,]",
          "[,vip]",
          "vip,beta",
          "[vip-old]",
          "[VIP]",
          "VIP",
          "[[vip]]",
          "beta vip",
          " vip",
          "vip ",
          "[vip\tadmin]",
          "[vip\nadmin]"
        }) {
      assertThat(Caller.parseGroups(claim)).as(claim).doesNotContain("vip");
      assertThat(
              Caller.fromClaims(Map.of("sub", "mallory", "cognito:groups", claim))
                  .orElseThrow()
                  .isVip())
          .as(claim)
          .isFalse();
    }
    assertThat(Caller.parseGroups("[beta,vip admin]")).isEqualTo(Set.of("beta,vip", "admin"));
    assertThat(Caller.parseGroups("[admin vip]")).isEqualTo(Set.of("admin", "vip"));
  }

  @Test
  void fromClaims_isEmpty_withoutASubject() {
    assertThat(Caller.fromClaims(Map.of("cognito:groups", "[vip]"))).isEmpty();
    assertThat(Caller.fromClaims(null)).isEmpty();
    assertThat(Caller.fromClaims(Map.of("sub", "alice")).orElseThrow().isVip()).isFalse();
    assertThat(
            Caller.fromClaims(Map.of("sub", "alice", "cognito:groups", "[vip]"))
                .orElseThrow()
                .isVip())
        .isTrue();
  }

  @Test
  void requireOwnerAndVip_are403s_withStableCodes() {
    Caller bob = new Caller("bob", Set.of());

    assertThatThrownBy(() -> bob.requireOwner("alice"))
        .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.code()).isEqualTo("NOT_OWNER"));
    assertThatThrownBy(bob::requireVip)
        .isInstanceOfSatisfying(
            Problem.class,
            p -> {
              assertThat(p.code()).isEqualTo("VIP_REQUIRED");
              assertThat(p.kind().status()).isEqualTo(403);
            });
  }
}
