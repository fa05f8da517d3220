package bloghome.search.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns what a reader typed into a Lucene query, without a query syntax (nothing a reader types is
 * an operator or an error). Every whitespace-separated word of the query must match; a word matches
 * a post when, in any text field,
 *
 * <ul>
 *   <li>its {@link SearchAnalyzers#grams() grams} occur as a phrase (a Chinese word as a contiguous
 *       string, an identifier as its consecutive parts, an English word by its stem), or
 *   <li>its smartcn {@link SearchAnalyzers#words() words} all occur (a Chinese phrase typed without
 *       spaces whose words are apart in the post).
 * </ul>
 *
 * Fields are weighted (title over tags over summary over content), BM25 ranks within.
 *
 * @param terms what the snippets mark: grams and words of the query
 */
public record SearchQuery(Query query, Set<String> gramTerms, Set<String> wordTerms) {

  /**
   * Which analyses a query uses: both in production; one alone to measure each (docs/search.md).
   */
  public enum Mode {
    COMBINED,
    GRAMS_ONLY,
    WORDS_ONLY
  }

  /** At most this many words of a query are used; at most this many characters are read. */
  public static final int MAX_WORDS = 12;

  public static final int MAX_LENGTH = 200;

  public static Optional<SearchQuery> parse(String text, Mode mode) {
    if (text == null) {
      return Optional.empty();
    }
    String bounded = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    Set<String> gramTerms = new HashSet<>();
    Set<String> wordTerms = new HashSet<>();
    int used = 0;
    for (String word : words(bounded)) {
      if (used == MAX_WORDS) {
        break;
      }
      List<Query> alternatives = new ArrayList<>();
      if (mode != Mode.WORDS_ONLY) {
        List<Token> grams = analyze(SearchAnalyzers.grams(), word);
        for (String field : SearchFields.TEXT_FIELDS) {
          phrase(field + SearchAnalyzers.GRAMS, grams)
              .ifPresent(q -> alternatives.add(new BoostQuery(q, SearchFields.boost(field))));
        }
        grams.forEach(t -> gramTerms.add(t.term()));
      }
      if (mode != Mode.GRAMS_ONLY) {
        List<Token> words = analyze(SearchAnalyzers.words(), word);
        for (String field : SearchFields.TEXT_FIELDS) {
          allOf(field + SearchAnalyzers.WORDS, words)
              .ifPresent(q -> alternatives.add(new BoostQuery(q, SearchFields.boost(field))));
        }
        words.forEach(t -> wordTerms.add(t.term()));
      }
      if (!alternatives.isEmpty()) {
        all.add(new DisjunctionMaxQuery(alternatives, 0.1f), BooleanClause.Occur.MUST);
        used++;
      }
    }
    if (used == 0) {
      return Optional.empty();
    }
    return Optional.of(new SearchQuery(all.build(), Set.copyOf(gramTerms), Set.copyOf(wordTerms)));
  }

  /** Whitespace-separated words (any Unicode space, the ideographic space included). */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < text.length(); i++) {
      boolean space =
          Character.isWhitespace(text.charAt(i)) || Character.isSpaceChar(text.charAt(i));
      if (space && start >= 0) {
        words.add(text.substring(start, i));
        start = -1;
      } else if (!space && start < 0) {
        start = i;
      }
    }
    if (start >= 0) {
      words.add(text.substring(start));
    }
    return words;
  }

  record Token(String term, int position) {}

  static List<Token> analyze(Analyzer analyzer, String text) {
    List<Token> tokens = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("q", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      int position = -1;
      while (stream.incrementToken()) {
        position += increment.getPositionIncrement();
        tokens.add(new Token(term.toString(), position));
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tokens;
  }

  private static Optional<Query> phrase(String field, List<Token> tokens) {
    if (tokens.isEmpty()) {
      return Optional.empty();
    }
    if (tokens.size() == 1) {
      return Optional.of(new TermQuery(new Term(field, tokens.get(0).term())));
    }
    PhraseQuery.Builder phrase = new PhraseQuery.Builder();
    int first = tokens.get(0).position();
    for (Token token : tokens) {
      phrase.add(new Term(field, token.term()), token.position() - first);
    }
    return Optional.of(phrase.build());
  }

  private static Optional<Query> allOf(String field, List<Token> tokens) {
    if (tokens.isEmpty()) {
      return Optional.empty();
    }
    if (tokens.size() == 1) {
      return Optional.of(new TermQuery(new Term(field, tokens.get(0).term())));
    }
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    for (Token token : tokens) {
      all.add(new TermQuery(new Term(field, token.term())), BooleanClause.Occur.MUST);
    }
    return Optional.of(all.build());
  }
}
