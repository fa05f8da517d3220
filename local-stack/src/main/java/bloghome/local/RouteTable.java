package bloghome.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's routing: finds the template route that serves a method and raw path, as HTTP API
 * does (the most literal segments win; {@code {name+}} takes the rest of the path), and decodes its
 * path parameters.
 */
final class RouteTable {
  /** A route that matched, with its decoded path parameters. */
  record Match(LocalGateway.Binding binding, Map<String, String> pathParameters) {}

  private final List<LocalGateway.Binding> bindings;

  RouteTable(List<LocalGateway.Binding> bindings) {
    this.bindings = List.copyOf(bindings);
  }

  /** The best route for the request, or null when none matches (the gateway answers 404). */
  Match match(String method, String rawPath) {
    String[] actual = rawPath.split("/", -1);
    Match best = null;
    int bestScore = -1;
    for (LocalGateway.Binding b : bindings) {
      String routeMethod = b.route().method();
      if (!routeMethod.equals(method) && !routeMethod.equals("ANY")) {
        continue;
      }
      String[] pattern = b.route().path().split("/", -1);
      Map<String, String> params = new LinkedHashMap<>();
      int score = 0;
      boolean ok = true;
      for (int i = 0; i < pattern.length; i++) {
        String p = pattern[i];
        if (p.startsWith("{") && p.endsWith("+}")) {
          if (i >= actual.length) {
            ok = false;
            break;
          }
          params.put(
              p.substring(1, p.length() - 2),
              decodePath(String.join("/", Arrays.copyOfRange(actual, i, actual.length))));
          i = pattern.length;
          break;
        }
        if (i >= actual.length) {
          ok = false;
          break;
        }
        if (p.startsWith("{") && p.endsWith("}")) {
          if (actual[i].isEmpty()) {
            ok = false;
            break;
          }
          params.put(p.substring(1, p.length() - 1), decodePath(actual[i]));
        } else if (p.equals(actual[i])) {
          score += 2;
        } else {
          ok = false;
          break;
        }
      }
      boolean greedy = b.route().path().contains("+}");
      if (ok && (greedy || pattern.length == actual.length) && score > bestScore) {
        best = new Match(b, params);
        bestScore = score;
      }
    }
    return best;
  }

  /** Path decoding: {@code %XX} only; a {@code +} in a path is a plus. */
  static String decodePath(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** Query parameters as HTTP API gives them: decoded, repeated names joined with commas. */
  static Map<String, String> query(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decodeQuery(pair.substring(eq + 1));
      out.merge(name, value, (a, b) -> a + "," + b);
    }
    return out;
  }

  private static String decodeQuery(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
