import bloghome.auth.JwksTokenVerifier;
import bloghome.json.Json;
import com.fasterxml.jackson.jr.ob.JSON;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpServer;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * The cold cost of one piece of work in a fresh JVM: the classes it loads and the time it takes,
 * the first time, hand-written code against a library doing the same. Run by run.sh, one JVM per
 * sample; not part of any function.
 *
 * <p>Modes: {@code setup DIR} writes a key set and a token; {@code json-hand|json-jr FILE} parses
 * an API Gateway event and writes a response; {@code jwt-hand|jwt-nimbus DIR} serves the key set
 * on loopback HTTP (started before the measurement) and verifies the token, JWKS fetch included.
 */
public final class LibraryColdCost {
  static final String AUDIENCE = "bench-client";

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    if (mode.equals("setup")) {
      setup(Path.of(args[1]));
      return;
    }
    Object input = mode.startsWith("json") ? Files.readString(Path.of(args[1])) : serve(Path.of(args[1]));
    String token = mode.startsWith("jwt") ? Files.readString(Path.of(args[1], "token")).strip() : null;
    int classesBefore = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    long started = System.nanoTime();
    String result = switch (mode) {
      case "json-hand" -> {
        Object event = Json.parse((String) input);
        yield Json.write(Map.of("event", event, "status", 200, "ok", true, "ratio", 0.5));
      }
      case "json-jr" -> {
        Object event = JSON.std.anyFrom((String) input);
        yield JSON.std.asString(Map.of("event", event, "status", 200, "ok", true, "ratio", 0.5));
      }
      case "jwt-hand" -> JwksTokenVerifier.create((String) input, AUDIENCE)
          .verify(token).map(c -> c.userId()).orElse("anonymous");
      case "jwt-nimbus" -> {
        String issuer = ((String) input);
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(URI.create(issuer + "/.well-known/jwks.json").toURL())
            .retrying(false).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE,
            new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp")));
        yield processor.process(token, null).getSubject();
      }
      default -> throw new IllegalArgumentException(mode);
    };
    long nanos = System.nanoTime() - started;
    int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount() - classesBefore;
    System.out.println("RESULT mode=" + mode + " micros=" + nanos / 1000 + " classes=" + classes + " length=" + result.length());
    System.exit(0);
  }

  /** Serves DIR/jwks.json on the loopback port setup chose; returns the issuer URL the token names. */
  static String serve(Path dir) throws Exception {
    String issuer = Files.readString(dir.resolve("issuer")).strip();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", URI.create(issuer).getPort()), 0);
    byte[] jwks = Files.readAllBytes(dir.resolve("jwks.json"));
    server.createContext("/.well-known/jwks.json", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, jwks.length);
      exchange.getResponseBody().write(jwks);
      exchange.close();
    });
    server.start();
    return issuer;
  }

  static void setup(Path dir) throws Exception {
    Files.createDirectories(dir);
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    var pair = generator.generateKeyPair();
    RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
        + b64.encodeToString(unsigned(pub.getModulus())) + "\",\"e\":\"" + b64.encodeToString(unsigned(pub.getPublicExponent())) + "\"}]}");
    int port;
    try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    String issuer = "http://127.0.0.1:" + port;
    Files.writeString(dir.resolve("issuer"), issuer);
    Files.writeString(dir.resolve("token"), token(pair.getPrivate(), issuer));
  }

  /** A token for {@code issuer}, valid for an hour. */
  static String token(PrivateKey key, String issuer) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    long exp = Instant.now().getEpochSecond() + 3600;
    String claims = b64.encodeToString(("{\"sub\":\"u-bench\",\"iss\":\"" + issuer + "\",\"aud\":\"" + AUDIENCE
        + "\",\"exp\":" + exp + ",\"token_use\":\"id\"}").getBytes(StandardCharsets.UTF_8));
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(key);
    signer.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
    return header + "." + claims + "." + b64.encodeToString(signer.sign());
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }
}
