package bloghome.search.index;

import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The two analyses every text field gets (docs/search.md):
 *
 * <ul>
 *   <li>{@link #grams()}: Unicode word boundaries; code identifiers split into their words ({@code
 *       ConcurrentHashMap} → concurrent hash map, {@code snake_case_name} → snake case name); Han
 *       text as overlapping bigrams, so any two-character word is found inside a longer one (安全 in
 *       安全管理器) however a segmenter would have cut it; lower case and Porter stemming.
 *   <li>{@link #words()}: smartcn's dictionary segmentation (with Porter stemming for Latin words),
 *       which matches the words of a Chinese query wherever they occur in the post, not only as one
 *       contiguous string.
 * </ul>
 *
 * The same analyzer runs at index and query time. Analyzers are thread-safe and built once.
 */
public final class SearchAnalyzers {
  /** Field name suffixes of the two analyses. */
  public static final String GRAMS = "_g";

  public static final String WORDS = "_w";

  private static final Analyzer GRAM_ANALYZER = new GramAnalyzer();
  private static final Analyzer WORD_ANALYZER = new SmartChineseAnalyzer();
  private static final Analyzer INDEX_ANALYZER = perField();

  private SearchAnalyzers() {}

  public static Analyzer grams() {
    return GRAM_ANALYZER;
  }

  public static Analyzer words() {
    return WORD_ANALYZER;
  }

  /** What the index writer uses: by the field's suffix. */
  public static Analyzer index() {
    return INDEX_ANALYZER;
  }

  private static Analyzer perField() {
    Map<String, Analyzer> fields = new HashMap<>();
    for (String field : SearchFields.TEXT_FIELDS) {
      fields.put(field + GRAMS, GRAM_ANALYZER);
      fields.put(field + WORDS, WORD_ANALYZER);
    }
    return new PerFieldAnalyzerWrapper(GRAM_ANALYZER, fields);
  }

  private static final class GramAnalyzer extends Analyzer {
    private static final int DELIMITER_FLAGS =
        WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
            | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      // Without PRESERVE_ORIGINAL or catenation the splitter yields a plain sequence (no graph),
      // which can be indexed as is and queried as a phrase: HashMap finds ConcurrentHashMap.
      // adjustInternalOffsets: a part gets its own offsets, so a snippet marks "HashMap" inside
      // "ConcurrentHashMap", not the whole identifier.
      TokenStream stream =
          new WordDelimiterGraphFilter(
              source, true, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE, DELIMITER_FLAGS, null);
      stream = new CJKWidthFilter(stream);
      stream = new LowerCaseFilter(stream);
      stream = new CJKBigramFilter(stream);
      stream = new PorterStemFilter(stream);
      return new TokenStreamComponents(source, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new LowerCaseFilter(new CJKWidthFilter(in));
    }
  }
}
