package bloghome.comments.api;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.testing.BlogTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Creating, listing and deleting comments through the handler, against the local stack. */
@ExtendWith(LocalAwsExtension.class)
class CommentsHandlerIT {
  private CommentsTestBed bed;
  private Api api;
  private BlogTable posts;

  @BeforeEach
  void setUp(LocalAws aws) {
    bed = CommentsTestBed.withoutRateLimit(aws);
    api = bed.api;
    posts = bed.posts;
  }

  @Test
  void create_returns201WithTheComment_andCountsIt() {
    // given
    String postId = posts.create("alice");
    posts.profile("bob", "Bob the Builder");

    // when
    Api.Result r = api.comment("bob", postId, "Nice post!");

    // then
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json())
        .containsEntry("postId", postId)
        .containsEntry("authorId", "bob")
        .containsEntry("authorName", "Bob the Builder")
        .containsEntry("body", "Nice post!")
        .containsEntry("replyTo", null)
        .containsEntry("createdAt", "2026-03-01T10:00:00.000Z")
        .containsEntry("deleted", false);
    assertThat(r.string("commentId")).matches("c_[A-Za-z0-9_-]{22}");
    assertThat(posts.postCounter(postId, "comments")).isEqualTo(1);
  }

  @Test
  void create_usesTheUserId_asAuthorName_whenTheCommenterHasNoVisibleProfile() {
    String postId = posts.create("alice");

    Api.Result r = api.comment("carol", postId, "hi");

    assertThat(r.json()).containsEntry("authorName", "carol");
  }

  @Test
  void create_countsOnTopOfAnImportedCount() {
    // given a post whose summary already says 7 comments, as an import sets it
    String postId = posts.create("alice", 7);

    // when
    api.commentId("bob", postId, "the eighth");

    // then
    assertThat(posts.postCounter(postId, "comments")).isEqualTo(8);
    assertThat(api.list(postId, Map.of()).json()).containsEntry("commentCount", 8L);
  }

  @Test
  void create_returnsTheTextExactlyAsGiven_butAlwaysJsonEscaped() {
    String postId = posts.create("alice");
    String text = "<script>alert(\"hi\")</script> & 👋🏽 中文\n\tindented \u202e";

    Api.Result created = api.comment("bob", postId, "  " + text + "\n ");
    Api.Result listed = api.list(postId, Map.of());

    assertThat(created.string("body")).isEqualTo(text);
    assertThat(created.raw()).doesNotContain("<script>").contains("\\u003cscript\\u003e");
    assertThat(listed.items().get(0)).containsEntry("body", text);
    assertThat(listed.raw()).doesNotContain("<").doesNotContain(">").doesNotContain("&");
  }

  @Test
  void create_acceptsExactly2000CodePoints_countingAnEmojiOnce() {
    String postId = posts.create("alice");
    String longest = "😀".repeat(2000);

    assertThat(api.comment("bob", postId, longest).status()).isEqualTo(201);
    Api.Result tooLong = api.comment("bob", postId, longest + "x");

    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.error())
        .containsEntry("field", "body")
        .containsEntry("code", "INVALID_BODY");
    assertThat(posts.postCounter(postId, "comments")).isEqualTo(1);
  }

  @Test
  void create_rejectsBadInput_with400NamingTheField() {
    String postId = posts.create("alice");
    Map<String, String> cases =
        Map.of(
            "{\"body\":\"   \"}", "body",
            "{\"body\":\"\"}", "body",
            "{}", "body",
            "{\"body\":5}", "body",
            "{\"body\":\"bell \\u0007\"}", "body",
            "{\"body\":\"escape \\u001b[2J\"}", "body",
            "{\"body\":\"ok\",\"replyTo\":7}", "replyTo",
            "{\"body\":\"ok\",\"extra\":1}", "extra",
            "{\"body\":\"ok\"", "body",
            "[\"body\"]", "body");

    cases.forEach(
        (body, field) -> {
          Api.Result r = api.post("bob", postId, body, null);
          assertThat(r.status()).as(body).isEqualTo(400);
          assertThat(r.error())
              .as(body)
              .containsEntry("field", field)
              .containsKeys("code", "message");
        });
    assertThat(posts.postCounter(postId, "comments")).isZero();
  }

  @Test
  void create_answers413_forARequestBodyOver16KB() {
    String postId = posts.create("alice");

    Api.Result r = api.post("bob", postId, "{\"body\":\"" + "a".repeat(17_000) + "\"}", null);

    assertThat(r.status()).isEqualTo(413);
    assertThat(r.error()).containsEntry("code", "TOO_LARGE").containsEntry("field", "body");
  }

  @Test
  void create_answers404_forAMissingOrDeletedPost() {
    String postId = posts.create("alice");
    posts.deletePost(postId);

    for (String id : List.of(postId, "p_doesNotExist")) {
      Api.Result r = api.comment("bob", id, "hello?");
      assertThat(r.status()).as(id).isEqualTo(404);
      assertThat(r.error()).containsEntry("code", "POST_NOT_FOUND");
    }
    // An id that cannot be a key at all is refused before any read.
    Api.Result tooLong = api.comment("bob", "x".repeat(300), "hello?");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.error())
        .containsEntry("code", "INVALID_POST_ID")
        .containsEntry("field", "postId");
  }

  @Test
  void idempotencyKey_sameKeyAndBody_returnsTheSameComment_andCountsOnce() {
    String postId = posts.create("alice");
    String body = "{\"body\":\"only once\"}";

    Api.Result first = api.post("bob", postId, body, "key-1");
    Api.Result retry = api.post("bob", postId, body, "key-1");

    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.json()).isEqualTo(first.json());
    assertThat(retry.headers()).containsEntry("idempotent-replayed", "true");
    assertThat(posts.postCounter(postId, "comments")).isEqualTo(1);
    assertThat(api.list(postId, Map.of()).items()).hasSize(1);
  }

  @Test
  void idempotencyKey_sameKeyDifferentBody_is409() {
    String postId = posts.create("alice");
    api.post("bob", postId, "{\"body\":\"first\"}", "key-1");

    Api.Result r = api.post("bob", postId, "{\"body\":\"second\"}", "key-1");

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.error()).containsEntry("code", "IDEMPOTENCY_KEY_REUSED");
    assertThat(posts.postCounter(postId, "comments")).isEqualTo(1);
  }

  @Test
  void idempotencyKey_isPerUser_andMustBeVisibleAscii() {
    String postId = posts.create("alice");
    String body = "{\"body\":\"same words\"}";

    Api.Result bob = api.post("bob", postId, body, "shared-key");
    Api.Result carol = api.post("carol", postId, body, "shared-key");
    Api.Result bad = api.post("bob", postId, body, "has space");

    assertThat(carol.string("commentId")).isNotEqualTo(bob.string("commentId"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error()).containsEntry("field", "Idempotency-Key");
    assertThat(posts.postCounter(postId, "comments")).isEqualTo(2);
  }

  @Test
  void list_returnsTopLevelCommentsOldestFirst_inPagesThatEachCommentAppearsInOnce() {
    String postId = posts.create("alice");
    for (int i = 0; i < 7; i++) {
      bed.clock.advance(Duration.ofSeconds(1));
      api.commentId("bob", postId, "comment " + i);
    }

    Api.Result page1 = api.list(postId, Map.of("limit", "3"));
    Api.Result page2 = api.list(postId, Map.of("limit", "3", "cursor", page1.string("cursor")));
    Api.Result page3 = api.list(postId, Map.of("limit", "3", "cursor", page2.string("cursor")));

    assertThat(page1.items())
        .extracting(c -> c.get("body"))
        .containsExactly("comment 0", "comment 1", "comment 2");
    assertThat(page2.items())
        .extracting(c -> c.get("body"))
        .containsExactly("comment 3", "comment 4", "comment 5");
    assertThat(page3.items()).extracting(c -> c.get("body")).containsExactly("comment 6");
    assertThat(page3.json()).containsEntry("cursor", null);
    assertThat(page1.json()).containsEntry("commentCount", 7L);
  }

  @Test
  void list_rejectsBadLimits_andCursorsOfAnotherPost() {
    String postA = posts.create("alice");
    String postB = posts.create("alice");
    for (int i = 0; i < 3; i++) {
      api.commentId("bob", postA, "a" + i);
    }
    String cursorOfA = api.list(postA, Map.of("limit", "1")).string("cursor");

    for (String limit : List.of("0", "101", "-1", "ten", "", "1.5")) {
      Api.Result r = api.list(postA, Map.of("limit", limit));
      assertThat(r.status()).as(limit).isEqualTo(400);
      assertThat(r.error()).containsEntry("field", "limit");
    }
    Api.Result foreign = api.list(postB, Map.of("cursor", cursorOfA));
    Api.Result forged = api.list(postA, Map.of("cursor", cursorOfA + "x"));

    assertThat(foreign.status()).isEqualTo(400);
    assertThat(foreign.error())
        .containsEntry("code", "INVALID_CURSOR")
        .containsEntry("field", "cursor");
    assertThat(forged.status()).isEqualTo(400);
  }

  @Test
  void list_isEmpty_forAPostWithoutComments_and404_forAMissingPost() {
    String postId = posts.create("alice");

    Api.Result empty = api.list(postId, Map.of());
    Api.Result missing = api.list("p_nothingHere", Map.of());

    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.items()).isEmpty();
    assertThat(empty.json()).containsEntry("cursor", null).containsEntry("commentCount", 0L);
    assertThat(missing.status()).isEqualTo(404);
  }

  @Test
  void delete_byTheCommentsAuthorOrThePostsAuthor_is204_andUncounts() {
    String postId = posts.create("alice");
    String byBob = api.commentId("bob", postId, "mine");
    String byCarol = api.commentId("carol", postId, "spam");

    assertThat(api.delete("bob", byBob).status()).isEqualTo(204);
    assertThat(api.delete("alice", byCarol).status()).isEqualTo(204);

    assertThat(posts.postCounter(postId, "comments")).isZero();
    assertThat(api.list(postId, Map.of()).items()).isEmpty();
  }

  @Test
  void delete_bySomeoneElse_is403_andChangesNothing() {
    String postId = posts.create("alice");
    String commentId = api.commentId("bob", postId, "mine");

    Api.Result r = api.delete("mallory", commentId);

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.error()).containsEntry("code", "NOT_COMMENT_OR_POST_AUTHOR");
    assertThat(posts.postCounter(postId, "comments")).isEqualTo(1);
  }

  @Test
  void delete_twice_is204Both_andUncountsOnce() {
    String postId = posts.create("alice");
    String commentId = api.commentId("bob", postId, "oops");
    api.commentId("carol", postId, "stays");

    assertThat(api.delete("bob", commentId).status()).isEqualTo(204);
    assertThat(api.delete("bob", commentId).status()).isEqualTo(204);

    assertThat(posts.postCounter(postId, "comments")).isEqualTo(1);
  }

  @Test
  void delete_ofAnUnknownComment_is404() {
    assertThat(api.delete("bob", "c_AAAAAAAAAAAAAAAAAAAAAA").status()).isEqualTo(404);
    assertThat(api.delete("bob", "not-an-id").error()).containsEntry("code", "COMMENT_NOT_FOUND");
  }

  @Test
  void deletedPost_takesItsComments_everyReadAndWriteIs404() {
    String postId = posts.create("alice");
    String commentId = api.commentId("bob", postId, "orphan to be");
    posts.deletePost(postId);

    assertThat(api.list(postId, Map.of()).status()).isEqualTo(404);
    assertThat(api.list(postId, Map.of("replyTo", commentId)).status()).isEqualTo(404);
    assertThat(api.delete("bob", commentId).status()).isEqualTo(404);
    assertThat(api.reply("carol", postId, commentId, "late").status()).isEqualTo(404);
  }
}
