package bloghome.manage.schedules;

import bloghome.aws.AwsSettings;
import bloghome.config.Env;
import bloghome.json.Json;
import bloghome.posts.PostScheduler;
import bloghome.time.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.SchedulerClientBuilder;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

/**
 * Scheduled posts on EventBridge Scheduler: one one-time schedule ({@code at(...)}, UTC, no
 * flexible window, deleted after it fires) per post and time, in the posts' schedule group,
 * invoking the publisher function with {@code {"postId","publishAt"}} as the scheduler's execution
 * role, retried and then sent to the dead-letter queue. Named {@code publish-{postId}-{epoch
 * second}}, so a create for a time that already has its schedule is a no-op (409 from the service,
 * taken as done) and a reschedule never touches the old one before the save succeeds.
 */
public final class EventBridgeSchedules implements PostScheduler {
  /** How long and how often the scheduler retries a failing publisher before the DLQ. */
  static final int RETRY_ATTEMPTS = 10;

  static final Duration MAX_EVENT_AGE = Duration.ofHours(6);

  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  /** Where schedules go and what they invoke (the template's values). */
  public record Settings(String group, String publisherArn, String roleArn, String deadLetterArn) {
    public static Settings fromEnvironment() {
      return new Settings(
          Env.require("SCHEDULE_GROUP"),
          Env.require("PUBLISHER_ARN"),
          Env.require("SCHEDULER_ROLE_ARN"),
          Env.require("PUBLISH_DLQ_ARN"));
    }
  }

  private final SchedulerClient scheduler;
  private final Settings settings;

  public EventBridgeSchedules(SchedulerClient scheduler, Settings settings) {
    this.scheduler = scheduler;
    this.settings = settings;
  }

  /** Production: the client built once, the settings from the function's environment. */
  public static EventBridgeSchedules fromEnvironment() {
    SchedulerClientBuilder builder =
        SchedulerClient.builder()
            .region(AwsSettings.region())
            .credentialsProvider(AwsSettings.credentials())
            .httpClient(AwsSettings.httpClient())
            .overrideConfiguration(
                AwsSettings.overrides(Duration.ofSeconds(2), Duration.ofSeconds(5)));
    AwsSettings.endpointOverride("SCHEDULER").ifPresent(builder::endpointOverride);
    return new EventBridgeSchedules(builder.build(), Settings.fromEnvironment());
  }

  /** The schedule's name: the post and the time, within the service's 64 characters. */
  public static String name(String postId, Instant at) {
    return "publish-" + postId + "-" + at.getEpochSecond();
  }

  /** The schedule's input: what the publisher checks the post against. */
  public static String input(String postId, Instant at) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("postId", postId);
    input.put("publishAt", Timestamps.format(at));
    return Json.write(input);
  }

  @Override
  public void schedule(String postId, Instant at) {
    try {
      scheduler.createSchedule(
          r ->
              r.name(name(postId, at))
                  .groupName(settings.group())
                  .scheduleExpression("at(" + AT.format(at) + ")")
                  .scheduleExpressionTimezone("UTC")
                  .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                  .actionAfterCompletion(ActionAfterCompletion.DELETE)
                  .description("Publishes post " + postId + " at its time")
                  .target(
                      t ->
                          t.arn(settings.publisherArn())
                              .roleArn(settings.roleArn())
                              .input(input(postId, at))
                              .retryPolicy(
                                  p ->
                                      p.maximumRetryAttempts(RETRY_ATTEMPTS)
                                          .maximumEventAgeInSeconds(
                                              (int) MAX_EVENT_AGE.toSeconds()))
                              .deadLetterConfig(d -> d.arn(settings.deadLetterArn()))));
    } catch (ConflictException alreadyThere) {
      // A retried save: the schedule for this post and time exists already.
    }
  }

  @Override
  public void cancel(String postId, Instant at) {
    try {
      scheduler.deleteSchedule(r -> r.name(name(postId, at)).groupName(settings.group()));
    } catch (ResourceNotFoundException gone) {
      // Fired (and deleted itself) or never made: nothing to cancel.
    }
  }
}
