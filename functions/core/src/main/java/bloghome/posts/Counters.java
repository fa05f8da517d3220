package bloghome.posts;

/** A post's public counters: whole numbers, never negative. */
public record Counters(long views, long comments, long likes, long favorites) {
  public static final Counters ZERO = new Counters(0, 0, 0, 0);

  public Counters {
    if (views < 0 || comments < 0 || likes < 0 || favorites < 0) {
      throw new IllegalArgumentException("counters are never negative");
    }
  }
}
