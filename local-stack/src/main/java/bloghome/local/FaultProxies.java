package bloghome.local;

import java.net.URI;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The fault proxies the local stack puts in front of DynamoDB and S3 for the functions when a run
 * asks for faults (the stack's own clients, which create tables and let tests read the stored
 * state, stay direct). Absent proxies mean the functions talk to the emulators themselves.
 */
final class FaultProxies implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(FaultProxies.class.getName());

  private final FaultProxy dynamoDb;
  private final FaultProxy s3;

  private FaultProxies(FaultProxy dynamoDb, FaultProxy s3) {
    this.dynamoDb = dynamoDb;
    this.s3 = s3;
  }

  static FaultProxies none() {
    return new FaultProxies(null, null);
  }

  static FaultProxies start(FaultPlan plan, URI dynamoDbBackend, URI s3Backend) {
    FaultProxy dynamoDb =
        FaultProxy.start(
            FaultProxy.Service.DYNAMODB, dynamoDbBackend, plan.dynamoDb(), plan.seed());
    FaultProxy s3;
    try {
      s3 = FaultProxy.start(FaultProxy.Service.S3, s3Backend, plan.s3(), plan.seed() * 31 + 7);
    } catch (RuntimeException e) {
      dynamoDb.close();
      throw e;
    }
    LOG.info(
        "Fault injection on: DynamoDB "
            + plan.dynamoDb()
            + ", S3 "
            + plan.s3()
            + ", seed "
            + plan.seed());
    return new FaultProxies(dynamoDb, s3);
  }

  Optional<FaultProxy> dynamoDb() {
    return Optional.ofNullable(dynamoDb);
  }

  Optional<FaultProxy> s3() {
    return Optional.ofNullable(s3);
  }

  /** The endpoint the functions use for DynamoDB: the proxy's, or the backend's without one. */
  URI dynamoDbEndpoint(URI backend) {
    return dynamoDb == null ? backend : dynamoDb.endpoint();
  }

  URI s3Endpoint(URI backend) {
    return s3 == null ? backend : s3.endpoint();
  }

  @Override
  public void close() {
    if (dynamoDb != null) {
      dynamoDb.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }
}
