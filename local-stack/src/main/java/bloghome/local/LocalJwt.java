package bloghome.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A local token issuer standing in for Cognito: RS256 tokens signed with a key made at start-up,
 * and their verification as API Gateway's JWT authorizer does it (signature, issuer, audience,
 * expiry). Its public key is served as a JWKS so that functions verifying optional tokens
 * themselves take the same path as in AWS.
 */
public final class LocalJwt {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final String issuer;
  private final String audience;
  private final KeyPair keys;
  private final String keyId = UUID.randomUUID().toString();
  private final Clock clock;

  public LocalJwt(String issuer, String audience, Clock clock) {
    this.issuer = issuer;
    this.audience = audience;
    this.clock = clock;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      this.keys = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public String issuer() {
    return issuer;
  }

  public String audience() {
    return audience;
  }

  /** A token for {@code sub}, in the given Cognito groups (e.g. {@code vip}). */
  public String mint(String sub, List<String> groups, Duration ttl) {
    long now = clock.instant().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", sub);
    claims.put("iss", issuer);
    claims.put("aud", audience);
    claims.put("token_use", "id");
    claims.put("iat", now);
    claims.put("exp", now + ttl.toSeconds());
    claims.put("cognito:username", sub);
    if (!groups.isEmpty()) {
      claims.put("cognito:groups", groups);
    }
    return sign(claims);
  }

  /** Signs any claims; tests use it to make expired or foreign tokens. */
  public String sign(Map<String, Object> claims) {
    try {
      String header =
          B64.encodeToString(
              JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", keyId)));
      String payload = B64.encodeToString(JSON.writeValueAsBytes(claims));
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(keys.getPrivate());
      signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
      return header + "." + payload + "." + B64.encodeToString(signer.sign());
    } catch (GeneralSecurityException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Verifies a token as the HTTP API JWT authorizer does and returns its claims flattened to
   * strings the way API Gateway passes them ({@code ["a","b"]} becomes {@code "[a b]"}).
   */
  public Optional<Map<String, String>> verify(String token) {
    if (token == null) {
      return Optional.empty();
    }
    String[] parts = token.strip().split("\\.");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      Map<?, ?> header = JSON.readValue(B64D.decode(parts[0]), Map.class);
      if (!"RS256".equals(header.get("alg"))) {
        return Optional.empty();
      }
      Signature verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(keys.getPublic());
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!verifier.verify(B64D.decode(parts[2]))) {
        return Optional.empty();
      }
      Map<?, ?> claims = JSON.readValue(B64D.decode(parts[1]), Map.class);
      long now = clock.instant().getEpochSecond();
      if (!(claims.get("exp") instanceof Number exp) || exp.longValue() <= now) {
        return Optional.empty();
      }
      if (claims.get("nbf") instanceof Number nbf && nbf.longValue() > now) {
        return Optional.empty();
      }
      if (!issuer.equals(claims.get("iss"))) {
        return Optional.empty();
      }
      Object aud = claims.get("aud");
      boolean audienceOk =
          audience.equals(aud)
              || (aud instanceof List<?> l && l.contains(audience))
              || audience.equals(claims.get("client_id"));
      if (!audienceOk) {
        return Optional.empty();
      }
      Map<String, String> flat = new LinkedHashMap<>();
      claims.forEach((k, v) -> flat.put(String.valueOf(k), flatten(v)));
      return Optional.of(flat);
    } catch (GeneralSecurityException | IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }

  private static String flatten(Object value) {
    if (value instanceof List<?> list) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(list.get(i));
      }
      return sb.append(']').toString();
    }
    return String.valueOf(value);
  }

  /** The public key as a JSON Web Key Set, as Cognito serves it. */
  public String jwksJson() {
    RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "RSA");
    jwk.put("alg", "RS256");
    jwk.put("use", "sig");
    jwk.put("kid", keyId);
    jwk.put("n", B64.encodeToString(unsigned(pub.getModulus().toByteArray())));
    jwk.put("e", B64.encodeToString(unsigned(pub.getPublicExponent().toByteArray())));
    try {
      return JSON.writeValueAsString(Map.of("keys", List.of(jwk)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] unsigned(byte[] bytes) {
    if (bytes.length > 1 && bytes[0] == 0) {
      return Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return bytes;
  }
}
