package bloghome.local;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local stack's own SDK clients (to create tables and buckets, read streams and let tests read
 * the stored state): the local credentials and region, straight to the emulators.
 */
final class LocalClients {
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(
          AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY));

  private LocalClients() {}

  static DynamoDbClient dynamoDb(URI endpoint) {
    return DynamoDbClient.builder()
        .region(Region.of(LocalStack.REGION))
        .credentialsProvider(CREDENTIALS)
        .endpointOverride(endpoint)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static DynamoDbStreamsClient streams(URI endpoint) {
    return DynamoDbStreamsClient.builder()
        .region(Region.of(LocalStack.REGION))
        .credentialsProvider(CREDENTIALS)
        .endpointOverride(endpoint)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static S3Client s3(URI endpoint) {
    return S3Client.builder()
        .region(Region.of(LocalStack.REGION))
        .credentialsProvider(CREDENTIALS)
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
