package bloghome.system;

import bloghome.system.FaultClient.Reply;
import bloghome.table.PostSummaryItems;
import bloghome.table.ProfileItems;
import bloghome.table.TableKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The checks of a fault run, with the faults off and everything settled: the stored state against
 * what the clients' ledgers say they were told. Every acknowledged post, edit, comment, reaction
 * and follow stored once; no post stored that was not acknowledged; every counter equal to its
 * markers; every upload ACCEPTED or REJECTED.
 */
final class StoredStateCheck {

  private final RunningSystem system;
  private final FaultClient client;
  private final FaultFindings findings;
  private final List<String> stablePosts;
  private final Map<String, String> authorOf;

  StoredStateCheck(
      RunningSystem system,
      FaultClient client,
      FaultFindings findings,
      List<String> stablePosts,
      Map<String, String> authorOf) {
    this.system = system;
    this.client = client;
    this.findings = findings;
    this.stablePosts = stablePosts;
    this.authorOf = authorOf;
  }

  /** The start of every post partition key. */
  private static final String POST_PK = TableKeys.postPk("");

  void check(List<ClientLedger> ledgers) {
    TableSnapshot table = TableSnapshot.scan(system);
    Map<String, Integer> markers = new HashMap<>();
    for (Map<String, AttributeValue> item : table.all()) {
      String pk = item.get(TableKeys.PK).s();
      String sk = item.get(TableKeys.SK).s();
      if (sk.equals(TableKeys.LIKE_MARKER) || sk.equals(TableKeys.FAVORITE_MARKER)) {
        markers.merge(sk + ":" + pk.split("#")[1], 1, Integer::sum);
      } else if (pk.startsWith(TableKeys.FOLLOW_PREFIX) && sk.equals(TableKeys.FOLLOW_OUT)) {
        markers.merge("following:" + pk.split("#")[1], 1, Integer::sum);
      } else if (pk.startsWith(TableKeys.FOLLOW_PREFIX) && sk.equals(TableKeys.FOLLOW_IN)) {
        markers.merge("followers:" + pk.split("#")[2], 1, Integer::sum);
      } else if (pk.startsWith(TableKeys.VIEW_MARKER_PREFIX)) {
        markers.merge("VIEW:" + pk.split("#")[1], 1, Integer::sum);
      } else if (pk.startsWith(POST_PK)
          && sk.startsWith(TableKeys.COMMENT_SK_PREFIX)
          && !item.containsKey(TableKeys.DELETED)) {
        markers.merge("COMMENT:" + pk.substring(POST_PK.length()), 1, Integer::sum);
      }
    }

    // Posts: exactly the acknowledged ones, each once, with their counters in step.
    Map<String, Set<String>> expectedPosts = new HashMap<>();
    for (String p : stablePosts) {
      expectedPosts.computeIfAbsent(authorOf.get(p), a -> new TreeSet<>()).add(p);
    }
    for (ClientLedger w : ledgers) {
      for (String p : w.myPosts) {
        if (!w.deleted.contains(p)) {
          expectedPosts.computeIfAbsent(authorOf.get(p), a -> new TreeSet<>()).add(p);
        }
      }
      w.titles.forEach(
          (post, title) -> {
            Map<String, AttributeValue> summary =
                table.item(TableKeys.postPk(post), TableKeys.SUMMARY);
            if (summary == null || !title.equals(summary.get(PostSummaryItems.TITLE).s())) {
              findings.violation(
                  "post " + post + ": last acknowledged title " + title + " not stored");
            }
          });
    }
    long createdCount = ledgers.stream().mapToLong(w -> w.myPosts.size()).sum();
    long deletedCount = ledgers.stream().mapToLong(w -> w.deleted.size()).sum();
    findings.figure("posts created (acknowledged)", createdCount);
    findings.figure("posts deleted (acknowledged)", deletedCount);
    for (int a = 0; a < FaultRun.AUTHORS; a++) {
      String author = "author" + a;
      Set<String> stored = new TreeSet<>();
      for (Map<String, AttributeValue> item : table.all()) {
        if (item.get(TableKeys.SK).s().equals(TableKeys.SUMMARY)
            && item.containsKey(PostSummaryItems.AUTHOR_ID)
            && author.equals(item.get(PostSummaryItems.AUTHOR_ID).s())) {
          stored.add(item.get(TableKeys.PK).s().substring(POST_PK.length()));
        }
      }
      Set<String> expected = expectedPosts.getOrDefault(author, Set.of());
      if (!stored.equals(expected)) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(stored);
        Set<String> extra = new TreeSet<>(stored);
        extra.removeAll(expected);
        findings.violation(
            author
                + ": posts acknowledged but missing "
                + missing
                + ", stored but not acknowledged "
                + extra);
      }
      Map<String, AttributeValue> profile = table.item(TableKeys.userPk(author), TableKeys.PROFILE);
      equal(
          author + " profile posts",
          TableSnapshot.number(profile, ProfileItems.Counter.POSTS.attribute()),
          stored.size());
      equal(
          author + " listing total",
          table.number(TableKeys.userPk(author), TableKeys.countSk(null), PostSummaryItems.COUNT),
          stored.size());
      equal(
          author + " profile followers",
          TableSnapshot.number(profile, ProfileItems.Counter.FOLLOWERS.attribute()),
          markers.getOrDefault("followers:" + author, 0));
      long likes = 0;
      long favorites = 0;
      for (String p : stored) {
        likes +=
            table.number(
                TableKeys.postPk(p), TableKeys.SUMMARY, PostSummaryItems.Counter.LIKES.attribute());
        favorites +=
            table.number(
                TableKeys.postPk(p),
                TableKeys.SUMMARY,
                PostSummaryItems.Counter.FAVORITES.attribute());
      }
      equal(
          author + " profile likes = likes of its posts",
          TableSnapshot.number(profile, ProfileItems.Counter.LIKES.attribute()),
          likes);
      equal(
          author + " profile favorites = favorites of its posts",
          TableSnapshot.number(profile, ProfileItems.Counter.FAVORITES.attribute()),
          favorites);
    }

    // Reactions and follows: each reader's last acknowledged choice, counters equal to markers.
    for (ClientLedger w : ledgers) {
      w.reactions.forEach(
          (key, on) -> {
            String[] parts = key.split(":");
            boolean stored =
                switch (parts[0]) {
                  case "like" -> reacted(table, TableKeys.LIKE_MARKER, parts[1], w.reader);
                  case "favorite" -> reacted(table, TableKeys.FAVORITE_MARKER, parts[1], w.reader);
                  default -> table.has(TableKeys.follow(w.reader, parts[1]), TableKeys.FOLLOW_OUT);
                };
            if (stored != on) {
              findings.violation(
                  w.reader
                      + " "
                      + key
                      + ": acknowledged "
                      + (on ? "on" : "off")
                      + " but stored "
                      + (on ? "off" : "on"));
            }
          });
      equal(
          w.reader + " profile following",
          table.number(
              TableKeys.userPk(w.reader),
              TableKeys.PROFILE,
              ProfileItems.Counter.FOLLOWING.attribute()),
          markers.getOrDefault("following:" + w.reader, 0));
    }
    for (String post : stablePosts) {
      Map<String, AttributeValue> summary = table.item(TableKeys.postPk(post), TableKeys.SUMMARY);
      equal(
          post + " likes",
          TableSnapshot.number(summary, PostSummaryItems.Counter.LIKES.attribute()),
          markers.getOrDefault("LIKE:" + post, 0));
      equal(
          post + " favorites",
          TableSnapshot.number(summary, PostSummaryItems.Counter.FAVORITES.attribute()),
          markers.getOrDefault("FAVORITE:" + post, 0));
      equal(
          post + " comments",
          TableSnapshot.number(summary, PostSummaryItems.Counter.COMMENTS.attribute()),
          markers.getOrDefault("COMMENT:" + post, 0));
    }

    // Comments: every acknowledged one stored once.
    long acknowledgedComments = 0;
    Map<String, Integer> perPost = new HashMap<>();
    for (ClientLedger w : ledgers) {
      for (var e : w.comments.entrySet()) {
        for (String id : e.getValue()) {
          acknowledgedComments++;
          perPost.merge(e.getKey(), 1, Integer::sum);
          if (!table.has(TableKeys.commentPointerPk(id), TableKeys.COMMENT)) {
            findings.violation("comment " + id + " acknowledged but not stored");
          }
        }
      }
    }
    perPost.forEach(
        (post, n) ->
            equal(
                post + " comments stored = acknowledged",
                markers.getOrDefault("COMMENT:" + post, 0),
                n));
    findings.figure("comments (acknowledged)", acknowledgedComments);
    findings.figure(
        "likes, favorites, follows stored at the end",
        (markers.entrySet().stream()
            .filter(
                e ->
                    !e.getKey().startsWith("VIEW")
                        && !e.getKey().startsWith("COMMENT")
                        && !e.getKey().startsWith("followers"))
            .mapToLong(Map.Entry::getValue)
            .sum()));

    checkViews(ledgers);
    checkUploads(ledgers);
  }

  /**
   * Views may be counted by a stream aggregator a moment later: wait, bounded, until they agree.
   */
  private void checkViews(List<ClientLedger> ledgers) {
    Map<String, Integer> acknowledged = new HashMap<>();
    ledgers.forEach(w -> w.countedViews.forEach((p, n) -> acknowledged.merge(p, n, Integer::sum)));
    List<String> problems = List.of();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    do {
      if (!problems.isEmpty()) {
        FaultClient.sleep(500);
      }
      TableSnapshot table = TableSnapshot.scan(system);
      Map<String, Integer> markers = new HashMap<>();
      table.ids().stream()
          .filter(k -> k.startsWith(TableKeys.VIEW_MARKER_PREFIX))
          .forEach(k -> markers.merge(k.split("#")[1], 1, Integer::sum));
      List<String> found = new ArrayList<>();
      long total = 0;
      for (String post : stablePosts) {
        Map<String, AttributeValue> summary = table.item(TableKeys.postPk(post), TableKeys.SUMMARY);
        long views = TableSnapshot.number(summary, PostSummaryItems.Counter.VIEWS.attribute());
        total += views;
        if (views != markers.getOrDefault(post, 0)) {
          found.add(
              post + " views " + views + " != " + markers.getOrDefault(post, 0) + " view markers");
        }
        if (markers.getOrDefault(post, 0) < acknowledged.getOrDefault(post, 0)) {
          found.add(
              post
                  + ": "
                  + acknowledged.get(post)
                  + " views acknowledged as counted, only "
                  + markers.getOrDefault(post, 0)
                  + " markers");
        }
      }
      for (int a = 0; a < FaultRun.AUTHORS; a++) {
        String author = "author" + a;
        long sum = 0;
        for (String post : stablePosts) {
          if (author.equals(authorOf.get(post))) {
            sum +=
                table.number(
                    TableKeys.postPk(post),
                    TableKeys.SUMMARY,
                    PostSummaryItems.Counter.VIEWS.attribute());
          }
        }
        long profileViews =
            table.number(
                TableKeys.userPk(author),
                TableKeys.PROFILE,
                ProfileItems.Counter.VIEWS.attribute());
        if (profileViews != sum) {
          found.add(
              author + " profile views " + profileViews + " != " + sum + " views of its posts");
        }
      }
      findings.figure("views stored at the end", total);
      problems = found;
    } while (!problems.isEmpty() && System.nanoTime() < deadline);
    findings.violations(problems);
  }

  private void checkUploads(List<ClientLedger> ledgers) {
    Map<String, Long> outcomes = new TreeMap<>();
    for (ClientLedger w : ledgers) {
      for (String uploadId : w.uploads) {
        Reply status =
            client.once(
                "upload status",
                "GET",
                "/users/" + w.uploader() + "/skin/uploads/" + uploadId,
                w.uploader(),
                null);
        String s =
            status.status() == 200
                ? String.valueOf(status.json().get("status"))
                : "HTTP " + status.status();
        outcomes.merge(s, 1L, Long::sum);
        if (!s.equals("ACCEPTED") && !s.equals("REJECTED")) {
          findings.violation("upload " + uploadId + " ended " + s);
        }
      }
    }
    outcomes.forEach((s, n) -> findings.figure("uploads " + s, n));
  }

  private void equal(String what, long actual, long expected) {
    if (actual != expected) {
      findings.violation(what + ": " + actual + " != " + expected);
    }
  }

  private static boolean reacted(TableSnapshot table, String marker, String postId, String userId) {
    return table.has(TableKeys.reactionMarker(marker, postId, userId), marker);
  }
}
