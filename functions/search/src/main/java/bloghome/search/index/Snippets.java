package bloghome.search.index;

import bloghome.search.index.SearchHit.Segment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Marks the query's terms in a stored text by running the same analyses over it (so a hit found
 * through a bigram or an identifier part is marked where it is), and cuts a window around the
 * densest run of hits. The output is plain text runs: the renderer escapes them.
 */
final class Snippets {
  /** Characters of a snippet. */
  static final int WINDOW = 160;

  /** Text analysed for hits: beyond it a snippet falls back to the text's start. */
  static final int ANALYSED = 50_000;

  private Snippets() {}

  record Span(int start, int end) {}

  static List<Segment> whole(String text, SearchQuery query) {
    return segments(text, hits(text, query), 0, text.length());
  }

  static List<Segment> window(String text, SearchQuery query) {
    String flat = collapse(text);
    List<Span> hits = hits(flat, query);
    int start = 0;
    int best = -1;
    for (int i = 0; i < hits.size(); i++) {
      int count = 0;
      for (int j = i; j < hits.size() && hits.get(j).start() < hits.get(i).start() + WINDOW; j++) {
        count++;
      }
      if (count > best) {
        best = count;
        start = Math.max(0, hits.get(i).start() - 30);
      }
    }
    int end = Math.min(flat.length(), start + WINDOW);
    List<Segment> out = new ArrayList<>();
    if (start > 0) {
      out.add(new Segment("…", false));
    }
    out.addAll(segments(flat, hits, start, end));
    if (end < flat.length()) {
      out.add(new Segment("…", false));
    }
    return out;
  }

  private static List<Segment> segments(String text, List<Span> hits, int from, int to) {
    List<Segment> out = new ArrayList<>();
    int at = from;
    for (Span hit : hits) {
      int s = Math.max(hit.start(), at);
      int e = Math.min(hit.end(), to);
      if (e <= s) {
        continue;
      }
      if (s > at) {
        out.add(new Segment(text.substring(at, s), false));
      }
      out.add(new Segment(text.substring(s, e), true));
      at = e;
    }
    if (at < to) {
      out.add(new Segment(text.substring(at, to), false));
    }
    return out;
  }

  /** Hit spans in text order, overlapping ones merged. */
  static List<Span> hits(String text, SearchQuery query) {
    String analysed = text.length() > ANALYSED ? text.substring(0, ANALYSED) : text;
    boolean[] marked = new boolean[analysed.length()];
    mark(SearchAnalyzers.grams(), analysed, query.gramTerms(), marked);
    mark(SearchAnalyzers.words(), analysed, query.wordTerms(), marked);
    List<Span> spans = new ArrayList<>();
    int i = 0;
    while (i < marked.length) {
      if (!marked[i]) {
        i++;
        continue;
      }
      int start = i;
      while (i < marked.length && marked[i]) {
        i++;
      }
      spans.add(new Span(start, i));
    }
    return spans;
  }

  private static void mark(Analyzer analyzer, String text, Set<String> terms, boolean[] marked) {
    if (terms.isEmpty()) {
      return;
    }
    try (TokenStream stream = analyzer.tokenStream("s", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        if (terms.contains(term.toString())) {
          int end = Math.min(offset.endOffset(), marked.length);
          for (int c = Math.max(0, offset.startOffset()); c < end; c++) {
            marked[c] = true;
          }
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whitespace runs to one space, so that a snippet reads as one line. */
  static String collapse(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }
}
