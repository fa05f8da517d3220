package bloghome.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LangTest {
  @Test
  void acceptLanguage_picksTheBestLanguageWeHave_andChineseOtherwise() {
    assertThat(Lang.fromAcceptLanguage("en-US,en;q=0.9")).isEqualTo(Lang.EN);
    assertThat(Lang.fromAcceptLanguage("fr;q=1, en;q=0.4, zh-TW;q=0.8")).isEqualTo(Lang.ZH);
    assertThat(Lang.fromAcceptLanguage("de")).isEqualTo(Lang.ZH);
    assertThat(Lang.fromAcceptLanguage("en;q=abc, zh;q=0.1")).isEqualTo(Lang.ZH);
    assertThat(Lang.fromAcceptLanguage(null)).isEqualTo(Lang.ZH);
  }

  @Test
  void theSwitchWins_thenTheCookie_thenAcceptLanguage_andAnUnknownSwitchIsA400() {
    assertThat(
            PageRequest.of("/u/a", Map.of("lang", "en"), List.of("lang=zh-CN"), Optional.of("zh"))
                .lang())
        .isEqualTo(Lang.EN);
    assertThat(
            PageRequest.of("/u/a", Map.of(), List.of("x=1", "lang=en"), Optional.of("zh")).lang())
        .isEqualTo(Lang.EN);
    assertThat(PageRequest.of("/u/a", Map.of(), null, Optional.of("en")).lang()).isEqualTo(Lang.EN);
    assertThatThrownBy(() -> PageRequest.of("/u/a", Map.of("lang", "xx"), null, Optional.of("en")))
        .isInstanceOfSatisfying(
            PageRequest.UnknownLanguage.class,
            e -> {
              assertThat(e.kind().status()).isEqualTo(400);
              assertThat(e.fallback().lang()).isEqualTo(Lang.EN);
            });
  }

  @Test
  void theSwitchLink_keepsTheQuery_andSetsACookieOnlyWhenUsed() {
    PageRequest r =
        PageRequest.of(
            "/u/a", new LinkedHashMap<>(Map.of("sort", "views")), null, Optional.empty());
    assertThat(r.otherLangHref()).isEqualTo("/u/a?sort=views&lang=en");
    assertThat(r.signInHref()).isEqualTo("/sign-in?return=%2Fu%2Fa%3Fsort%3Dviews");
    assertThat(r.langCookie(true)).isEmpty();
    assertThat(
            PageRequest.of("/u/a", Map.of("lang", "en"), null, Optional.empty()).langCookie(true))
        .hasValue("lang=en; Path=/; Max-Age=31536000; SameSite=Lax; Secure");
  }
}
