package bloghome.pages.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageHandlerTest {
  @Test
  void signIn_returnsOnlyToPathsOnThisSite() {
    assertThat(PageHandler.safeReturn(Optional.of("/p/p_1?x=1"))).isEqualTo("/p/p_1?x=1");
    assertThat(PageHandler.safeReturn(Optional.of("//evil.example"))).isEqualTo("/");
    assertThat(PageHandler.safeReturn(Optional.of("/\\evil.example"))).isEqualTo("/");
    assertThat(PageHandler.safeReturn(Optional.of("https://evil.example"))).isEqualTo("/");
    assertThat(PageHandler.safeReturn(Optional.of("/a\nb"))).isEqualTo("/");
    assertThat(PageHandler.safeReturn(Optional.empty())).isEqualTo("/");
  }

  @Test
  void signIn_returnsOnlyToOurPages_readAsTheBrowserReadsTheUrl() {
    assertThat(PageHandler.safeReturn(Optional.of("/u/demo?sort=views#top")))
        .isEqualTo("/u/demo?sort=views#top");
    // Browsers drop tab, CR and LF: "/\t/host" is "//host", another origin.
    assertThat(PageHandler.safeReturn(Optional.of("/\t/127.0.0.1:9/c"))).isEqualTo("/");
    assertThat(PageHandler.safeReturn(Optional.of("/\r\n/127.0.0.1:9/c"))).isEqualTo("/");
    assertThat(PageHandler.safeReturn(Optional.of("/u/a\\b"))).isEqualTo("/");
    // Same origin, but not one of our pages.
    assertThat(PageHandler.safeReturn(Optional.of("/sign-in?return=//x"))).isEqualTo("/");
    assertThat(PageHandler.safeReturn(Optional.of("/auth/callback"))).isEqualTo("/");
    assertThat(PageHandler.safeReturn(Optional.of("/u/../_local/token"))).isEqualTo("/");
    assertThat(PageHandler.safeReturn(Optional.of("/users/alice"))).isEqualTo("/");
    assertThat(PageHandler.safeReturn(Optional.of("/u/%2E%2e/_local/token"))).isEqualTo("/");
    assertThat(PageHandler.safeReturn(Optional.of("/u/%zz"))).isEqualTo("/");
  }

  @Test
  void signIn_returnsToTheStudioPages_andNothingThatMerelyStartsLikeThem() {
    assertThat(PageHandler.safeReturn(Optional.of("/write"))).isEqualTo("/write");
    assertThat(PageHandler.safeReturn(Optional.of("/studio?state=draft")))
        .isEqualTo("/studio?state=draft");
    assertThat(PageHandler.safeReturn(Optional.of("/studio/profile"))).isEqualTo("/studio/profile");
    assertThat(PageHandler.safeReturn(Optional.of("/studio/import"))).isEqualTo("/studio/import");
    assertThat(PageHandler.safeReturn(Optional.of("/p/p_1/edit"))).isEqualTo("/p/p_1/edit");
    assertThat(PageHandler.safeReturn(Optional.of("/studios"))).isEqualTo("/");
    assertThat(PageHandler.safeReturn(Optional.of("/writer"))).isEqualTo("/");
    assertThat(PageHandler.safeReturn(Optional.of("/studio/../_local/token"))).isEqualTo("/");
  }
}
