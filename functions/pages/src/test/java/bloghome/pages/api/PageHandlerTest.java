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
}
