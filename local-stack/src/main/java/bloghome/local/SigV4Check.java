package bloghome.local;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request's AWS Signature Version 4 against the credentials {@link LocalCredentials}
 * issued: the access key must be known, the session token must be the one issued with it and not
 * expired, and the signature recomputed from the canonical request must match. Both forms: the
 * {@code Authorization} header, and the query string of a presigned URL (with its {@code
 * X-Amz-Expires}).
 *
 * <p>Not checked: the chunk signatures of a streamed S3 upload (the seed signature in the header
 * is) and clock skew between client and server.
 */
final class SigV4Check {
  /** Why a request is refused, in terms the service's error shape maps. */
  enum Refusal {
    UNKNOWN_KEY,
    BAD_TOKEN,
    EXPIRED_TOKEN,
    BAD_SIGNATURE,
    PRESIGNED_EXPIRED,
    MISSING
  }

  /** A request as the proxy received it. */
  record Request(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      byte[] body) {
    String header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final LocalCredentials credentials;

  SigV4Check(LocalCredentials credentials) {
    this.credentials = credentials;
  }

  /** Empty when the request is signed with credentials this stack issued; else why not. */
  Optional<Refusal> check(Request request) {
    Map<String, String> query = parseQuery(request.rawQuery());
    boolean presigned = query.containsKey("X-Amz-Signature");
    String credential;
    String signedHeaders;
    String signature;
    String amzDate;
    String token;
    String payloadHash;
    if (presigned) {
      credential = query.get("X-Amz-Credential");
      signedHeaders = query.get("X-Amz-SignedHeaders");
      signature = query.get("X-Amz-Signature");
      amzDate = query.get("X-Amz-Date");
      token = query.get("X-Amz-Security-Token");
      payloadHash = "UNSIGNED-PAYLOAD";
    } else {
      String authorization = request.header("Authorization");
      if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
        return Optional.of(Refusal.MISSING);
      }
      Map<String, String> parts = new LinkedHashMap<>();
      for (String part : authorization.substring(17).split(",")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
      }
      credential = parts.get("Credential");
      signedHeaders = parts.get("SignedHeaders");
      signature = parts.get("Signature");
      amzDate = request.header("X-Amz-Date");
      token = request.header("X-Amz-Security-Token");
      String declared = request.header("X-Amz-Content-Sha256");
      payloadHash = declared != null ? declared : hex(sha256(request.body()));
    }
    if (credential == null || signedHeaders == null || signature == null || amzDate == null) {
      return Optional.of(Refusal.MISSING);
    }
    String[] scope = credential.split("/", 2);
    if (scope.length != 2) {
      return Optional.of(Refusal.MISSING);
    }
    Optional<LocalCredentials.Issued> found = credentials.find(scope[0]);
    if (found.isEmpty()) {
      return Optional.of(Refusal.UNKNOWN_KEY);
    }
    LocalCredentials.Issued issued = found.get();
    if (!issued.longTerm() && !issued.sessionToken().equals(token)) {
      return Optional.of(Refusal.BAD_TOKEN);
    }
    Instant now = credentials.now();
    if (!issued.longTerm() && now.isAfter(issued.expiration())) {
      return Optional.of(Refusal.EXPIRED_TOKEN);
    }
    String[] scopeParts = scope[1].split("/");
    if (scopeParts.length != 4) {
      return Optional.of(Refusal.MISSING);
    }
    String service = scopeParts[2];
    String canonical =
        request.method()
            + "\n"
            + canonicalUri(request.rawPath(), service)
            + "\n"
            + canonicalQuery(request.rawQuery())
            + "\n"
            + canonicalHeaders(request, signedHeaders)
            + "\n"
            + signedHeaders
            + "\n"
            + payloadHash;
    String stringToSign =
        "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope[1] + "\n" + hex(sha256(bytes(canonical)));
    byte[] key = bytes("AWS4" + issued.secretAccessKey());
    for (String part : scopeParts) {
      key = hmac(key, part);
    }
    String expected = hex(hmac(key, stringToSign));
    if (!MessageDigest.isEqual(bytes(expected), bytes(signature))) {
      return Optional.of(Refusal.BAD_SIGNATURE);
    }
    if (presigned) {
      Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
      long expires = Long.parseLong(query.getOrDefault("X-Amz-Expires", "0"));
      if (now.isAfter(signedAt.plusSeconds(expires))) {
        return Optional.of(Refusal.PRESIGNED_EXPIRED);
      }
    }
    credentials.used(issued);
    return Optional.empty();
  }

  /** S3 signs the path as sent; the other services encode it once more. */
  private static String canonicalUri(String rawPath, String service) {
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    return service.equals("s3") ? path : encode(path, false);
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (!name.equals("X-Amz-Signature")) {
        pairs.add(new String[] {encode(name, true), encode(value, true)});
      }
    }
    pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    StringBuilder sb = new StringBuilder();
    for (String[] p : pairs) {
      sb.append(sb.isEmpty() ? "" : "&").append(p[0]).append('=').append(p[1]);
    }
    return sb.toString();
  }

  private static String canonicalHeaders(Request request, String signedHeaders) {
    StringBuilder sb = new StringBuilder();
    for (String name : signedHeaders.split(";")) {
      List<String> values = new ArrayList<>();
      request
          .headers()
          .forEach(
              (n, v) -> {
                if (n.equalsIgnoreCase(name)) {
                  values.addAll(v);
                }
              });
      sb.append(name.toLowerCase(Locale.ROOT)).append(':');
      sb.append(
          String.join(",", values.stream().map(v -> v.strip().replaceAll(" +", " ")).toList()));
      sb.append('\n');
    }
    return sb.toString();
  }

  private static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return out;
  }

  /** SigV4's URI encoding: every byte but the unreserved characters, {@code /} kept in paths. */
  private static String encode(String value, boolean encodeSlash) {
    String encoded =
        URLEncoder.encode(value, StandardCharsets.UTF_8)
            .replace("+", "%20")
            .replace("*", "%2A")
            .replace("%7E", "~");
    return encodeSlash ? encoded : encoded.replace("%2F", "/");
  }

  private static String decode(String value) {
    return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(bytes(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
