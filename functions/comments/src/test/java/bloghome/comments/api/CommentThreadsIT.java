package bloghome.comments.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.testing.BlogTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Replies: one level deep, the first three shown inline, the rest paged, placeholders. */
@ExtendWith(LocalAwsExtension.class)
class CommentThreadsIT {
  private CommentsTestBed bed;
  private Api api;
  private BlogTable posts;
  private String postId;

  @BeforeEach
  void setUp(LocalAws aws) {
    bed = CommentsTestBed.withoutRateLimit(aws);
    api = bed.api;
    posts = bed.posts;
    postId = posts.create("alice");
  }

  /** Each comment a second after the previous one, so "oldest first" is observable. */
  private String comment(String userId, String text) {
    bed.clock.advance(Duration.ofSeconds(1));
    return api.commentId(userId, postId, text);
  }

  private String reply(String userId, String parentId, String text) {
    bed.clock.advance(Duration.ofSeconds(1));
    return api.replyId(userId, postId, parentId, text);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> replies(Map<String, Object> thread) {
    return (Map<String, Object>) thread.get("replies");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> bodies(Map<String, Object> thread) {
    return ((List<Map<String, Object>>) replies(thread).get("items"))
        .stream().map(r -> r.get("body")).toList();
  }

  @Test
  void list_showsEachThreadUnderItsComment_withTheFirstThreeReplies_aCount_andACursorForTheRest() {
    // given two threads; the first has five replies, written between the two top-level comments
    // and after them
    String first = comment("bob", "first");
    reply("carol", first, "r1");
    reply("dave", first, "r2");
    String second = comment("carol", "second");
    reply("erin", first, "r3");
    reply("bob", first, "r4");
    reply("bob", first, "r5");
    reply("alice", second, "s1");

    // when
    Api.Result page = api.list(postId, Map.of());

    // then
    List<Map<String, Object>> threads = page.items();
    assertThat(threads).extracting(t -> t.get("body")).containsExactly("first", "second");
    assertThat(bodies(threads.get(0))).containsExactly("r1", "r2", "r3");
    assertThat(replies(threads.get(0))).containsEntry("count", 5L);
    assertThat(bodies(threads.get(1))).containsExactly("s1");
    assertThat(replies(threads.get(1))).containsEntry("count", 1L).containsEntry("cursor", null);
    assertThat(page.json()).containsEntry("commentCount", 8L);

    // and the thread's cursor pages through the rest
    String rest = (String) replies(threads.get(0)).get("cursor");
    Api.Result more = api.list(postId, Map.of("replyTo", first, "cursor", rest, "limit", "1"));
    Api.Result last =
        api.list(postId, Map.of("replyTo", first, "cursor", more.string("cursor"), "limit", "1"));
    assertThat(more.items()).extracting(r -> r.get("body")).containsExactly("r4");
    assertThat(last.items()).extracting(r -> r.get("body")).containsExactly("r5");
    assertThat(last.json()).containsEntry("cursor", null);
    assertThat(last.items().get(0)).containsEntry("replyTo", first);
  }

  @Test
  void listReplies_fromTheStart_whenOnlyReplyToIsGiven() {
    String top = comment("bob", "top");
    for (int i = 0; i < 4; i++) {
      reply("carol", top, "r" + i);
    }

    Api.Result all = api.list(postId, Map.of("replyTo", top));

    assertThat(all.items()).extracting(r -> r.get("body")).containsExactly("r0", "r1", "r2", "r3");
    assertThat(all.json()).containsEntry("cursor", null).containsEntry("replyTo", top);
  }

  @Test
  void listReplies_rejectsACursorOfAnotherThread() {
    String a = comment("bob", "a");
    String b = comment("bob", "b");
    for (int i = 0; i < 3; i++) {
      reply("carol", a, "ra" + i);
      reply("carol", b, "rb" + i);
    }
    String cursorOfA = api.list(postId, Map.of("replyTo", a, "limit", "1")).string("cursor");

    Api.Result r = api.list(postId, Map.of("replyTo", b, "cursor", cursorOfA));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.error()).containsEntry("field", "cursor");
  }

  @Test
  void reply_toAReply_toAnotherPostsComment_orToNothing_is400NamingReplyTo() {
    String top = comment("bob", "top");
    String aReply = reply("carol", top, "a reply");
    String otherPost = posts.create("alice");
    String elsewhere = api.commentId("bob", otherPost, "elsewhere");

    Map<String, String> cases =
        Map.of(
            aReply,
            "REPLY_TO_REPLY",
            elsewhere,
            "REPLY_TO_OTHER_POST",
            "c_AAAAAAAAAAAAAAAAAAAAAA",
            "REPLY_TO_NOT_FOUND",
            "nonsense",
            "REPLY_TO_NOT_FOUND");
    cases.forEach(
        (replyTo, code) -> {
          Api.Result r = api.reply("dave", postId, replyTo, "nested?");
          assertThat(r.status()).as(code).isEqualTo(400);
          assertThat(r.error()).containsEntry("code", code).containsEntry("field", "replyTo");
        });
    assertThat(posts.postCounter(postId, "comments")).isEqualTo(2);
  }

  @Test
  void deletingACommentWithReplies_leavesAPlaceholder_andTheThreadStillReads() {
    // given
    String top = comment("bob", "will be deleted");
    reply("carol", top, "r1");
    reply("dave", top, "r2");

    // when
    assertThat(api.delete("bob", top).status()).isEqualTo(204);

    // then
    Map<String, Object> thread = api.list(postId, Map.of()).items().get(0);
    assertThat(thread)
        .containsEntry("commentId", top)
        .containsEntry("deleted", true)
        .containsEntry("body", null)
        .containsEntry("authorId", null)
        .containsEntry("authorName", null);
    assertThat(bodies(thread)).containsExactly("r1", "r2");
    assertThat(replies(thread)).containsEntry("count", 2L);
    assertThat(posts.postCounter(postId, "comments")).isEqualTo(2);
    // a placeholder takes no new replies
    assertThat(api.reply("erin", postId, top, "too late").error())
        .containsEntry("code", "REPLY_TO_DELETED");
  }

  @Test
  void deletingTheLastReplyOfAPlaceholder_removesThePlaceholderToo() {
    String top = comment("bob", "gone soon");
    String r1 = reply("carol", top, "r1");
    String r2 = reply("carol", top, "r2");
    api.delete("bob", top);

    api.delete("carol", r1);
    assertThat(api.list(postId, Map.of()).items()).hasSize(1);
    api.delete("alice", r2);

    assertThat(api.list(postId, Map.of()).items()).isEmpty();
    assertThat(posts.postCounter(postId, "comments")).isZero();
    // and its id stays known as deleted: a retried delete is still fine
    assertThat(api.delete("bob", top).status()).isEqualTo(204);
  }

  @Test
  void deletingAShownReply_bringsTheNextHiddenOneIntoView() {
    String top = comment("bob", "top");
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      ids.add(reply("carol", top, "r" + i));
    }

    api.delete("carol", ids.get(1));
    Map<String, Object> thread = api.list(postId, Map.of()).items().get(0);
    assertThat(bodies(thread)).containsExactly("r1", "r3", "r4");
    assertThat(replies(thread)).containsEntry("count", 4L);

    api.delete("carol", ids.get(4));
    api.delete("carol", ids.get(0));
    thread = api.list(postId, Map.of()).items().get(0);
    assertThat(bodies(thread)).containsExactly("r3", "r4");
    assertThat(replies(thread)).containsEntry("count", 2L).containsEntry("cursor", null);

    // a new reply joins the shown ones again, since there is room
    reply("dave", top, "r6");
    thread = api.list(postId, Map.of()).items().get(0);
    assertThat(bodies(thread)).containsExactly("r3", "r4", "r6");
    assertThat(posts.postCounter(postId, "comments")).isEqualTo(4);
  }

  @Test
  void pagesOfThreads_neverSplitAThread_andShowEachCommentOnce() {
    // given 7 threads with 0..6 replies each
    List<String> expectedTop = new ArrayList<>();
    for (int t = 0; t < 7; t++) {
      String top = comment("bob", "t" + t);
      expectedTop.add("t" + t);
      for (int r = 0; r < t; r++) {
        reply("carol", top, "t" + t + "r" + r);
      }
    }

    // when paging two threads at a time
    List<Object> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Api.Result page =
          api.list(
              postId,
              cursor == null ? Map.of("limit", "2") : Map.of("limit", "2", "cursor", cursor));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
      for (Map<String, Object> thread : page.items()) {
        seen.add(thread.get("body"));
        long count = (Long) replies(thread).get("count");
        assertThat(bodies(thread)).hasSize((int) Math.min(3, count));
      }
      cursor = page.string("cursor");
      pages++;
    } while (cursor != null && pages < 10);

    // then
    assertThat(seen).containsExactlyElementsOf(expectedTop);
    assertThat(posts.postCounter(postId, "comments")).isEqualTo(7 + 21);
  }
}
