package bloghome.local;

import static bloghome.local.SamTemplate.map;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the local runtime needs of a template function: its jar ({@code CodeUri}), its handler
 * string, {@code MemorySize}, {@code Timeout} and whether SnapStart is on, Globals applied.
 */
public record FunctionConfig(
    String logicalId, Path jar, String handler, int memoryMb, Duration timeout, boolean snapStart) {

  /** Lambda's defaults: 128 MB and 3 s. */
  public static FunctionConfig of(SamTemplate template, SamTemplate.FunctionDef function) {
    Map<String, Object> globals = template.globalFunctionProperties();
    Map<String, Object> props = template.properties(function.logicalId());
    Object handler = props.getOrDefault("Handler", globals.get("Handler"));
    Object memory = props.getOrDefault("MemorySize", globals.getOrDefault("MemorySize", 128));
    Object timeout = props.getOrDefault("Timeout", globals.getOrDefault("Timeout", 3));
    Object snapStart = props.getOrDefault("SnapStart", globals.get("SnapStart"));
    if (function.codeUri() == null) {
      throw new LocalStackException(function.logicalId() + " has no CodeUri in template.yaml");
    }
    return new FunctionConfig(
        function.logicalId(),
        template.baseDir().resolve(function.codeUri()).normalize(),
        String.valueOf(handler),
        Integer.parseInt(String.valueOf(memory)),
        Duration.ofSeconds(Long.parseLong(String.valueOf(timeout))),
        "PublishedVersions".equals(String.valueOf(map(snapStart).get("ApplyOn"))));
  }
}
