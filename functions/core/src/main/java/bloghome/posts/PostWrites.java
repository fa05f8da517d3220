package bloghome.posts;

import static bloghome.table.Attributes.n;
import static bloghome.table.Attributes.s;

import bloghome.table.DiscoveryItems;
import bloghome.table.DiscoveryItems.Entry;
import bloghome.table.DiscoveryItems.Projection;
import bloghome.table.PostSummaryItems;
import bloghome.table.TableAccess;
import bloghome.table.TableKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The transaction items of every post write: the post's own items and, with them, the author's
 * profile counters and the listing totals (docs/posts.md says which conditions keep them exact).
 * The first item of every list is the post's summary, whose failed condition means "read again".
 * The summary is written through its owner, {@link PostSummaryItems}; what a write adds to its
 * author's totals comes from {@link AuthorTotals}; the post's category, tag and archive entries and
 * their totals from {@link DiscoveryItems}, always last in the list ({@link #entriesFrom}).
 */
final class PostWrites {
  private final TableAccess table;
  private final PostSummaryItems summaries;
  private final AuthorTotals totals;
  private final DiscoveryItems discovery;

  PostWrites(TableAccess table) {
    this.table = table;
    this.summaries = new PostSummaryItems(table);
    this.totals = new AuthorTotals(table);
    this.discovery = new DiscoveryItems(table);
  }

  /**
   * A write's items and where its discovery entries start: a failed condition there means the
   * entries changed since they were read, so the write is read again like a changed summary.
   */
  record Items(List<TransactWriteItem> items, int entriesFrom) {}

  /** The post's entries as stored, read before a replace or delete. */
  Set<Entry> storedEntries(String postId) {
    return discovery.stored(postId);
  }

  /**
   * The one function of a post that decides its discovery entries: none unless the post is listed
   * (published and public).
   */
  static Projection projection(Post post) {
    PostSummary s = post.summary();
    if (!post.listed()) {
      return Projection.none(s.postId(), s.authorId());
    }
    return Projection.of(
        s.postId(),
        s.authorId(),
        s.type().wireName(),
        s.title(),
        s.summary(),
        s.publishedAt(),
        s.counters().views(),
        post.categories(),
        post.tags());
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
    items.addAll(discovery.change(Set.of(), projection(post)));
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
  Items replacement(PostSummary before, Set<Entry> entries, Post after) {
    return replacement(before, entries, after, PostItems.contentItem(after), false);
  }

  /**
   * A post written again as it is, by a data migration: the same items as an edit that changes
   * nothing (the summary's current keys, the entries and totals it lacks), with the content item
   * marked by the migration, so that its first write reaches the search indexer through the stream
   * and a repeated one changes nothing.
   */
  Items backfill(PostSummary current, Set<Entry> entries, Post post, String migration) {
    Map<String, AttributeValue> content = PostItems.contentItem(post);
    content.put(TableKeys.BACKFILLED_BY, s(migration));
    return replacement(current, entries, post, content, true);
  }

  private Items replacement(
      PostSummary before,
      Set<Entry> entries,
      Post after,
      Map<String, AttributeValue> content,
      boolean refreshTotals) {
    PostSummary s = after.summary();
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(summaries.replace(PostItems.stored(before), PostItems.stored(s)));
    items.add(table.put(content));
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
    int entriesFrom = items.size();
    items.addAll(discovery.change(entries, projection(after), refreshTotals));
    return new Items(items, entriesFrom);
  }

  Items deletion(PostSummary current, Set<Entry> entries) {
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
    int entriesFrom = items.size();
    items.addAll(discovery.change(entries, Projection.none(current.postId(), author)));
    return new Items(items, entriesFrom);
  }
}
