package bloghome.bench;

import bloghome.search.index.BlogIndex;
import bloghome.search.index.IndexArchive;
import bloghome.search.index.SearchDocument;
import bloghome.search.index.SearchQuery;
import bloghome.search.index.SearchResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.FSDirectory;

/**
 * Search figures for docs/search.md (issue 20): for generated blogs of 1,000 and 10,000 posts
 * (mixed Chinese, English and code, about 2 KB each), the index archive's size, the search latency
 * warm (an open reader, page 1 with snippets) and cold (archive unpacked to disk, reader opened,
 * first search), and the indexer's work for one changed post (unpack, update, pack). S3 transfer is
 * not included (see docs/search.md); then the index update lag after a write on the whole local
 * system ({@link SearchLag}). Run: {@code bin/bench search} (or with {@code --posts 1000}, {@code
 * --lag-posts 1000}, {@code --no-lag}, {@code --lag-only}).
 */
public final class SearchBench {
  private static final String[] ZH = {
    "分布式锁", "安全管理器", "线程池", "消息队列", "缓存穿透", "数据库索引", "事务隔离", "垃圾回收", "容器编排",
    "服务注册", "负载均衡", "限流熔断", "一致性哈希", "零拷贝", "序列化", "反射机制", "类加载器", "内存模型",
    "读写分离", "分库分表", "日志收集", "链路追踪", "灰度发布", "单元测试", "代码审查", "性能优化"
  };
  private static final String[] ZH_FILL = {
    "在生产环境中", "我们发现", "需要注意的是", "这篇文章介绍", "原理与实践", "的实现方式", "常见问题", "总结一下", "可以看到", "因此", "但是", "最后"
  };
  private static final String[] EN = {
    "running",
    "tests",
    "latency",
    "throughput",
    "deployment",
    "caching",
    "indexes",
    "queries",
    "consistency",
    "replication",
    "partitioning",
    "retries",
    "timeouts",
    "snapshots",
    "streams"
  };
  private static final String[] CODE = {
    "ConcurrentHashMap",
    "computeIfAbsent",
    "ThreadPoolExecutor",
    "snake_case_name",
    "CompletableFuture",
    "ReentrantLock",
    "getOrDefault",
    "MAX_RETRY_COUNT",
    "HttpClient",
    "ByteBuffer"
  };
  private static final String[] QUERIES = {
    "分布式锁",
    "安全",
    "线程池 参数",
    "Redis 分布式锁",
    "caching",
    "running tests",
    "ConcurrentHashMap",
    "computeIfAbsent",
    "snake_case_name",
    "数据库",
    "性能优化",
    "ThreadPoolExecutor 线程池"
  };

  private SearchBench() {}

  public static void main(String[] args) throws IOException {
    List<Integer> sizes = new ArrayList<>(List.of(1_000, 10_000));
    int lagPosts = 1_000;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--posts") && i + 1 < args.length) {
        sizes = Arrays.stream(args[i + 1].split(",")).map(Integer::parseInt).toList();
      } else if (args[i].equals("--lag-posts") && i + 1 < args.length) {
        lagPosts = Integer.parseInt(args[i + 1]);
      } else if (args[i].equals("--no-lag")) {
        lagPosts = -1;
      } else if (args[i].equals("--lag-only")) {
        sizes = List.of();
      }
    }
    long first = System.nanoTime();
    try (ByteBuffersDirectory tiny = new ByteBuffersDirectory()) {
      BlogIndex.update(tiny, List.of(post(new Random(1), 0)), List.of());
      try (DirectoryReader reader = DirectoryReader.open(tiny)) {
        BlogIndex.search(reader, "分布式锁", 1, 10, SearchQuery.Mode.COMBINED);
      }
    }
    System.out.printf(
        "first index + search in this JVM (class loading, smartcn dictionaries): %d ms%n",
        (System.nanoTime() - first) / 1_000_000);
    System.out.println(
        "| posts | archive | index build | warm p50 | warm p99 | cold p50 | cold p99 | one-post update p50 |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    for (int n : sizes) {
      run(n);
    }
    if (lagPosts >= 0) {
      SearchLag.run(lagPosts, 10);
    }
  }

  private static void run(int n) throws IOException {
    Random random = new Random(42);
    List<SearchDocument> posts = new ArrayList<>();
    long chars = 0;
    for (int i = 0; i < n; i++) {
      SearchDocument post = post(random, i);
      chars += post.content().length();
      posts.add(post);
    }
    long built = System.nanoTime();
    byte[] archive;
    try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
      for (int from = 0; from < n; from += 1_000) {
        BlogIndex.update(directory, posts.subList(from, Math.min(n, from + 1_000)), List.of());
      }
      archive = IndexArchive.pack(directory);
    }
    long buildMs = (System.nanoTime() - built) / 1_000_000;

    Path root = Files.createTempDirectory("search-bench");
    // Warm: one open reader, page 1 of every query with snippets, after a warm-up round.
    List<Long> warm = new ArrayList<>();
    Path warmDir = Files.createTempDirectory(root, "warm");
    try (FSDirectory directory = FSDirectory.open(warmDir)) {
      IndexArchive.unpack(archive, directory);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        for (int round = 0; round < 30; round++) {
          for (String q : QUERIES) {
            long t = System.nanoTime();
            SearchResults results = BlogIndex.search(reader, q, 1, 10, SearchQuery.Mode.COMBINED);
            if (round >= 5) {
              warm.add(System.nanoTime() - t);
            }
            if (results.total() < 0) {
              throw new IllegalStateException();
            }
          }
        }
      }
    }
    // Cold (for the function: a new index version or a new execution environment): unpack the
    // archive to disk, open a reader, answer one search.
    List<Long> cold = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      Path dir = Files.createTempDirectory(root, "cold");
      long t = System.nanoTime();
      try (FSDirectory directory = FSDirectory.open(dir)) {
        IndexArchive.unpack(archive, directory);
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
          BlogIndex.search(reader, QUERIES[i % QUERIES.length], 1, 10, SearchQuery.Mode.COMBINED);
        }
      }
      cold.add(System.nanoTime() - t);
      delete(dir);
    }
    // The indexer's work for one edited post: unpack, update, commit, pack.
    List<Long> update = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long t = System.nanoTime();
      try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
        IndexArchive.unpack(archive, directory);
        BlogIndex.update(directory, List.of(post(random, i)), List.of());
        archive = IndexArchive.pack(directory);
      }
      update.add(System.nanoTime() - t);
    }
    delete(root);
    System.out.printf(
        "| %,d (%.1f MB of text) | %.1f MB | %,d ms | %.1f ms | %.1f ms | %,d ms | %,d ms | %,d ms |%n",
        n,
        chars / 1e6,
        archive.length / 1e6,
        buildMs,
        percentile(warm, 50) / 1e6,
        percentile(warm, 99) / 1e6,
        percentile(cold, 50) / 1_000_000,
        percentile(cold, 99) / 1_000_000,
        percentile(update, 50) / 1_000_000);
  }

  private static long percentile(List<Long> samples, int p) {
    List<Long> sorted = samples.stream().sorted().toList();
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  private static void delete(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  static SearchDocument post(Random random, int i) {
    String topic = ZH[random.nextInt(ZH.length)];
    String code = CODE[random.nextInt(CODE.length)];
    StringBuilder content = new StringBuilder();
    int paragraphs = 4 + random.nextInt(5);
    for (int p = 0; p < paragraphs; p++) {
      for (int s = 0; s < 6; s++) {
        content
            .append(ZH_FILL[random.nextInt(ZH_FILL.length)])
            .append(ZH[random.nextInt(ZH.length)])
            .append(' ')
            .append(EN[random.nextInt(EN.length)])
            .append(' ')
            .append(EN[random.nextInt(EN.length)])
            .append("，");
      }
      content.append("\n\n```java\nvar x = map.").append(code).append("(key, k -> 1);\n```\n\n");
    }
    return new SearchDocument(
        "p" + i,
        topic + "：" + EN[random.nextInt(EN.length)] + " 与 " + code,
        ZH_FILL[random.nextInt(ZH_FILL.length)] + topic + "的" + ZH[random.nextInt(ZH.length)],
        content.toString(),
        List.of(topic, code),
        Instant.parse("2020-01-01T00:00:00Z").plusSeconds(3_600L * i));
  }
}
