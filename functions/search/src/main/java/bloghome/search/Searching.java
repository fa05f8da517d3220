package bloghome.search;

import bloghome.search.index.BlogIndex;
import bloghome.search.index.IndexArchive;
import bloghome.search.index.SearchQuery;
import bloghome.search.index.SearchResults;
import bloghome.search.store.IndexStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;

/**
 * Answers searches of a blog from its index, kept on local disk ({@code /tmp} on Lambda) between
 * requests: each search asks S3 whether the index changed (a conditional GET answered 304 when it
 * did not) and downloads it only when it did, so a write shows up in the next search.
 */
public final class Searching {
  public static final int PAGE_SIZE = 10;

  /** Pages beyond this are not offered (nobody reads them; each costs a deeper top-k). */
  public static final int MAX_PAGE = 50;

  private final IndexStore store;
  private final Path cacheRoot;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(String version, Path path, DirectoryReader reader) {}

  public Searching(IndexStore store, Path cacheRoot) {
    this.store = store;
    this.cacheRoot = cacheRoot;
  }

  public SearchResults search(String userId, String query, int page) {
    int boundedPage = Math.max(1, Math.min(page, MAX_PAGE));
    Optional<DirectoryReader> reader = reader(userId);
    if (reader.isEmpty()) {
      return SearchResults.empty(query, boundedPage, PAGE_SIZE);
    }
    return BlogIndex.search(reader.get(), query, boundedPage, PAGE_SIZE, SearchQuery.Mode.COMBINED);
  }

  private synchronized Optional<DirectoryReader> reader(String userId) {
    Cached cached = cache.get(userId);
    IndexStore.Fetched fetched =
        store.fetch(userId, Optional.ofNullable(cached).map(Cached::version));
    return switch (fetched) {
      case IndexStore.Fetched.Unchanged unchanged -> Optional.of(cached.reader());
      case IndexStore.Fetched.Missing missing -> {
        drop(userId);
        yield Optional.empty();
      }
      case IndexStore.Fetched.Found found -> {
        drop(userId);
        yield Optional.of(open(userId, found.stored()).reader());
      }
    };
  }

  private Cached open(String userId, IndexStore.Stored stored) {
    try {
      Files.createDirectories(cacheRoot);
      Path path = Files.createTempDirectory(cacheRoot, "index-");
      FSDirectory directory = FSDirectory.open(path);
      IndexArchive.unpack(stored.bytes(), directory);
      Cached cached = new Cached(stored.version(), path, DirectoryReader.open(directory));
      cache.put(userId, cached);
      return cached;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void drop(String userId) {
    Cached old = cache.remove(userId);
    if (old == null) {
      return;
    }
    try {
      old.reader().close();
      old.reader().directory().close();
      try (Stream<Path> files = Files.walk(old.path())) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
