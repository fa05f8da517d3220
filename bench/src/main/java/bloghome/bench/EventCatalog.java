package bloghome.bench;

import bloghome.bench.probe.Events;
import bloghome.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The sample events of {@code events/}, found by the route key they carry (or, for S3, by being an
 * S3 notification), and the edits the benchmark makes to them: its own ids in the path, a different
 * caller or visitor per call.
 */
final class EventCatalog {
  private final Map<String, Path> byRoute = new TreeMap<>();
  private final Path s3Event;

  EventCatalog(Path eventsDir) {
    Path s3 = null;
    List<Path> files;
    try (Stream<Path> list = Files.list(eventsDir)) {
      files =
          list.filter(p -> p.toString().endsWith(".json"))
              // The shortest name first: the plain sample before its variants (-unicode, ...).
              .sorted(
                  Comparator.comparing((Path p) -> p.getFileName().toString().length())
                      .thenComparing(p -> p.getFileName().toString()))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + eventsDir, e);
    }
    for (Path file : files) {
      Map<String, Object> json;
      try {
        json = Events.read(file);
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException(
            file + " is not a readable JSON event: " + e.getMessage(), e);
      }
      if (Events.isS3(json)) {
        s3 = s3 == null ? file : s3;
      } else if (json.get("routeKey") instanceof String routeKey) {
        byRoute.putIfAbsent(routeKey, file);
      }
    }
    this.s3Event = s3;
  }

  Optional<Path> fileFor(String routeKey) {
    return Optional.ofNullable(byRoute.get(routeKey));
  }

  Optional<Path> s3File() {
    return Optional.ofNullable(s3Event);
  }

  /** A fresh, editable copy of the event of {@code routeKey}. */
  Map<String, Object> http(String routeKey) {
    Path file =
        fileFor(routeKey)
            .orElseThrow(() -> new IllegalStateException("events/ has no sample for " + routeKey));
    return read(file);
  }

  /**
   * An event for a public {@code GET} route that has no sample of its own (a page route, say): the
   * sample of another public GET route with this route key, its path parameters (each set to its
   * own name until the caller sets real values), no query string, and the headers a browser sends
   * for a page. Empty when the route is not a GET or events/ has no public GET sample.
   */
  Optional<Map<String, Object>> derivedGet(String routeKey) {
    if (!routeKey.startsWith("GET ") || routeKey.contains("+}")) {
      return Optional.empty();
    }
    for (Map.Entry<String, Path> entry : byRoute.entrySet()) {
      if (!entry.getKey().startsWith("GET ")) {
        continue;
      }
      Map<String, Object> event = read(entry.getValue());
      if (hasCaller(event)) {
        continue;
      }
      event.put("routeKey", routeKey);
      object(event, "requestContext").put("routeKey", routeKey);
      event.put("rawQueryString", "");
      event.remove("queryStringParameters");
      event.remove("cookies");
      Map<String, String> names = new LinkedHashMap<>();
      for (String segment : routeKey.substring(4).split("/")) {
        if (segment.startsWith("{") && segment.endsWith("}")) {
          String name = segment.substring(1, segment.length() - 1).replace("+", "");
          names.put(name, name);
        }
      }
      event.put("pathParameters", new LinkedHashMap<String, Object>());
      pathParameters(event, names);
      header(event, "accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
      header(event, "accept-language", "zh-CN,zh;q=0.9,en;q=0.8");
      return Optional.of(event);
    }
    return Optional.empty();
  }

  /**
   * Whether there is an event for {@code routeKey}: its sample, or one derived for a public GET
   * route.
   */
  boolean canMake(String routeKey, boolean requiresToken) {
    return fileFor(routeKey).isPresent() || (!requiresToken && derivedGet(routeKey).isPresent());
  }

  /** The sample of {@code routeKey}, or an event derived for it (see {@link #derivedGet}). */
  Map<String, Object> httpOrDerived(String routeKey) {
    return fileFor(routeKey).isPresent()
        ? http(routeKey)
        : derivedGet(routeKey)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "events/ has no sample for " + routeKey + " and none to derive one from"));
  }

  Map<String, Object> s3() {
    return read(s3File().orElseThrow(() -> new IllegalStateException("events/ has no S3 sample")));
  }

  private static Map<String, Object> read(Path file) {
    try {
      return Events.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- edits

  /** Sets path parameters and rebuilds rawPath and requestContext.http.path from the route. */
  static void pathParameters(Map<String, Object> event, Map<String, String> values) {
    Map<String, Object> params = object(event, "pathParameters");
    params.putAll(values);
    String routeKey = (String) event.get("routeKey");
    String path = routeKey.substring(routeKey.indexOf(' ') + 1);
    for (Map.Entry<String, Object> p : params.entrySet()) {
      path =
          path.replace(
              "{" + p.getKey() + "}",
              URLEncoder.encode(String.valueOf(p.getValue()), StandardCharsets.UTF_8)
                  .replace("+", "%20"));
    }
    event.put("rawPath", path);
    object(object(event, "requestContext"), "http").put("path", path);
  }

  /** The signed-in user, as the JWT authorizer would pass it; adds the authorizer if absent. */
  static void caller(Map<String, Object> event, String sub) {
    Map<String, Object> jwt = object(object(object(event, "requestContext"), "authorizer"), "jwt");
    Map<String, Object> claims = object(jwt, "claims");
    claims.put("sub", sub);
    if (claims.containsKey("username")) {
      claims.put("username", sub);
    }
  }

  static boolean hasCaller(Map<String, Object> event) {
    return object(object(event, "requestContext"), "authorizer").containsKey("jwt");
  }

  /** The visitor's address and browser, in both places HTTP API puts them. */
  static void visitor(Map<String, Object> event, String ip, String userAgent) {
    Map<String, Object> http = object(object(event, "requestContext"), "http");
    http.put("sourceIp", ip);
    http.put("userAgent", userAgent);
    Map<String, Object> headers = object(event, "headers");
    headers.put("x-forwarded-for", ip);
    headers.put("user-agent", userAgent);
  }

  static void header(Map<String, Object> event, String name, String value) {
    object(event, "headers").put(name, value);
  }

  static boolean hasHeader(Map<String, Object> event, String name) {
    return object(event, "headers").containsKey(name);
  }

  /** Points an S3 notification at an object. */
  static void s3Object(Map<String, Object> event, String bucket, String encodedKey, long size) {
    for (Object item : list(event.get("Records"))) {
      @SuppressWarnings("unchecked")
      Map<String, Object> record = (Map<String, Object>) item;
      Map<String, Object> s3 = object(record, "s3");
      Map<String, Object> b = object(s3, "bucket");
      b.put("name", bucket);
      b.put("arn", "arn:aws:s3:::" + bucket);
      Map<String, Object> o = object(s3, "object");
      o.put("key", encodedKey);
      o.put("size", size);
      record.put("awsRegion", "us-east-1");
    }
  }

  static void write(Map<String, Object> event, Path file) {
    try {
      Files.writeString(file, Json.write(event), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Map<String, Object> parent, String name) {
    Object value = parent.get(name);
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    Map<String, Object> created = new LinkedHashMap<>();
    parent.put(name, created);
    return created;
  }

  private static List<Object> list(Object value) {
    return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
  }
}
