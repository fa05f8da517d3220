package bloghome.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeadingIdsTest {
  @Test
  void slug_keepsCjkAndLatinLettersAndDigits_lowercased_dashesBetweenWords() {
    assertThat(HeadingIds.slug("安全管理器 Security Manager")).isEqualTo("安全管理器-security-manager");
    assertThat(HeadingIds.slug("第 2 章：Redis 分布式锁")).isEqualTo("第-2-章redis-分布式锁");
    assertThat(HeadingIds.slug("  What's new in Java 25?  ")).isEqualTo("whats-new-in-java-25");
    assertThat(HeadingIds.slug("a -- b__c")).isEqualTo("a-b-c");
  }

  @Test
  void slug_dropsMarkupAndSymbols_andNamesAnEmptyHeadingSection() {
    assertThat(HeadingIds.slug("<script>\"x\"</script>")).isEqualTo("scriptxscript");
    assertThat(HeadingIds.slug("🚀 !!!")).isEqualTo("section");
    assertThat(HeadingIds.slug("")).isEqualTo("section");
  }

  @Test
  void slug_isCutAt64CodePoints() {
    assertThat(HeadingIds.slug("字".repeat(200)).codePointCount(0, 64)).isEqualTo(64);
    assertThat(HeadingIds.slug("字".repeat(200))).isEqualTo("字".repeat(64));
  }

  @Test
  void next_isPrefixed_andUniqueWithinThePost_inOrder() {
    HeadingIds ids = new HeadingIds();
    assertThat(ids.next("小结")).isEqualTo("h-小结");
    assertThat(ids.next("小结")).isEqualTo("h-小结-2");
    assertThat(ids.next("Comments")).isEqualTo("h-comments");
    assertThat(ids.next("小结 2")).isEqualTo("h-小结-2-2");
    assertThat(ids.next("小结")).isEqualTo("h-小结-3");
  }

  @Test
  void next_isStable_sameTextSameId() {
    assertThat(new HeadingIds().next("一、背景 Background"))
        .isEqualTo(new HeadingIds().next("一、背景 Background"))
        .isEqualTo("h-一背景-background");
  }

  @Test
  void slug_isLinear_onAHugeHeading() {
    String huge = "a ".repeat(500_000);
    long start = System.nanoTime();
    HeadingIds.slug(huge);
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }

  @Test
  void next_staysFast_forAPostOfEqualHeadingsAtTheSizeLimit() {
    // 200 KiB of "# a\n" is 51,200 headings with the same text.
    HeadingIds ids = new HeadingIds();
    long start = System.nanoTime();
    String last = "";
    for (int i = 0; i < 51_200; i++) {
      last = ids.next("a");
    }
    assertThat(last).isEqualTo("h-a-51200");
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }
}
