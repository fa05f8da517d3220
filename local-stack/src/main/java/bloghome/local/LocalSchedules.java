package bloghome.local;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * EventBridge Scheduler's side on the local stack: moto stores the schedules the functions make
 * (through the SigV4-checked endpoint), and this fires the one-time ones ({@code at(...)}) that are
 * due by a clock the caller controls: it invokes the target function (found by its ARN) through the
 * local Lambda runtime with the schedule's input, retries a failing invocation up to the schedule's
 * {@code MaximumRetryAttempts} (at most {@link #LOCAL_RETRIES} here), then keeps it as its
 * dead-letter queue would, and deletes the schedule after it ran when its {@code
 * ActionAfterCompletion} says so (in AWS: after the last attempt too).
 */
public final class LocalSchedules implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalSchedules.class.getName());

  /** Retries of a failing target locally (the template's count can be large). */
  static final int LOCAL_RETRIES = 2;

  /** A firing the scheduler gave up on: what its dead-letter queue would hold. */
  public record Failure(
      String group, String schedule, String targetArn, String input, String error) {}

  private final SchedulerClient scheduler;
  private final List<String> groups;
  private final Map<String, String> functionsByArn;
  private final BiFunction<String, String, String> invoke;
  private final Clock clock;
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService poller;

  /**
   * @param functionsByArn the logical id of each template function, by its local ARN
   * @param invoke invokes a function (logical id, event JSON) and returns its answer, or throws
   */
  LocalSchedules(
      SchedulerClient scheduler,
      List<String> groups,
      Map<String, String> functionsByArn,
      BiFunction<String, String, String> invoke,
      Clock clock) {
    this.scheduler = scheduler;
    this.groups = List.copyOf(groups);
    this.functionsByArn = Map.copyOf(functionsByArn);
    this.invoke = invoke;
    this.clock = clock;
  }

  /** Fires every enabled one-time schedule whose time is not after the clock's now. */
  public synchronized int fireDue() {
    Instant now = clock.instant();
    int fired = 0;
    for (String group : groups) {
      for (ScheduleSummary summary : list(group)) {
        GetScheduleResponse schedule;
        try {
          schedule = scheduler.getSchedule(r -> r.groupName(group).name(summary.name()));
        } catch (ResourceNotFoundException gone) {
          continue;
        }
        Instant at = oneTime(schedule);
        if (at == null || at.isAfter(now) || schedule.state() == ScheduleState.DISABLED) {
          continue;
        }
        fire(group, schedule);
        fired++;
      }
    }
    return fired;
  }

  /** Fires due schedules every {@code seconds} by the clock (bin/run-local), until closed. */
  public synchronized void pollEvery(long seconds) {
    if (poller != null) {
      return;
    }
    poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "local-schedules");
              t.setDaemon(true);
              return t;
            });
    poller.scheduleWithFixedDelay(
        () -> {
          try {
            fireDue();
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "firing due schedules failed", e);
          }
        },
        seconds,
        seconds,
        TimeUnit.SECONDS);
  }

  /** The firings given up on, oldest first. */
  public List<Failure> failures() {
    return List.copyOf(failures);
  }

  /** The names of the schedules of a group that still exist. */
  public List<String> names(String group) {
    return list(group).stream().map(ScheduleSummary::name).toList();
  }

  private List<ScheduleSummary> list(String group) {
    List<ScheduleSummary> all = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      var page = scheduler.listSchedules(r -> r.groupName(group).nextToken(next));
      all.addAll(page.schedules());
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return all;
  }

  private void fire(String group, GetScheduleResponse schedule) {
    String arn = schedule.target().arn();
    String function = functionsByArn.get(arn);
    String input = schedule.target().input() == null ? "{}" : schedule.target().input();
    int retries =
        Math.min(
            LOCAL_RETRIES,
            schedule.target().retryPolicy() == null
                    || schedule.target().retryPolicy().maximumRetryAttempts() == null
                ? LOCAL_RETRIES
                : schedule.target().retryPolicy().maximumRetryAttempts());
    String error = function == null ? "no function of the template has the ARN " + arn : null;
    for (int attempt = 0; function != null && attempt <= retries; attempt++) {
      try {
        invoke.apply(function, input);
        error = null;
        break;
      } catch (RuntimeException e) {
        error = e.toString();
        LOG.warning("schedule " + schedule.name() + " -> " + function + " failed: " + e);
      }
    }
    if (error != null) {
      failures.add(new Failure(group, schedule.name(), arn, input, error));
    }
    if (schedule.actionAfterCompletion() == ActionAfterCompletion.DELETE) {
      try {
        scheduler.deleteSchedule(r -> r.groupName(group).name(schedule.name()));
      } catch (ResourceNotFoundException alreadyGone) {
        // Deleted meanwhile (the post was rescheduled): nothing left to do.
      }
    }
  }

  /** The time of a one-time schedule ({@code at(yyyy-mm-ddThh:mm:ss)} in its time zone). */
  static Instant oneTime(GetScheduleResponse schedule) {
    String expression = schedule.scheduleExpression();
    if (expression == null || !expression.startsWith("at(") || !expression.endsWith(")")) {
      return null;
    }
    ZoneId zone =
        schedule.scheduleExpressionTimezone() == null
            ? ZoneId.of("UTC")
            : ZoneId.of(schedule.scheduleExpressionTimezone());
    try {
      return LocalDateTime.parse(expression.substring(3, expression.length() - 1))
          .atZone(zone)
          .toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }
}
