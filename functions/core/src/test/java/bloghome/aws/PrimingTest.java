package bloghome.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bloghome.json.Json;
import bloghome.json.JsonObject;
import bloghome.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.crac.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrimingTest {
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

  @BeforeEach
  void captureLog() {
    Log.redirect(new PrintStream(logged, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreLog() {
    Log.redirect(System.out);
  }

  @Test
  void aRestoreHook_runsAfterTheRestore_notBeforeTheCheckpoint() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Resource hook = Priming.restoreHook("cursor-keys", runs::incrementAndGet);

    hook.beforeCheckpoint(null);
    assertThat(runs).hasValue(0);
    hook.afterRestore(null);
    assertThat(runs).hasValue(1);
  }

  @Test
  void register_runsThePrimingOnlyWhenTheCheckpointComes() throws Exception {
    AtomicInteger runs = new AtomicInteger();

    Resource hook = Priming.register("listing", runs::incrementAndGet);

    assertThat(runs).hasValue(0);
    hook.beforeCheckpoint(null);
    assertThat(runs).hasValue(1);
  }

  @Test
  void beforeCheckpoint_logsTheNameAndDuration_whenPrimingSucceeds() throws Exception {
    Resource hook = Priming.hook("stats", () -> {});

    hook.beforeCheckpoint(null);

    JsonObject line = onlyLogLine();
    assertThat(line.string("level")).isEqualTo("INFO");
    assertThat(line.string("event")).isEqualTo("priming");
    assertThat(line.string("name")).isEqualTo("stats");
    assertThat(line.has("durationMs")).isTrue();
  }

  @Test
  void beforeCheckpoint_logsAWarningAndLetsTheCheckpointGoOn_whenPrimingFails() {
    Resource hook =
        Priming.hook(
            "comments",
            () -> {
              throw new IllegalStateException("table not reachable");
            });

    assertThatCode(() -> hook.beforeCheckpoint(null)).doesNotThrowAnyException();

    JsonObject line = onlyLogLine();
    assertThat(line.string("level")).isEqualTo("WARN");
    assertThat(line.string("event")).isEqualTo("priming failed");
    assertThat(line.string("name")).isEqualTo("comments");
    assertThat(line.string("exception")).isEqualTo(IllegalStateException.class.getName());
    assertThat(line.string("message")).isEqualTo("table not reachable");
  }

  @Test
  void afterRestore_doesNotRunThePrimingAgain() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Resource hook = Priming.hook("manage", runs::incrementAndGet);
    hook.beforeCheckpoint(null);

    hook.afterRestore(null);

    assertThat(runs).hasValue(1);
  }

  @Test
  void register_rejectsAMissingNameOrPriming() {
    assertThatThrownBy(() -> Priming.register(null, () -> {}))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
    assertThatThrownBy(() -> Priming.register("skins", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("priming");
  }

  private JsonObject onlyLogLine() {
    String text = logged.toString(StandardCharsets.UTF_8).strip();
    assertThat(text.lines()).hasSize(1);
    return JsonObject.of(Json.parse(text), "log line");
  }
}
