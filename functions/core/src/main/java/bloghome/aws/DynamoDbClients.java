package bloghome.aws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** Builds the one DynamoDB client an execution environment needs. */
public final class DynamoDbClients {
  private DynamoDbClients() {}

  public static DynamoDbClient fromEnvironment() {
    DynamoDbClientBuilder builder =
        DynamoDbClient.builder()
            .region(AwsSettings.region())
            .credentialsProvider(AwsSettings.credentials("DYNAMODB"))
            .httpClient(AwsSettings.httpClient());
    AwsSettings.endpointOverride("DYNAMODB").ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
