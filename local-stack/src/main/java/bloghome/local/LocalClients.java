package bloghome.local;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * The local stack's own SDK clients (to create tables and buckets, read streams and let tests read
 * the stored state): the operator's credentials and the region, straight to the emulators (past the
 * authentication and fault proxies the functions go through).
 */
final class LocalClients {
  private LocalClients() {}

  static DynamoDbClient dynamoDb(URI endpoint, AwsCredentialsProvider credentials) {
    return DynamoDbClient.builder()
        .region(Region.of(LocalStack.REGION))
        .credentialsProvider(credentials)
        .endpointOverride(endpoint)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static DynamoDbStreamsClient streams(URI endpoint, AwsCredentialsProvider credentials) {
    return DynamoDbStreamsClient.builder()
        .region(Region.of(LocalStack.REGION))
        .credentialsProvider(credentials)
        .endpointOverride(endpoint)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static SchedulerClient scheduler(URI endpoint, AwsCredentialsProvider credentials) {
    return SchedulerClient.builder()
        .region(Region.of(LocalStack.REGION))
        .credentialsProvider(credentials)
        .endpointOverride(endpoint)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static S3Client s3(URI endpoint, AwsCredentialsProvider credentials) {
    return S3Client.builder()
        .region(Region.of(LocalStack.REGION))
        .credentialsProvider(credentials)
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
