package bloghome.comments;

import bloghome.comments.CommentStore.CommentRef;
import bloghome.comments.CommentStore.Keyed;
import bloghome.comments.CommentStore.PostRef;
import bloghome.comments.CommentViews.ReplyPageView;
import bloghome.comments.CommentViews.ThreadPageView;
import bloghome.comments.CommentViews.ThreadView;
import bloghome.errors.Problem;
import bloghome.ids.Ids;
import bloghome.paging.CursorCodec;
import bloghome.paging.PageLimit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Listing a post's comments: pages of threads with a preview of their replies, and pages of one
 * thread's replies, both behind cursors signed for their scope.
 */
final class CommentListing {
  private final CommentStore store;
  private final CursorCodec cursors;

  CommentListing(CommentStore store, CursorCodec cursors) {
    this.store = store;
    this.cursors = cursors;
  }

  /** A page of the post's threads, oldest first. */
  ThreadPageView threads(
      String postId,
      Optional<String> viewer,
      Optional<String> limitParam,
      Optional<String> cursor) {
    int limit = PageLimit.parse(limitParam, CommentService.DEFAULT_LIMIT, CommentService.MAX_LIMIT);
    String scope = "comments|" + postId + "|threads";
    Optional<String> after = cursor.map(c -> required(cursors.decode(scope, c), "after"));
    PostRef post = CommentService.requireReadable(store, postId, viewer);

    CommentStore.ThreadPage page = store.threads(postId, after, limit);
    List<ThreadView> items = new ArrayList<>(page.threads().size());
    for (CommentStore.Thread thread : page.threads()) {
      List<Comment> replies = thread.preview().stream().map(Keyed::comment).toList();
      String repliesCursor = null;
      if (thread.replyCount() > replies.size()) {
        // The rest are the replies not shown inline. Normally those all sort after the shown
        // ones, but replies written in the same millisecond (or under clock skew) may not, so the
        // cursor pages the thread from its start and skips the shown ones.
        Map<String, String> position = new LinkedHashMap<>();
        position.put("thread", thread.top().sk());
        position.put("hidden", "only");
        repliesCursor =
            cursors.encode(repliesScope(postId, thread.top().comment().commentId()), position);
      }
      items.add(
          new ThreadView(thread.top().comment(), replies, thread.replyCount(), repliesCursor));
    }
    String next =
        page.more() && !page.threads().isEmpty()
            ? cursors.encode(scope, Map.of("after", page.threads().getLast().top().sk()))
            : null;
    return new ThreadPageView(postId, post.comments(), items, next);
  }

  /**
   * A page of one thread's replies, oldest first: from the start of the thread, or from a cursor
   * (the one a thread carries for its replies beyond the first, or a previous page's).
   */
  ReplyPageView replies(
      String postId,
      String replyTo,
      Optional<String> viewer,
      Optional<String> limitParam,
      Optional<String> cursor) {
    int limit = PageLimit.parse(limitParam, CommentService.DEFAULT_LIMIT, CommentService.MAX_LIMIT);
    String scope = repliesScope(postId, replyTo);
    String parentSk;
    Optional<String> after;
    boolean hiddenOnly = false;
    if (cursor.isPresent()) {
      Map<String, String> position = cursors.decode(scope, cursor.get());
      parentSk = required(position, "thread");
      after = Optional.ofNullable(position.get("after"));
      hiddenOnly = position.containsKey("hidden");
      CommentService.requireReadable(store, postId, viewer);
    } else {
      CommentService.requireReadable(store, postId, viewer);
      CommentRef parent =
          (Ids.looksValid(replyTo, Comment.ID_PREFIX)
                  ? store.findRef(replyTo)
                  : Optional.<CommentRef>empty())
              .filter(ref -> ref.postId().equals(postId) && !ref.isReply())
              .orElseThrow(
                  () ->
                      Problem.invalid(
                          "REPLY_TO_NOT_FOUND",
                          "replyTo",
                          "replyTo names no top-level comment of this post."));
      parentSk = parent.sk();
      after = Optional.empty();
    }

    CommentStore.ReplyPage page = store.replies(postId, parentSk, after, limit, hiddenOnly);
    String next = null;
    if (page.more() && !page.replies().isEmpty()) {
      Map<String, String> position = new LinkedHashMap<>();
      position.put("thread", parentSk);
      position.put("after", page.replies().getLast().sk());
      if (hiddenOnly) {
        position.put("hidden", "only");
      }
      next = cursors.encode(scope, position);
    }
    return new ReplyPageView(
        postId, replyTo, page.replies().stream().map(Keyed::comment).toList(), next);
  }

  private static String repliesScope(String postId, String parentId) {
    return "comments|" + postId + "|replies|" + parentId;
  }

  private static String required(Map<String, String> position, String name) {
    String value = position.get(name);
    if (value == null) {
      throw Problem.invalid("INVALID_CURSOR", "cursor", "The cursor is not valid.");
    }
    return value;
  }
}
