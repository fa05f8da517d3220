package bloghome.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one cold-start sample starts: a function (or the floor) with its class path, handler,
 * environment, event and the statuses that count as handled, plus extra JVM options of a lever.
 */
record ColdSubject(
    String id,
    String route,
    List<Path> classPath,
    String handlerClass,
    Map<String, String> env,
    Supplier<Path> eventForSample,
    String accepted,
    long artifactBytes,
    boolean floor,
    List<String> jvm) {

  /** The same function with a lever of {@code --cold-variant} applied. */
  ColdSubject with(Options.ColdVariant v) {
    List<Path> path = new ArrayList<>(classPath);
    long bytes = artifactBytes;
    if (v.jarDir() != null) {
      Path other = v.jarDir().resolve(classPath.getFirst().getFileName());
      if (!Files.isRegularFile(other)) {
        throw new IllegalArgumentException(
            "--cold-variant "
                + v.label()
                + ": no "
                + other
                + " (name the functions it has with fns=)");
      }
      path.set(0, other);
      bytes = size(other);
    }
    Map<String, String> environment = new LinkedHashMap<>(env);
    environment.putAll(v.env());
    return new ColdSubject(
        id + " [" + v.label() + "]",
        route,
        List.copyOf(path),
        handlerClass,
        environment,
        eventForSample,
        accepted,
        bytes,
        false,
        v.jvm());
  }

  String fileName() {
    return id.replaceAll("[^A-Za-z0-9_-]+", "_");
  }

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
