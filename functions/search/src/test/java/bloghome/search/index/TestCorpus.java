package bloghome.search.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the test set's blog (src/test/resources/search/corpus.txt) and queries. */
final class TestCorpus {
  private TestCorpus() {}

  record Query(String kind, String text, List<String> expected) {}

  static List<SearchDocument> posts() {
    List<SearchDocument> posts = new ArrayList<>();
    String[] header = null;
    String summary = null;
    StringBuilder content = new StringBuilder();
    for (String line : lines("corpus.txt")) {
      if (line.startsWith("#") && header == null) {
        continue;
      }
      if (line.startsWith("=== ")) {
        if (header != null) {
          posts.add(post(header, summary, content.toString(), posts.size()));
        }
        header =
            Arrays.stream(line.substring(4).split("\\|")).map(String::strip).toArray(String[]::new);
        summary = null;
        content.setLength(0);
      } else if (summary == null) {
        summary = line;
      } else {
        content.append(line).append('\n');
      }
    }
    posts.add(post(header, summary, content.toString(), posts.size()));
    return posts;
  }

  private static SearchDocument post(String[] header, String summary, String content, int n) {
    return new SearchDocument(
        header[0],
        header[1],
        summary,
        content,
        List.of(header[2].split(",")),
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(86_400L * n));
  }

  static List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    for (String line : lines("queries.tsv")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      List<String> expected = cols[2].isBlank() ? List.of() : List.of(cols[2].split(","));
      queries.add(new Query(cols[0], cols[1], expected));
    }
    return queries;
  }

  private static List<String> lines(String name) {
    try (InputStream in = TestCorpus.class.getResourceAsStream("/search/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
