package bloghome.aws;

import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the one DynamoDB client an execution environment needs: 3 attempts (standard retry mode),
 * 2 s per attempt, 5 s per call with its retries, well inside the API functions' 10 s.
 */
public final class DynamoDbClients {
  static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private DynamoDbClients() {}

  public static DynamoDbClient fromEnvironment() {
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            .region(AwsSettings.region())
            .credentialsProvider(AwsSettings.credentials())
            .httpClient(AwsSettings.httpClient())
            .overrideConfiguration(AwsSettings.overrides(ATTEMPT_TIMEOUT, CALL_TIMEOUT));
    AwsSettings.endpointOverride("DYNAMODB").ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
