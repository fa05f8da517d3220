package bloghome.posts;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.s;

import bloghome.table.PostSummaryItems;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The transaction items of every post write: the post's own items and, with them, the author's
 * profile counters and the listing totals (docs/posts.md says which conditions keep them exact).
 * The first item of every list is the post's summary, whose failed condition means "read again".
 * The summary is written through its owner, {@link PostSummaryItems}; what a write adds to its
 * author's totals comes from {@link AuthorTotals}.
 */
final class PostWrites {
  private final TableAccess table;
  private final PostSummaryItems summaries;
  private final AuthorTotals totals;

  PostWrites(TableAccess table) {
    this.table = table;
    this.summaries = new PostSummaryItems(table);
    this.totals = new AuthorTotals(table);
  }

  /**
   * The summary, the content, its first revision, its counters on the profile and, when the post is
   * listed, +1 post on the profile and the totals (or, followers-only, its followers entry).
   */
  List<TransactWriteItem> creation(Post post) {
    PostSummary s = post.summary();
    int listed = s.listed() ? 1 : 0;
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(summaries.create(PostItems.stored(s)));
    items.add(table.put(PostItems.contentItem(post)));
    items.add(table.put(PostItems.revisionItem(post)));
    items.add(totals.profileDelta(s.authorId(), listed, Counters.ZERO, s.counters()));
    if (s.listed()) {
      items.add(totals.countDelta(s.authorId(), null, 1));
      items.add(totals.countDelta(s.authorId(), s.type(), 1));
    }
    if (s.followersOnly()) {
      items.add(summaries.putFollowersEntry(PostItems.stored(s)));
    }
    return items;
  }

  /**
   * The idempotency record of a create; an expired record that TTL has not removed yet no longer
   * holds the key.
   */
  TransactWriteItem claim(IdempotencyRecord claim, long nowEpochSecond) {
    return table.put(
        PostItems.idempotencyItem(claim),
        TableAccess.ITEM_ABSENT + " OR " + TableKeys.EXPIRES_AT + " < :now",
        Map.of(":now", n(nowEpochSecond)));
  }

  /** The sourceId -> postId mapping of an import, taken over from a stale post if given. */
  TransactWriteItem importMapping(PostSummary s, String sourceId, Optional<String> stalePostId) {
    Map<String, AttributeValue> mapping = PostItems.importItem(s.authorId(), sourceId, s.postId());
    Map<String, AttributeValue> values = new HashMap<>();
    String condition = TableAccess.ITEM_ABSENT;
    if (stalePostId.isPresent()) {
      condition += " OR " + TableKeys.ITEM_POST_ID + " = :stale";
      values.put(":stale", s(stalePostId.get()));
    }
    return table.put(mapping, condition, values);
  }

  /**
   * The new summary and content, the new revision (the one {@link Revision#KEPT} saves back is
   * removed), and what moves on the totals: the counters' differences on the profile, and a post
   * that enters or leaves the listings (published, unpublished, made public or not) or changes its
   * type there moves the profile's post count and the listing totals with it.
   */
  List<TransactWriteItem> replacement(PostSummary before, Post after) {
    PostSummary s = after.summary();
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(summaries.replace(PostItems.stored(before), PostItems.stored(s)));
    items.add(table.put(PostItems.contentItem(after)));
    if (s.version() != before.version()) {
      items.add(table.put(PostItems.revisionItem(after)));
      long oldest = s.version() - Revision.KEPT;
      if (oldest >= 1) {
        items.add(table.delete(TableKeys.revisionsPk(s.postId()), TableKeys.revisionSk(oldest)));
      }
    }
    int postsDelta = (s.listed() ? 1 : 0) - (before.listed() ? 1 : 0);
    boolean statsChange =
        !s.counters().equals(before.counters()) || !s.publishedAt().equals(before.publishedAt());
    if (postsDelta != 0 || (statsChange && totals.movesProfile(before.counters(), s.counters()))) {
      items.add(totals.profileDelta(s.authorId(), postsDelta, before.counters(), s.counters()));
    }
    if (before.listed() != s.listed()) {
      items.add(totals.countDelta(s.authorId(), null, s.listed() ? 1 : -1));
      items.add(
          s.listed()
              ? totals.countDelta(s.authorId(), s.type(), 1)
              : totals.countDelta(s.authorId(), before.type(), -1));
    } else if (s.listed() && s.type() != before.type()) {
      items.add(totals.countDelta(s.authorId(), before.type(), -1));
      items.add(totals.countDelta(s.authorId(), s.type(), 1));
    }
    if (s.followersOnly()) {
      items.add(summaries.putFollowersEntry(PostItems.stored(s)));
    } else if (before.followersOnly()) {
      items.add(summaries.deleteFollowersEntry(s.postId()));
    }
    return items;
  }

  List<TransactWriteItem> deletion(PostSummary current) {
    String author = current.authorId();
    List<TransactWriteItem> items = new ArrayList<>();
    // Exactly what is subtracted from the profile below must still be on the post.
    items.add(summaries.delete(PostItems.stored(current), AuthorTotals.ON_PROFILE.keySet()));
    items.add(table.delete(TableKeys.postPk(current.postId()), TableKeys.CONTENT));
    current
        .sourceId()
        .ifPresent(
            sourceId ->
                items.add(table.delete(TableKeys.userPk(author), TableKeys.importSk(sourceId))));
    items.add(
        totals.profileDelta(author, current.listed() ? -1 : 0, current.counters(), Counters.ZERO));
    if (current.listed()) {
      items.add(totals.countDelta(author, null, -1));
      items.add(totals.countDelta(author, current.type(), -1));
    }
    if (current.followersOnly()) {
      items.add(summaries.deleteFollowersEntry(current.postId()));
    }
    // Every revision a version up to the current one can have left.
    for (long v = Math.max(1, current.version() - Revision.KEPT + 1); v <= current.version(); v++) {
      items.add(table.delete(TableKeys.revisionsPk(current.postId()), TableKeys.revisionSk(v)));
    }
    return items;
  }
}
