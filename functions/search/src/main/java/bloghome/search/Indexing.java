package bloghome.search;

import bloghome.posts.Post;
import bloghome.posts.PostStore;
import bloghome.search.index.BlogIndex;
import bloghome.search.index.IndexArchive;
import bloghome.search.index.SearchDocument;
import bloghome.search.store.IndexStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Brings the indexes up to date with posts that changed: each post is read again from the post
 * store (so the order and repetition of stream records does not matter), listed posts are added or
 * replaced, anything else is removed, and each blog's index is saved with optimistic concurrency,
 * redone from a fresh read when another save came first (posts of one blog may arrive on different
 * shards at once).
 */
public final class Indexing {
  /** Saves tried per blog before the batch fails (and Lambda retries it). */
  static final int ATTEMPTS = 20;

  private final PostStore posts;
  private final IndexStore store;

  public Indexing(PostStore posts, IndexStore store) {
    this.posts = posts;
    this.store = store;
  }

  /** What one batch did. */
  public record Report(int blogs, int indexed, int removed, int retries) {}

  /**
   * Whether a post belongs in the search index: only listed posts (published and public), like
   * every other public projection; a post that stops being listed (unpublished, made private or
   * followers-only) is removed from its blog's index by the same stream record.
   */
  static boolean searchable(Post post) {
    return post.listed();
  }

  static SearchDocument document(Post post) {
    var s = post.summary();
    return new SearchDocument(
        s.postId(), s.title(), s.summary(), post.content(), post.tags(), s.publishedAt());
  }

  private record Changes(List<SearchDocument> upserts, List<String> deletes, List<String> gone) {}

  public Report apply(Collection<String> postIds) {
    Map<String, Changes> byBlog = new LinkedHashMap<>();
    for (String postId : new LinkedHashSet<>(postIds)) {
      Optional<Post> post = posts.find(postId, true);
      if (post.isPresent()) {
        Changes changes = changesOf(byBlog, post.get().summary().authorId());
        if (searchable(post.get())) {
          changes.upserts().add(document(post.get()));
        } else {
          changes.deletes().add(postId);
        }
      } else {
        Optional<String> owner = store.owner(postId);
        if (owner.isPresent()) {
          Changes changes = changesOf(byBlog, owner.get());
          changes.deletes().add(postId);
          changes.gone().add(postId);
        }
      }
    }
    int indexed = 0;
    int removed = 0;
    int retries = 0;
    for (Map.Entry<String, Changes> blog : byBlog.entrySet()) {
      Changes changes = blog.getValue();
      // The pointer goes first: a pointer to a post not (yet) in the index is harmless.
      for (SearchDocument doc : changes.upserts()) {
        store.saveOwner(doc.postId(), blog.getKey());
      }
      retries += save(blog.getKey(), changes);
      for (String postId : changes.gone()) {
        store.deleteOwner(postId);
      }
      indexed += changes.upserts().size();
      removed += changes.deletes().size();
    }
    return new Report(byBlog.size(), indexed, removed, retries);
  }

  private static Changes changesOf(Map<String, Changes> byBlog, String userId) {
    return byBlog.computeIfAbsent(
        userId, u -> new Changes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
  }

  /** Saves the blog's changed index; returns how many saves lost to another writer. */
  private int save(String userId, Changes changes) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      IndexStore.Fetched fetched = store.fetch(userId, Optional.empty());
      Optional<String> basedOn = Optional.empty();
      try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
        if (fetched instanceof IndexStore.Fetched.Found found) {
          IndexArchive.unpack(found.stored().bytes(), directory);
          basedOn = Optional.of(found.stored().version());
        }
        BlogIndex.update(directory, changes.upserts(), changes.deletes());
        if (store.save(userId, IndexArchive.pack(directory), basedOn)) {
          return attempt;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        Thread.sleep((long) (Math.random() * 50 * (attempt + 1)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while saving the index of " + userId, e);
      }
    }
    throw new IllegalStateException(
        "the index of " + userId + " kept changing: " + ATTEMPTS + " saves lost");
  }
}
