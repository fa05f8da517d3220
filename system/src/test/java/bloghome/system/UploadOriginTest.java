package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.aws.S3Clients;
import bloghome.local.SamTemplate;
import bloghome.skins.S3UploadUrlSigner;
import bloghome.skins.UploadUrlSigner.SignedPut;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The skin editor PUTs to the URL SkinsFunction presigns, and the page's CSP allows exactly the
 * {@code UPLOAD_ORIGIN} the template gives PageFunction ({@code connect-src}): the two must agree
 * in every region, us-east-1 (where the SDK's own choice is the global endpoint) and the China
 * partition (another DNS suffix) included.
 */
class UploadOriginTest {
  private final SamTemplate template = SamTemplate.load();

  @ParameterizedTest
  @CsvSource({
    "us-east-1, amazonaws.com",
    "eu-west-1, amazonaws.com",
    "ap-southeast-2, amazonaws.com",
    "cn-north-1, amazonaws.com.cn"
  })
  void thePresignedUploadUrlsOrigin_isExactlyTheOriginThePagesCspAllows(
      String region, String urlSuffix) {
    Map<String, String> values =
        Map.of(
            "${NamePrefix}",
            "bloghome",
            "${AWS::AccountId}",
            "123456789012",
            "${AWS::Region}",
            region,
            "${AWS::URLSuffix}",
            urlSuffix,
            "${AWS::Partition}",
            urlSuffix.endsWith(".cn") ? "aws-cn" : "aws");
    String bucket = resolve(env("SkinsFunction").get("BUCKET_NAME"), values);
    String allowed = resolve(env("PageFunction").get("UPLOAD_ORIGIN"), values);

    SignedPut put =
        new S3UploadUrlSigner(
                S3Clients.presigner(
                    Region.of(region),
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLE", "example-secret"))),
                bucket)
            .signPut("uploads/alice/header-1", "image/png", 1234, Duration.ofMinutes(5));

    URI url = put.url();
    assertThat(url.getScheme() + "://" + url.getRawAuthority()).isEqualTo(allowed);
    assertThat(allowed).isEqualTo("https://" + bucket + ".s3." + region + "." + urlSuffix);
  }

  private Map<String, Object> env(String function) {
    return SamTemplate.map(
        SamTemplate.map(template.properties(function).get("Environment")).get("Variables"));
  }

  private static String resolve(Object value, Map<String, String> values) {
    String text = String.valueOf(SamTemplate.map(value).getOrDefault("Fn::Sub", value));
    for (Map.Entry<String, String> e : values.entrySet()) {
      text = text.replace(e.getKey(), e.getValue());
    }
    assertThat(text).as("every reference resolved").doesNotContain("${");
    return text;
  }
}
