package bloghome.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadingTimeTest {
  @Test
  void counter_countsCjkCharactersAndOtherWordsApart() {
    ReadingTime.Counter c = new ReadingTime.Counter();
    c.add("用 Redis 实现分布式锁, with SETNX and Lua.");
    assertThat(c.cjk()).isEqualTo(7); // 用 实 现 分 布 式 锁
    assertThat(c.words()).isEqualTo(5); // Redis with SETNX and Lua
  }

  @Test
  void minutes_use300CjkCharactersAnd200WordsAMinute_roundedUp_atLeastOne() {
    assertThat(ReadingTime.minutes(0, 0)).isEqualTo(1);
    assertThat(ReadingTime.minutes(300, 0)).isEqualTo(1);
    assertThat(ReadingTime.minutes(301, 0)).isEqualTo(2);
    assertThat(ReadingTime.minutes(0, 1000)).isEqualTo(5);
    assertThat(ReadingTime.minutes(1500, 1000)).isEqualTo(10);
  }

  @Test
  void markdown_readingTime_countsTheTextOfThePost() {
    String post = "# 标题\n\n" + "字".repeat(900) + "\n\n" + "word ".repeat(400);
    assertThat(new Markdown().render(post).readingMinutes()).isEqualTo(6); // 902/300 + 400/200
  }
}
