package bloghome.system;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The 45 posts of the demo blog, shaped like a Chinese developer's blog: 原创 / 转载 / 翻译, Chinese and
 * English titles, Markdown with headings, code and links, and the figures an import from another
 * platform brings along. Deterministic apart from the dates, which end near {@code now}.
 *
 * <p>Past 300 lines on purpose: about 400 of them are the sample data itself (the 45 entries, the
 * code snippets and the links they cite), and the rest is the few methods that turn an entry into a
 * post of the import batch. Data and the code that reads it stay in one file so that one file shows
 * what the demo blog contains; split apart, neither half reads on its own.
 */
final class DemoPosts {
  /** How many posts the demo blog has: one full page of 40 and a second page of 5. */
  static final int COUNT = 45;

  /** The newest posts, which get real comments in the seed (their imported comment figure is 0). */
  static final int COMMENTED = 2;

  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
  private static final DateTimeFormatter PUBLISHED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  /**
   * One post as written here: type, title, summary (blank: derived from the content), code
   * language, tags.
   */
  private record Entry(
      String type, String title, String summary, String language, List<String> tags) {}

  private static final List<Entry> ENTRIES =
      List.of(
          e(
              "original",
              "Java 25 虚拟线程实战：从线程池迁移的五个坑",
              "把阻塞式服务从固定线程池迁到虚拟线程后，我们踩到了 synchronized 钉住载体线程、ThreadLocal 膨胀等问题，这里逐一记录排查过程。",
              "java",
              "Java",
              "并发"),
          e(
              "original",
              "DynamoDB 单表设计：一张表撑起整个博客系统",
              "用一张表存文章、评论、计数和关注关系：分区键怎么选，GSI 怎么排序，每个请求各花多少读写单位。",
              "java",
              "AWS",
              "DynamoDB"),
          e(
              "repost",
              "Understanding Lambda Cold Starts: What Actually Happens",
              "A walk through the phases of a Lambda cold start (download, runtime init, handler init) and which of them your code can shorten.",
              "java",
              "AWS",
              "Serverless"),
          e("original", "Spring Boot 启动慢？用 AOT Cache 把启动时间砍半", "", "bash", "Java", "性能优化"),
          e(
              "translated",
              "【翻译】Records and Sealed Types: Modelling Data in Modern Java",
              "译文：用 record 表示数据、用 sealed 接口表示有限的几种结果，让编译器帮你检查 switch 是否覆盖了所有情况。",
              "java",
              "Java"),
          e(
              "original",
              "MySQL 索引失效的 8 种场景（附 EXPLAIN 分析）",
              "隐式类型转换、对索引列做函数运算、最左前缀不满足……每种场景都配了 EXPLAIN 输出和改写方法。",
              "sql",
              "MySQL",
              "数据库"),
          e("original", "Redis 分布式锁的正确姿势：从 SETNX 到 Redlock", "", "python", "Redis", "分布式"),
          e(
              "repost",
              "Git rebase 还是 merge？团队协作怎么选",
              "两种整合分支的方式各有代价：rebase 让历史干净，merge 保留真实的时间线。文章给出了一个简单的团队约定。",
              "bash",
              "Git"),
          e(
              "original",
              "Linux 下排查 CPU 100% 的完整流程",
              "top 找进程、top -H 找线程、printf 转十六进制、jstack 定位代码行，一步一步来。",
              "bash",
              "Linux",
              "运维"),
          e("original", "Python 装饰器从入门到精通", "", "python", "Python"),
          e(
              "translated",
              "【翻译】A Practical Guide to HTTP Caching Headers",
              "Cache-Control、ETag 与 If-None-Match 怎样配合；immutable 适合什么资源；CDN 和浏览器缓存的区别。",
              "http",
              "HTTP",
              "前端"),
          e(
              "original",
              "Kubernetes Pod 一直 Pending？调度失败排查笔记",
              "资源请求过大、节点污点、PVC 未绑定是最常见的三个原因，kubectl describe 的 Events 一栏通常已经写明了答案。",
              "yaml",
              "Kubernetes",
              "云原生"),
          e("original", "JVM 垃圾回收器对比：G1、ZGC 与 Shenandoah", "", "bash", "Java", "JVM"),
          e(
              "original",
              "LeetCode 146. LRU 缓存机制（Java 双解法）",
              "LinkedHashMap 一行解法和哈希表加双向链表的手写解法，附复杂度分析。",
              "java",
              "算法",
              "LeetCode"),
          e(
              "repost",
              "Nginx 反向代理与负载均衡配置详解",
              "upstream、proxy_pass、健康检查和常见的 502/504 问题，一篇配置手册式的总结。",
              "nginx",
              "Nginx",
              "运维"),
          e(
              "original",
              "CompletableFuture 异步编排实战",
              "thenCompose 与 thenCombine 的区别、异常处理的三种写法，以及为什么一定要指定线程池。",
              "java",
              "Java",
              "并发"),
          e(
              "original",
              "Writing a Tiny Markdown Renderer in 200 Lines",
              "",
              "java",
              "Markdown",
              "English"),
          e(
              "original",
              "Vue 3 组合式 API 与 React Hooks 对比",
              "同样写一个带防抖的搜索框，两种写法放在一起看：响应式依赖追踪与依赖数组各有什么坑。",
              "js",
              "前端",
              "Vue"),
          e(
              "translated",
              "【翻译】Designing Idempotent APIs",
              "译文：为什么重试是常态，Idempotency-Key 请求头如何落地，以及相同键不同请求体时应该返回什么。",
              "http",
              "API 设计"),
          e(
              "original",
              "Docker 镜像瘦身：从 1.2GB 到 80MB",
              "多阶段构建、选择合适的基础镜像、jlink 裁剪 JRE，三步把 Java 服务镜像缩小到原来的十五分之一。",
              "dockerfile",
              "Docker"),
          e("original", "Maven 依赖冲突排查：dependency:tree 实用技巧", "", "bash", "Maven", "Java"),
          e(
              "original",
              "TCP 三次握手与四次挥手，一张图讲清楚",
              "为什么握手是三次而挥手是四次？TIME_WAIT 为什么要等 2MSL？用一个抓包例子说明。",
              "bash",
              "网络"),
          e(
              "repost",
              "Elasticsearch 分词器选择与中文搜索优化",
              "IK 分词器的 ik_max_word 与 ik_smart 怎么选，同义词和停用词如何配置。",
              "json",
              "Elasticsearch",
              "搜索"),
          e(
              "original",
              "S3 预签名 URL 上传文件：前端直传方案",
              "浏览器拿到预签名 URL 后直接 PUT 到 S3，不经过自己的服务器；Content-Type 和 Content-Length 都要签进去。",
              "js",
              "AWS",
              "S3"),
          e("original", "Java Stream 常用操作速查表", "", "java", "Java"),
          e(
              "original",
              "Kafka 消息不丢失的三个层面",
              "生产者 acks、Broker 副本与 min.insync.replicas、消费者手动提交位移，三处都配对才算不丢。",
              "java",
              "Kafka",
              "消息队列"),
          e(
              "translated",
              "【翻译】Content Security Policy in Practice",
              "译文：从 report-only 开始，用 nonce 代替 unsafe-inline，frame-ancestors 取代 X-Frame-Options。",
              "http",
              "安全",
              "前端"),
          e("original", "正则表达式入门：20 个常用例子", "", "python", "正则表达式"),
          e(
              "original",
              "Go 语言并发模式：Pipeline 与 Fan-out",
              "用 channel 串起处理阶段，再把慢的阶段扇出给多个 goroutine，最后用 WaitGroup 收尾。",
              "go",
              "Go",
              "并发"),
          e(
              "original",
              "How I Cut Our AWS Bill by 40% with Graviton",
              "Moving Java Lambda functions to arm64 was mostly a one-line change; the measurements and the two surprises are here.",
              "yaml",
              "AWS",
              "English"),
          e("repost", "分布式 ID 生成方案对比：UUID、雪花算法与号段模式", "", "java", "分布式"),
          e(
              "original",
              "JUnit 5 参数化测试完全指南",
              "@ValueSource、@CsvSource、@MethodSource 各适合什么场景，以及如何给每个用例起一个能读懂的名字。",
              "java",
              "测试",
              "Java"),
          e("original", "Linux 常用命令速查（2024 版）", "文件、进程、网络、磁盘四类最常用的命令，每条都附一个实际例子。", "bash", "Linux"),
          e("original", "用 Selenium 做端到端测试的经验总结", "", "java", "测试", "Selenium"),
          e(
              "translated",
              "【翻译】The Twelve-Factor App, Revisited",
              "译文：十二要素应用提出十多年后，哪些条目依然成立，哪些已经被容器和 Serverless 改写。",
              "bash",
              "架构"),
          e(
              "original",
              "MyBatis 一级缓存与二级缓存的坑",
              "一级缓存在同一个 SqlSession 内生效，二级缓存跨会话却容易读到脏数据，生产环境建议怎么配。",
              "xml",
              "MyBatis",
              "Java"),
          e("original", "HashMap 源码解析：扩容与树化", "", "java", "Java", "源码"),
          e(
              "original",
              "Serverless 下的 DynamoDB 计数器：原子更新与事务",
              "ADD 表达式保证原子递增，条件表达式防止减到负数，事务让文章、作者和总数始终一致。",
              "java",
              "AWS",
              "DynamoDB"),
          e("repost", "Rust 所有权机制图解", "所有权、借用和生命周期三个概念，用几张图和最短的代码讲明白。", "rust", "Rust"),
          e("original", "CSS Grid 布局十分钟上手", "", "css", "前端", "CSS"),
          e(
              "original",
              "Implementing Cursor Pagination with Signed Tokens",
              "Offset pagination breaks on large tables; a signed, opaque cursor keeps clients from forging positions and still lets the server change its keys.",
              "java",
              "API 设计",
              "English"),
          e(
              "original",
              "Shell 脚本的 set -euo pipefail 到底做了什么",
              "三个选项分别解决什么问题，以及它们不能替你处理的几种情况。",
              "bash",
              "Shell",
              "Linux"),
          e(
              "translated",
              "【翻译】Why You Should Avoid Long-Running Transactions",
              "译文：长事务占着锁和回滚段，拖慢所有人；文章给出了拆分事务和用幂等重试代替大事务的办法。",
              "sql",
              "数据库"),
          e("original", "年终总结：写博客的第三年", "", "text", "随笔"),
          e(
              "original",
              "WebSocket 心跳与断线重连方案",
              "浏览器端的心跳、指数退避重连与服务端的空闲超时如何配合，附一份可直接使用的实现。",
              "js",
              "前端",
              "WebSocket"));

  private static final Map<String, String> CODE =
      Map.ofEntries(
          Map.entry(
              "java",
              """
          try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
              List<Future<String>> pages = urls.stream()
                      .map(url -> executor.submit(() -> fetch(url)))
                      .toList();
              for (Future<String> page : pages) {
                  System.out.println(page.get().length());
              }
          }"""),
          Map.entry(
              "sql",
              """
          EXPLAIN SELECT id, title
          FROM post
          WHERE author_id = 42
            AND published_at >= '2024-01-01'
          ORDER BY published_at DESC
          LIMIT 20;"""),
          Map.entry(
              "bash",
              """
          #!/usr/bin/env bash
          set -euo pipefail
          pid=$(pgrep -f app.jar | head -n 1)
          top -H -b -n 1 -p "$pid" | head -n 15
          jstack "$pid" > /tmp/threads.txt"""),
          Map.entry(
              "python",
              """
          import functools
          import time

          def timed(func):
              @functools.wraps(func)
              def wrapper(*args, **kwargs):
                  start = time.perf_counter()
                  try:
                      return func(*args, **kwargs)
                  finally:
                      print(f"{func.__name__}: {time.perf_counter() - start:.3f}s")
              return wrapper"""),
          Map.entry(
              "http",
              """
          GET /users/demo/posts HTTP/1.1
          If-None-Match: "5d41402abc4b2a76"

          HTTP/1.1 304 Not Modified
          Cache-Control: public, max-age=60
          ETag: "5d41402abc4b2a76\""""),
          Map.entry(
              "yaml",
              """
          apiVersion: v1
          kind: Pod
          metadata:
            name: web
          spec:
            containers:
              - name: app
                image: example/web:1.4.2
                resources:
                  requests: { cpu: "250m", memory: "256Mi" }"""),
          Map.entry(
              "nginx",
              """
          upstream backend {
              server 10.0.0.11:8080 max_fails=3 fail_timeout=10s;
              server 10.0.0.12:8080 max_fails=3 fail_timeout=10s;
          }
          server {
              listen 80;
              location / { proxy_pass http://backend; }
          }"""),
          Map.entry(
              "js",
              """
          async function upload(file, ticket) {
            const response = await fetch(ticket.url, {
              method: 'PUT',
              headers: { 'content-type': file.type },
              body: file,
            });
            if (!response.ok) throw new Error(`upload failed: ${response.status}`);
          }"""),
          Map.entry(
              "dockerfile",
              """
          FROM eclipse-temurin:25-jdk AS build
          WORKDIR /src
          COPY . .
          RUN ./mvnw -q package -DskipTests

          FROM gcr.io/distroless/java25
          COPY --from=build /src/target/app.jar /app.jar
          ENTRYPOINT ["java", "-jar", "/app.jar"]"""),
          Map.entry(
              "json",
              """
          {
            "settings": {
              "analysis": {
                "analyzer": { "title": { "type": "custom", "tokenizer": "ik_max_word" } }
              }
            }
          }"""),
          Map.entry(
              "go",
              """
          func square(in <-chan int) <-chan int {
              out := make(chan int)
              go func() {
                  defer close(out)
                  for n := range in {
                      out <- n * n
                  }
              }()
              return out
          }"""),
          Map.entry(
              "rust",
              """
          fn longest<'a>(a: &'a str, b: &'a str) -> &'a str {
              if a.len() >= b.len() { a } else { b }
          }

          fn main() {
              let s = String::from("ownership");
              println!("{}", longest(&s, "borrow"));
          }"""),
          Map.entry(
              "css",
              """
          .posts {
            display: grid;
            grid-template-columns: 1fr 300px;
            gap: 16px;
          }"""),
          Map.entry(
              "xml",
              """
          <mapper namespace="demo.PostMapper">
            <cache eviction="LRU" flushInterval="60000" size="512"/>
            <select id="byId" resultType="demo.Post">
              SELECT * FROM post WHERE id = #{id}
            </select>
          </mapper>"""),
          Map.entry(
              "text",
              """
          2024: 31 篇文章，4 篇翻译
          2025: 38 篇文章，6 篇翻译
          最受欢迎：DynamoDB 单表设计"""));

  private static final Map<String, String> LINKS =
      Map.ofEntries(
          Map.entry("java", "[Java SE 文档](https://docs.oracle.com/en/java/javase/25/)"),
          Map.entry("sql", "[MySQL 参考手册](https://dev.mysql.com/doc/refman/8.4/en/)"),
          Map.entry("bash", "[GNU Bash 手册](https://www.gnu.org/software/bash/manual/)"),
          Map.entry("python", "[Python 文档](https://docs.python.org/3/)"),
          Map.entry("http", "[MDN: HTTP](https://developer.mozilla.org/en-US/docs/Web/HTTP)"),
          Map.entry("yaml", "[Kubernetes 文档](https://kubernetes.io/docs/home/)"),
          Map.entry("nginx", "[nginx 文档](https://nginx.org/en/docs/)"),
          Map.entry(
              "js", "[MDN: JavaScript](https://developer.mozilla.org/en-US/docs/Web/JavaScript)"),
          Map.entry(
              "dockerfile",
              "[Dockerfile reference](https://docs.docker.com/reference/dockerfile/)"),
          Map.entry("json", "[Elasticsearch Guide](https://www.elastic.co/guide/index.html)"),
          Map.entry("go", "[Go 文档](https://go.dev/doc/)"),
          Map.entry("rust", "[The Rust Book](https://doc.rust-lang.org/book/)"),
          Map.entry(
              "css",
              "[MDN: CSS Grid](https://developer.mozilla.org/en-US/docs/Web/CSS/CSS_grid_layout)"),
          Map.entry("xml", "[MyBatis 文档](https://mybatis.org/mybatis-3/)"),
          Map.entry("text", "[我的 GitHub](https://github.com/)"));

  private DemoPosts() {}

  private static Entry e(
      String type, String title, String summary, String language, String... tags) {
    return new Entry(type, title, summary, language, List.of(tags));
  }

  /**
   * The import request's posts, newest first: published over the two years before {@code now}
   * (China Standard Time, in the daytime and evening), with views, likes, favorites and comments as
   * an imported blog has them.
   */
  /** The 45 posts; {@code figure}, when given, is the URL of an image the newest post shows. */
  static List<Map<String, Object>> importBatch(Instant now, Optional<String> figure) {
    Random random = new Random(2026_11);
    List<Map<String, Object>> posts = new ArrayList<>();
    OffsetDateTime newest =
        now.minus(Duration.ofHours(30)).atOffset(CHINA).truncatedTo(ChronoUnit.DAYS);
    for (int i = 0; i < ENTRIES.size(); i++) {
      Entry entry = ENTRIES.get(i);
      OffsetDateTime published =
          newest
              .minusDays(i * 16L + random.nextInt(10))
              .plusHours(8 + random.nextInt(15))
              .plusMinutes(random.nextInt(60))
              .plusSeconds(random.nextInt(60));
      long views = 120 + Math.round(Math.pow(random.nextDouble(), 3) * 40_000) + i * 37L;
      Map<String, Object> post = new LinkedHashMap<>();
      post.put("sourceId", sourceId(i));
      post.put("type", entry.type());
      post.put("title", entry.title());
      if (!entry.summary().isBlank()) {
        post.put("summary", entry.summary());
      }
      post.put("content", content(i, entry, i == 0 ? figure : Optional.empty()));
      if (!entry.type().equals("original")) {
        post.put("sourceUrl", "https://tech.example.org/articles/" + (1000 + i * 7));
      }
      post.put("tags", entry.tags());
      post.put("categories", List.of(category(entry.language())));
      post.put("publishedAt", PUBLISHED.format(published));
      post.put("views", views);
      post.put("likes", views / (30 + random.nextInt(60)));
      post.put("favorites", views / (25 + random.nextInt(80)));
      post.put("comments", i < COMMENTED ? 0 : views / (400 + random.nextInt(800)));
      posts.add(post);
    }
    return posts;
  }

  /** The demo author's categories, in the order the blog shows them (PUT /users/{u}/categories). */
  static final List<String> CATEGORIES =
      List.of("Java 后端", "数据库", "运维部署", "前端与 Web", "Go 与 Rust", "Python", "随笔");

  /** The category of a post about code in {@code language}. */
  static String category(String language) {
    return switch (language) {
      case "java" -> "Java 后端";
      case "sql" -> "数据库";
      case "bash", "nginx", "dockerfile", "yaml" -> "运维部署";
      case "js", "css", "http", "json", "xml" -> "前端与 Web";
      case "go", "rust" -> "Go 与 Rust";
      case "python" -> "Python";
      default -> "随笔";
    };
  }

  static String sourceId(int index) {
    return "demo-%03d".formatted(index + 1);
  }

  private static String content(int index, Entry entry, Optional<String> figure) {
    String code = CODE.get(entry.language());
    String link = LINKS.get(entry.language());
    StringBuilder md = new StringBuilder();
    switch (entry.type()) {
      case "repost" ->
          md.append("> 本文转载自 [tech.example.org](https://tech.example.org/articles/")
              .append(1000 + index * 7)
              .append(")，仅作学习记录，版权归原作者所有。\n\n");
      case "translated" -> md.append("> 原文链接见文末，翻译已获作者许可；术语保留英文原词，便于检索。\n\n");
      default -> {}
    }
    String topic = entry.title().replaceFirst("^【翻译】", "");
    if (entry.tags().contains("English")) {
      md.append("## Why this matters\n\n")
          .append(
              entry.summary().isBlank()
                  ? "Notes from a real project: " + topic + "."
                  : entry.summary())
          .append("\n\n## The code\n\n")
          .append("The smallest version that still shows the idea:\n\n");
    } else {
      md.append("## 背景\n\n")
          .append(
              entry.summary().isBlank()
                  ? "最近在项目里遇到了「" + topic + "」相关的问题，整理成笔记，方便以后查阅。"
                  : entry.summary())
          .append("\n\n## 核心代码\n\n")
          .append("下面是精简后的示例，**可以直接运行**：\n\n");
    }
    md.append("```")
        .append(entry.language().equals("text") ? "" : entry.language())
        .append('\n')
        .append(code)
        .append("\n```\n\n");
    figure.ifPresent(
        src ->
            md.append("压测结果如下：同样 200 个并发连接下，虚拟线程版本的吞吐量约为固定线程池版本的 3 倍。\n\n")
                .append("![柱状图：固定线程池约每秒 1,900 个请求，虚拟线程约每秒 5,800 个请求](")
                .append(src)
                .append(")\n\n"));
    if (index % 3 == 0) {
      md.append("### 要点\n\n1. 先测量，再优化；\n2. 每次只改一个变量；\n3. 把结论写成测试，防止回退。\n\n");
    } else if (index % 3 == 1) {
      md.append("### 注意事项\n\n- 生产环境请先在预发环境验证；\n- 关注监控里的 `p99` 而不是平均值。\n\n");
    }
    md.append("## 参考\n\n- ").append(link).append('\n');
    if (entry.type().equals("translated")) {
      md.append("- 原文：[")
          .append(topic)
          .append("](https://tech.example.org/articles/")
          .append(1000 + index * 7)
          .append(")\n");
    }
    md.append("\n如果觉得有帮助，欢迎点赞、收藏、评论交流 🙂\n");
    return md.toString();
  }
}
