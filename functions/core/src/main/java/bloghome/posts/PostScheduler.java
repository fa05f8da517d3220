package bloghome.posts;

import java.time.Instant;

/**
 * One-time schedules that publish a scheduled post at its time (EventBridge Scheduler in AWS; the
 * local stack's scheduler locally). A schedule is named by its post and time, so scheduling a new
 * time never disturbs the old one until the save that moves the post has succeeded; a schedule that
 * fires for a time the post no longer has does nothing ({@link ScheduledPublishing}).
 */
public interface PostScheduler {
  /** Creates (or keeps) the schedule that publishes {@code postId} at {@code at}. */
  void schedule(String postId, Instant at);

  /** Removes the schedule of {@code postId} at {@code at} if it is still there. */
  void cancel(String postId, Instant at);

  /** No schedules (functions that never schedule; tests of other parts). */
  PostScheduler NONE =
      new PostScheduler() {
        @Override
        public void schedule(String postId, Instant at) {}

        @Override
        public void cancel(String postId, Instant at) {}
      };
}
