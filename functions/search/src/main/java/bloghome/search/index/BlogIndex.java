package bloghome.search.index;

import bloghome.search.index.SearchHit.Segment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/** One blog's Lucene index in a {@link Directory}: updates and searches. */
public final class BlogIndex {
  private static final String TAG_SEPARATOR = "\n";

  private BlogIndex() {}

  /** Adds or replaces {@code upserts} and removes {@code deletes} (post ids), then commits. */
  public static void update(
      Directory directory, Collection<SearchDocument> upserts, Collection<String> deletes) {
    IndexWriterConfig config = new IndexWriterConfig(SearchAnalyzers.index());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setUseCompoundFile(true);
    config.setCommitOnClose(false);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (String postId : deletes) {
        writer.deleteDocuments(new Term(SearchFields.POST_ID, postId));
      }
      for (SearchDocument doc : upserts) {
        writer.updateDocument(new Term(SearchFields.POST_ID, doc.postId()), document(doc));
      }
      writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the directory holds a committed index. */
  public static boolean exists(Directory directory) {
    try {
      return DirectoryReader.indexExists(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Document document(SearchDocument post) {
    Document doc = new Document();
    doc.add(new StringField(SearchFields.POST_ID, post.postId(), Field.Store.YES));
    String tags = String.join(TAG_SEPARATOR, post.tags());
    text(doc, SearchFields.TITLE, post.title());
    text(doc, SearchFields.TAGS, tags);
    text(doc, SearchFields.SUMMARY, post.summary());
    text(doc, SearchFields.CONTENT, post.content());
    doc.add(new StoredField(SearchFields.PUBLISHED_AT, post.publishedAt().toEpochMilli()));
    return doc;
  }

  private static void text(Document doc, String field, String value) {
    doc.add(new StoredField(field, value));
    doc.add(new TextField(field + SearchAnalyzers.GRAMS, value, Field.Store.NO));
    doc.add(new TextField(field + SearchAnalyzers.WORDS, value, Field.Store.NO));
  }

  /**
   * Indexes and searches one post in memory: loads the analyzers' classes and smartcn's
   * dictionaries, for priming before a snapshot.
   */
  public static void warmUp() {
    try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
      update(
          directory,
          List.of(
              new SearchDocument(
                  "warm-up",
                  "Java 安全管理器",
                  "Redis 分布式锁",
                  "ConcurrentHashMap computeIfAbsent running tests",
                  List.of("java"),
                  Instant.EPOCH)),
          List.of());
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        search(reader, "安全 ConcurrentHashMap running", 1, 10, SearchQuery.Mode.COMBINED);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The number of posts in the index. */
  public static int size(DirectoryReader reader) {
    return reader.numDocs();
  }

  /**
   * Page {@code page} (1-based) of the posts matching {@code text}, best first, with highlighted
   * titles and snippets.
   */
  public static SearchResults search(
      DirectoryReader reader, String text, int page, int pageSize, SearchQuery.Mode mode) {
    Optional<SearchQuery> parsed = SearchQuery.parse(text, mode);
    if (parsed.isEmpty()) {
      return SearchResults.empty(text, page, pageSize);
    }
    SearchQuery query = parsed.get();
    IndexSearcher searcher = new IndexSearcher(reader);
    try {
      TopDocs top = searcher.search(query.query(), page * pageSize);
      // Past 1,000 matches the top-k collection stops counting exactly: count apart.
      long total =
          top.totalHits.relation() == TotalHits.Relation.EQUAL_TO
              ? top.totalHits.value()
              : searcher.count(query.query());
      ScoreDoc[] docs = top.scoreDocs;
      int from = Math.min(docs.length, (page - 1) * pageSize);
      List<SearchHit> hits = new ArrayList<>();
      var stored = searcher.storedFields();
      for (ScoreDoc scored : Arrays.copyOfRange(docs, from, docs.length)) {
        Document doc = stored.document(scored.doc);
        hits.add(hit(doc, query, scored.score));
      }
      return new SearchResults(text, page, pageSize, total, hits);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Post ids of every match, best first (the test set's measure). */
  public static List<String> matchingIds(
      DirectoryReader reader, String text, SearchQuery.Mode mode, int limit) {
    Optional<SearchQuery> parsed = SearchQuery.parse(text, mode);
    if (parsed.isEmpty()) {
      return List.of();
    }
    IndexSearcher searcher = new IndexSearcher(reader);
    try {
      List<String> ids = new ArrayList<>();
      var stored = searcher.storedFields();
      for (ScoreDoc scored : searcher.search(parsed.get().query(), limit).scoreDocs) {
        ids.add(stored.document(scored.doc).get(SearchFields.POST_ID));
      }
      return ids;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SearchHit hit(Document doc, SearchQuery query, float score) {
    String title = doc.get(SearchFields.TITLE);
    String summary = doc.get(SearchFields.SUMMARY);
    String content = doc.get(SearchFields.CONTENT);
    List<Segment> snippet = Snippets.window(content, query);
    if (snippet.stream().noneMatch(Segment::hit)) {
      List<Segment> fromSummary = Snippets.window(summary, query);
      if (fromSummary.stream().anyMatch(Segment::hit) || content.isBlank()) {
        snippet = fromSummary;
      }
    }
    String tags = doc.get(SearchFields.TAGS);
    return new SearchHit(
        doc.get(SearchFields.POST_ID),
        Snippets.whole(title, query),
        snippet,
        tags.isEmpty() ? List.of() : List.of(tags.split("\n")),
        Instant.ofEpochMilli(doc.getField(SearchFields.PUBLISHED_AT).numericValue().longValue()),
        score);
  }
}
