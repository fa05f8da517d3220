package bloghome.posts;

import java.time.Instant;

/** One validated post of an import: the draft plus what it had on the old platform. */
public record ImportDraft(
    String sourceId, PostDraft draft, Instant publishedAt, Counters counters) {}
