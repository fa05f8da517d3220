package bloghome.aws;

import bloghome.log.Log;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Priming for Lambda SnapStart: runs a function's warm-up work once, just before the snapshot is
 * taken, so the classes it loads and the code it JIT-compiles are already in the snapshot that
 * every cold start restores from.
 *
 * <p>A priming step must be harmless to repeat and must not write: a GetItem on a key that cannot
 * exist, a JSON parse and write of a sample, a validation pass over a sample. It runs while the
 * version is published, against the real table.
 *
 * <p>Functions that call this need {@code org.crac:crac} as a dependency of their own (core
 * declares it optional so that functions without priming do not carry it).
 */
public final class Priming {

  /**
   * CRaC contexts hold their resources through weak references; without a strong reference here a
   * hook could be collected before the snapshot and silently never run.
   */
  private static final List<Resource> HOOKS = new CopyOnWriteArrayList<>();

  private Priming() {}

  /**
   * Registers {@code priming} to run before the checkpoint.
   *
   * @param name what is primed, for the log line (for example {@code "stats"})
   * @return the registered hook, which tests may call directly
   */
  public static Resource register(String name, Runnable priming) {
    Resource hook = hook(name, priming);
    HOOKS.add(hook);
    Core.getGlobalContext().register(hook);
    return hook;
  }

  /**
   * Registers {@code action} to run after a SnapStart restore (for example, to drop a secret read
   * before the snapshot). Without CRaC on the class path (tests, tools) nothing is registered.
   */
  public static void onRestore(String name, Runnable action) {
    try {
      Resource hook = restoreHook(name, action);
      HOOKS.add(hook);
      Core.getGlobalContext().register(hook);
    } catch (NoClassDefFoundError e) {
      // No org.crac on the class path: no snapshot either, so nothing to refresh after one.
    }
  }

  /** The restore hook without registering it: what {@link #onRestore} registers. */
  static Resource restoreHook(String name, Runnable action) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(action, "action");
    return new Resource() {
      @Override
      public void beforeCheckpoint(Context<? extends Resource> context) {}

      @Override
      public void afterRestore(Context<? extends Resource> context) {
        action.run();
      }

      @Override
      public String toString() {
        return "restore hook " + name;
      }
    };
  }

  /** The hook without registering it: what {@link #register} registers. */
  static Resource hook(String name, Runnable priming) {
    return new Hook(
        Objects.requireNonNull(name, "name"), Objects.requireNonNull(priming, "priming"));
  }

  private record Hook(String name, Runnable priming) implements Resource {

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
      long started = System.nanoTime();
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("name", name);
      try {
        priming.run();
        line.put("durationMs", (System.nanoTime() - started) / 1_000_000.0);
        Log.info("priming", line);
      } catch (RuntimeException e) {
        // A snapshot taken without priming is still correct, only its first request is slower;
        // failing the version's publication for that would turn an optimisation into an outage.
        line.put("exception", e.getClass().getName());
        line.put("message", String.valueOf(e.getMessage()));
        Log.warn("priming failed", line);
      }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
      // Nothing to undo: priming only reads, and clients re-open their connections on demand.
    }
  }
}
