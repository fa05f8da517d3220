package bloghome.local;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** moto and S3Proxy on this machine: no Docker, no AWS account. */
public final class EmbeddedTarget implements AwsTarget {
  private final MotoServer moto;
  private final LocalS3 s3;
  private final S3Notifications notifications;

  private EmbeddedTarget(MotoServer moto, LocalS3 s3, S3Notifications notifications) {
    this.moto = moto;
    this.s3 = s3;
    this.notifications = notifications;
  }

  public static EmbeddedTarget start() {
    MotoServer moto = MotoServer.start(0);
    S3Notifications notifications = new S3Notifications(LocalStack.REGION);
    try {
      return new EmbeddedTarget(moto, LocalS3.start(0, notifications, List.of()), notifications);
    } catch (RuntimeException e) {
      moto.close();
      throw e;
    }
  }

  @Override
  public URI dynamoDbEndpoint() {
    return moto.endpoint();
  }

  @Override
  public URI s3Endpoint() {
    return s3.endpoint();
  }

  @Override
  public String accessKey() {
    return LocalS3.ACCESS_KEY;
  }

  @Override
  public String secretKey() {
    return LocalS3.SECRET_KEY;
  }

  @Override
  public Optional<S3Notifications> notifications() {
    return Optional.of(notifications);
  }

  @Override
  public void close() {
    notifications.close();
    s3.close();
    moto.close();
  }
}
