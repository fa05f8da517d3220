package bloghome.local;

import java.net.URI;
import java.util.Optional;

/**
 * Where integration tests find DynamoDB and S3: the embedded local stack (default) or LocalStack in
 * Docker ({@code -Daws.env=localstack}).
 */
public interface AwsTarget extends AutoCloseable {
  URI dynamoDbEndpoint();

  URI s3Endpoint();

  String accessKey();

  String secretKey();

  /** S3 notifications that call in-process handlers; only the embedded stack has them. */
  Optional<S3Notifications> notifications();

  @Override
  void close();
}
