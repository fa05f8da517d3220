package bloghome.system;

import bloghome.system.FaultClient.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One client thread of the fault run: picks a step at random (seeded, so a run repeats), sends it
 * as a browser would through {@link FaultClient}, and writes each acknowledged answer into its
 * {@link ClientLedger}. What is still unanswered when the faults stop is kept and sent again by
 * {@link #settle}.
 */
final class FaultWorker {

  private final int index;
  private final int threads;
  private final Random random;
  private final FaultClient client;
  private final FaultFindings findings;
  private final List<String> stablePosts;
  private final Map<String, String> authorOf;
  private final byte[] png;
  private final Map<String, Supplier<Reply>> pending = new LinkedHashMap<>();
  private int sequence;

  /** What this thread was told. */
  final ClientLedger ledger;

  /**
   * @param stablePosts the posts every thread reads and reacts to; thread {@code index} edits those
   *     at positions {@code index} modulo {@code threads}
   * @param authorOf each post's author; this thread adds the posts it creates
   */
  FaultWorker(
      int index,
      int threads,
      long seed,
      FaultClient client,
      FaultFindings findings,
      List<String> stablePosts,
      Map<String, String> authorOf,
      byte[] png) {
    this.index = index;
    this.threads = threads;
    this.random = new Random(seed * 1000 + index);
    this.client = client;
    this.findings = findings;
    this.stablePosts = stablePosts;
    this.authorOf = authorOf;
    this.png = png;
    this.ledger = new ClientLedger(index);
  }

  private String author() {
    return "author" + random.nextInt(FaultRun.AUTHORS);
  }

  void step() {
    int dice = random.nextInt(100);
    String post = stablePosts.get(random.nextInt(stablePosts.size()));
    if (dice < 10) {
      createPost();
    } else if (dice < 16) {
      deletePost();
    } else if (dice < 22) {
      editPost();
    } else if (dice < 45) {
      view(post);
    } else if (dice < 60) {
      react("like", post);
    } else if (dice < 72) {
      react("favorite", post);
    } else if (dice < 82) {
      follow("author" + random.nextInt(FaultRun.AUTHORS));
    } else if (dice < 92) {
      comment(post);
    } else {
      upload();
    }
  }

  void createPost() {
    String author = author();
    String key = "w" + index + "-" + (sequence++);
    Map<String, Object> body =
        Map.of("type", "original", "title", "Post " + key, "content", "Body of " + key);
    Supplier<Reply> send =
        () ->
            client.call(
                "create post",
                "POST",
                "/users/" + author + "/posts",
                author,
                body,
                "idempotency-key",
                key);
    settleOrLater(
        "post:" + key,
        send,
        reply -> {
          if (reply.status() == 201) {
            String id = (String) reply.json().get("postId");
            synchronized (ledger.myPosts) {
              if (ledger.myPosts.contains(id)) {
                findings.violation(
                    "create post " + key + " answered an id it had already answered: " + id);
              }
              ledger.myPosts.add(id);
            }
            authorOf.put(id, author);
          } else {
            findings.violation("create post " + key + ": " + reply.status() + " " + reply.body());
          }
        });
  }

  void deletePost() {
    List<String> alive = ledger.myPosts.stream().filter(p -> !ledger.deleted.contains(p)).toList();
    if (alive.isEmpty()) {
      return;
    }
    String post = alive.get(random.nextInt(alive.size()));
    Supplier<Reply> send =
        () -> client.call("delete post", "DELETE", "/posts/" + post, authorOf.get(post), null);
    settleOrLater(
        "delete:" + post,
        send,
        reply -> {
          // 404: an earlier attempt, whose answer was lost, deleted it (posts.md: treat as done).
          if (reply.status() == 204 || reply.status() == 404) {
            ledger.deleted.add(post);
          } else {
            findings.violation("delete post " + post + ": " + reply.status() + " " + reply.body());
          }
        });
  }

  void editPost() {
    List<String> mine = new ArrayList<>();
    for (int i = 0; i < stablePosts.size(); i++) {
      if (i % threads == index) {
        mine.add(stablePosts.get(i));
      }
    }
    if (mine.isEmpty()) {
      return;
    }
    String post = mine.get(random.nextInt(mine.size()));
    String title = "Edited by w" + index + " #" + (sequence++);
    Map<String, Object> body = Map.of("type", "original", "title", title, "content", "Edited body");
    Supplier<Reply> send =
        () -> client.call("edit post", "PUT", "/posts/" + post, authorOf.get(post), body);
    settleOrLater(
        "edit:" + post,
        send,
        reply -> {
          if (reply.status() == 200) {
            ledger.titles.put(post, title);
          } else {
            findings.violation("edit post " + post + ": " + reply.status() + " " + reply.body());
          }
        });
  }

  void view(String post) {
    String agent =
        "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 faultrun-w" + index + "-v" + (sequence++);
    Reply reply =
        client.call("view", "POST", "/posts/" + post + "/views", null, null, "user-agent", agent);
    if (reply.status() == 200 && Boolean.TRUE.equals(reply.json().get("counted"))) {
      ledger.countedViews.merge(post, 1, Integer::sum);
      findings.count("views counted (acknowledged)");
    } else if (reply.status() == 200 && reply.attempts() > 1) {
      // An earlier send counted it and its answer was lost (503): the retry finds the marker.
      findings.count("views counted by an unanswered earlier send");
    } else if (reply.status() == 200) {
      findings.violation("a new visitor's view was not counted: " + reply.body());
    }
    // Unanswered views are not retried: whether they counted is checked as counter = markers.
  }

  void react(String kind, String post) {
    toggle(kind, post, "/posts/" + post + "/" + kind);
  }

  void follow(String author) {
    toggle("follow", author, "/users/" + author + "/follow");
  }

  /**
   * Turns a like, favorite or follow on or off at random (PUT or DELETE of {@code path}); the
   * ledger keeps the last acknowledged choice under "what:target".
   */
  private void toggle(String what, String target, String path) {
    boolean on = random.nextBoolean();
    Supplier<Reply> send =
        () -> client.call(what, on ? "PUT" : "DELETE", path, ledger.reader, null);
    settleOrLater(
        what + ":" + target,
        send,
        reply -> {
          if (reply.status() == 200 || reply.status() == 204) {
            ledger.reactions.put(what + ":" + target, on);
          } else {
            findings.violation(what + " " + target + ": " + reply.status() + " " + reply.body());
          }
        });
  }

  void comment(String post) {
    String commenter = "c" + index + "x" + random.nextInt(40);
    String key = "w" + index + "-c" + (sequence++);
    Map<String, Object> body = Map.of("body", "Comment " + key);
    Supplier<Reply> send =
        () ->
            client.call(
                "comment",
                "POST",
                "/posts/" + post + "/comments",
                commenter,
                body,
                "idempotency-key",
                key);
    settleOrLater(
        "comment:" + key,
        send,
        reply -> {
          if (reply.status() == 201) {
            ledger
                .comments
                .computeIfAbsent(post, p -> new ArrayList<>())
                .add((String) reply.json().get("commentId"));
          } else if (reply.status() == 429) {
            findings.count("comments refused by the rate limit");
          } else {
            findings.violation("comment on " + post + ": " + reply.status() + " " + reply.body());
          }
        });
  }

  void upload() {
    String owner = ledger.uploader();
    boolean bad = random.nextInt(5) == 0;
    byte[] bytes = bad ? "not an image, only text".getBytes(StandardCharsets.UTF_8) : png;
    Reply ticket =
        client.call(
            "upload ticket",
            "POST",
            "/users/" + owner + "/skin/uploads",
            owner,
            Map.of("slot", "column", "contentType", "image/png", "contentLength", bytes.length));
    if (ticket.status() != 201) {
      if (ticket.answered()) {
        findings.violation("upload ticket: " + ticket.status() + " " + ticket.body());
      }
      return;
    }
    String uploadId = (String) ticket.json().get("uploadId");
    String url = (String) ticket.json().get("url");
    Supplier<Reply> put =
        () -> client.call("presigned PUT", "PUT", url, null, bytes, "content-type", "image/png");
    settleOrLater(
        "upload:" + uploadId,
        put,
        reply -> {
          if (reply.status() == 200) {
            ledger.uploads.add(uploadId);
          } else {
            findings.violation(
                "presigned PUT " + uploadId + ": " + reply.status() + " " + reply.body());
          }
        });
  }

  /** Applies an answer now, or keeps the request to send again once the faults are off. */
  void settleOrLater(String key, Supplier<Reply> send, Consumer<Reply> onAnswer) {
    Reply reply = send.get();
    if (reply.answered()) {
      pending.remove(key);
      onAnswer.accept(reply);
    } else {
      findings.count("left unanswered during the faults");
      pending.put(
          key,
          () -> {
            Reply again = send.get();
            if (again.answered()) {
              onAnswer.accept(again);
            } else {
              findings.violation(key + ": still " + again.status() + " with the faults off");
            }
            return again;
          });
    }
  }

  void settle() {
    new ArrayList<>(pending.values()).forEach(Supplier::get);
    pending.clear();
  }
}
