package bloghome.auth;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.LocalJwt;
import bloghome.local.junit.LocalAws;
import bloghome.local.junit.LocalAwsExtension;
import bloghome.local.junit.TestGateway;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Against the local gateway's issuer, which serves its JWKS as Cognito does. */
@ExtendWith(LocalAwsExtension.class)
class JwksTokenVerifierIT {
  private TestGateway gateway;
  private JwksTokenVerifier verifier;

  @BeforeEach
  void start(LocalAws aws) {
    gateway = aws.gateway(Map.of());
    verifier =
        new JwksTokenVerifier(
            gateway.jwt().issuer(),
            gateway.jwt().audience(),
            HttpClient.newHttpClient(),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  @Test
  void verifyBearer_returnsTheCaller_forAValidToken() {
    String token = gateway.token("alice", "vip");

    assertThat(verifier.verifyBearer("Bearer " + token))
        .hasValueSatisfying(
            caller -> {
              assertThat(caller.userId()).isEqualTo("alice");
              assertThat(caller.isVip()).isTrue();
            });
    assertThat(verifier.verifyBearer("bearer  " + token)).isPresent();
  }

  @Test
  void verify_acceptsAnAccessToken_whoseClientIdIsTheAudience() {
    long now = Instant.now().getEpochSecond();
    String access =
        gateway
            .jwt()
            .sign(
                Map.of(
                    "sub",
                    "bob",
                    "iss",
                    gateway.jwt().issuer(),
                    "client_id",
                    gateway.jwt().audience(),
                    "token_use",
                    "access",
                    "exp",
                    now + 60));

    assertThat(verifier.verify(access)).map(Caller::userId).hasValue("bob");
  }

  @Test
  void verify_treatsEveryBadTokenAsAnonymous() {
    LocalJwt jwt = gateway.jwt();
    long now = Instant.now().getEpochSecond();
    String good = gateway.token("alice");
    String[] parts = good.split("\\.");
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String noneAlg =
        b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "." + parts[1] + ".";
    String otherIssuerKey =
        new LocalJwt(jwt.issuer(), jwt.audience(), Clock.systemUTC())
            .mint("alice", List.of(), Duration.ofMinutes(5));

    Map<String, String> bad = new LinkedHashMap<>();
    bad.put(
        "expired",
        jwt.sign(Map.of("sub", "a", "iss", jwt.issuer(), "aud", jwt.audience(), "exp", now - 5)));
    bad.put(
        "not yet valid",
        jwt.sign(
            Map.of(
                "sub",
                "a",
                "iss",
                jwt.issuer(),
                "aud",
                jwt.audience(),
                "exp",
                now + 60,
                "nbf",
                now + 600)));
    bad.put("no exp", jwt.sign(Map.of("sub", "a", "iss", jwt.issuer(), "aud", jwt.audience())));
    bad.put(
        "wrong issuer",
        jwt.sign(
            Map.of(
                "sub",
                "a",
                "iss",
                "https://evil.example",
                "aud",
                jwt.audience(),
                "exp",
                now + 60)));
    bad.put(
        "wrong audience",
        jwt.sign(Map.of("sub", "a", "iss", jwt.issuer(), "aud", "other-client", "exp", now + 60)));
    bad.put(
        "no sub", jwt.sign(Map.of("iss", jwt.issuer(), "aud", jwt.audience(), "exp", now + 60)));
    bad.put(
        "tampered payload",
        parts[0] + "." + b64.encodeToString("{\"sub\":\"mallory\"}".getBytes()) + "." + parts[2]);
    bad.put("alg none", noneAlg);
    bad.put("unknown key", otherIssuerKey);
    bad.put("garbage", "not.a.jwt");
    bad.put("two parts", parts[0] + "." + parts[1]);
    bad.put("empty", "");
    bad.put("huge", "a".repeat(20_000));
    bad.put("bad base64", "%%%." + parts[1] + "." + parts[2]);

    bad.forEach((why, token) -> assertThat(verifier.verify(token)).as(why).isEmpty());
    assertThat(verifier.verifyBearer(null)).isEmpty();
    assertThat(verifier.verifyBearer("Basic dXNlcjpwYXNz")).isEmpty();
  }

  @Test
  void verify_isAnonymous_notAnError_whenTheJwksCannotBeFetched() {
    JwksTokenVerifier unreachable =
        new JwksTokenVerifier(
            "http://127.0.0.1:9/_local/issuer",
            gateway.jwt().audience(),
            HttpClient.newHttpClient(),
            Clock.systemUTC());

    assertThat(unreachable.verifyBearer("Bearer " + gateway.token("alice"))).isEmpty();
  }

  @Test
  void create_readsTheJwksItself_andVerifiesAsWithAClientOfItsOwn() {
    JwksTokenVerifier fromEnvironment =
        JwksTokenVerifier.create(gateway.jwt().issuer(), gateway.jwt().audience());

    assertThat(fromEnvironment.verifyBearer("Bearer " + gateway.token("alice", "vip")))
        .hasValueSatisfying(caller -> assertThat(caller.userId()).isEqualTo("alice"));
    assertThat(
            JwksTokenVerifier.create("http://127.0.0.1:9/_local/issuer", gateway.jwt().audience())
                .verifyBearer("Bearer " + gateway.token("alice")))
        .isEmpty();
  }
}
