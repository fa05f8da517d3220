package bloghome.pages;

import java.lang.Character.UnicodeScript;

/**
 * Reading time of a post: Chinese, Japanese and Korean characters are read at about {@value
 * #CJK_PER_MINUTE} a minute, words of other scripts (runs of letters and digits, code identifiers
 * included) at about {@value #WORDS_PER_MINUTE}; at least one minute. One linear pass, no regular
 * expression.
 */
final class ReadingTime {
  static final int CJK_PER_MINUTE = 300;
  static final int WORDS_PER_MINUTE = 200;

  private ReadingTime() {}

  /** Counts text as it is added. */
  static final class Counter {
    private long cjk;
    private long words;

    void add(String text) {
      boolean inWord = false;
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        i += Character.charCount(cp);
        if (isCjk(cp)) {
          cjk++;
          inWord = false;
        } else if (Character.isLetterOrDigit(cp)) {
          if (!inWord) {
            words++;
          }
          inWord = true;
        } else {
          inWord = false;
        }
      }
    }

    long cjk() {
      return cjk;
    }

    long words() {
      return words;
    }

    int minutes() {
      return ReadingTime.minutes(cjk, words);
    }
  }

  static int minutes(long cjk, long words) {
    double exact = (double) cjk / CJK_PER_MINUTE + (double) words / WORDS_PER_MINUTE;
    return (int) Math.max(1, Math.ceil(exact));
  }

  static boolean isCjk(int cp) {
    UnicodeScript script = UnicodeScript.of(cp);
    return script == UnicodeScript.HAN
        || script == UnicodeScript.HIRAGANA
        || script == UnicodeScript.KATAKANA
        || script == UnicodeScript.HANGUL;
  }
}
