package bloghome.local;

import java.net.URI;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.PutOptions2;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.http.HttpResponse;
import org.jclouds.http.HttpResponseException;

/**
 * S3Proxy in-process over an in-memory blob store: the local S3-protocol endpoint. It checks
 * request signatures (so a presigned URL with a wrong length gets 403) and reports created objects
 * to {@link S3Notifications}.
 */
public final class LocalS3 implements AutoCloseable {
  public static final String ACCESS_KEY = "local";
  public static final String SECRET_KEY = "local-secret";

  private final S3Proxy proxy;
  private final BlobStore store;

  private LocalS3(S3Proxy proxy, BlobStore store) {
    this.proxy = proxy;
    this.store = store;
  }

  public static LocalS3 start(
      int requestedPort, S3Notifications notifications, List<String> corsOrigins) {
    return start(requestedPort, notifications, corsOrigins, true);
  }

  /**
   * With {@code authenticate} false S3Proxy checks no signature: for a stack that puts an {@link
   * AuthProxy} in front of it.
   */
  public static LocalS3 start(
      int requestedPort,
      S3Notifications notifications,
      List<String> corsOrigins,
      boolean authenticate) {
    Ports.requireFree(requestedPort, "the local S3 (S3Proxy)");
    BlobStoreContext context =
        ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .overrides(new Properties())
            .build(BlobStoreContext.class);
    BlobStore store = new NotifyingBlobStore(context.getBlobStore(), notifications);
    S3Proxy.Builder builder =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:" + requestedPort));
    if (authenticate) {
      builder.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY);
    } else {
      builder.awsAuthentication(AuthenticationType.NONE, null, null);
    }
    if (!corsOrigins.isEmpty()) {
      builder.corsRules(
          new CrossOriginResourceSharing(
              corsOrigins, List.of("GET", "PUT", "HEAD"), List.of("*"), List.of("ETag"), "false"));
    }
    S3Proxy proxy = builder.build();
    try {
      proxy.start();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new LocalStackException("S3Proxy did not start within 10 s");
        }
        Thread.sleep(10);
      }
    } catch (LocalStackException e) {
      throw e;
    } catch (Exception e) {
      throw new LocalStackException("S3Proxy failed to start: " + e.getMessage(), e);
    }
    return new LocalS3(proxy, store);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  public BlobStore blobStore() {
    return store;
  }

  public void createBucket(String name) {
    store.createContainerInLocation(null, name);
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      // stopping at shutdown: nothing useful to do
    }
  }

  /** Reports every object creation (SDK PUT, presigned PUT, copy, multipart) after it happened. */
  private static final class NotifyingBlobStore extends ForwardingBlobStore {
    private final S3Notifications notifications;

    NotifyingBlobStore(BlobStore delegate, S3Notifications notifications) {
      super(delegate);
      this.notifications = notifications;
    }

    @Override
    public String putBlob(String container, Blob blob) {
      return putBlob(container, blob, PutOptions.NONE);
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
      String eTag = conditionalPut(container, blob, options);
      Long length = blob.getMetadata().getContentMetadata().getContentLength();
      notifications.objectCreated(
          container,
          blob.getMetadata().getName(),
          length == null ? 0 : length,
          eTag,
          "ObjectCreated:Put");
      return eTag;
    }

    /**
     * S3 decides a conditional PUT ({@code If-Match}, {@code If-None-Match: *}) atomically; S3Proxy
     * checks the stored ETag and then writes, so two racing writers that read the same version
     * could both win. Conditional PUTs are checked again and written under one lock here (a 412 the
     * way S3Proxy answers a jclouds 412).
     */
    private String conditionalPut(String container, Blob blob, PutOptions options) {
      if (!(options instanceof PutOptions2 conditions)
          || conditions.getIfMatch() == null && conditions.getIfNoneMatch() == null) {
        return super.putBlob(container, blob, options);
      }
      synchronized (this) {
        BlobMetadata current = delegate().blobMetadata(container, blob.getMetadata().getName());
        String ifMatch = conditions.getIfMatch();
        String ifNoneMatch = conditions.getIfNoneMatch();
        boolean failed =
            ifMatch != null && (current == null || !sameETag(ifMatch, current.getETag()))
                || ifNoneMatch != null
                    && current != null
                    && (ifNoneMatch.equals("*") || sameETag(ifNoneMatch, current.getETag()));
        if (failed) {
          throw new HttpResponseException(
              "precondition failed", null, HttpResponse.builder().statusCode(412).build());
        }
        return super.putBlob(container, blob, options);
      }
    }

    private static boolean sameETag(String a, String b) {
      return b != null && unquoted(a).equals(unquoted(b));
    }

    private static String unquoted(String eTag) {
      return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
          ? eTag.substring(1, eTag.length() - 1)
          : eTag;
    }

    @Override
    public String copyBlob(
        String fromContainer,
        String fromName,
        String toContainer,
        String toName,
        CopyOptions options) {
      String eTag = super.copyBlob(fromContainer, fromName, toContainer, toName, options);
      BlobMetadata meta = delegate().blobMetadata(toContainer, toName);
      long size = meta == null || meta.getSize() == null ? 0 : meta.getSize();
      notifications.objectCreated(toContainer, toName, size, eTag, "ObjectCreated:Copy");
      return eTag;
    }

    @Override
    public String completeMultipartUpload(MultipartUpload mpu, List<MultipartPart> parts) {
      String eTag = super.completeMultipartUpload(mpu, parts);
      BlobMetadata meta = delegate().blobMetadata(mpu.containerName(), mpu.blobName());
      long size = meta == null || meta.getSize() == null ? 0 : meta.getSize();
      notifications.objectCreated(
          mpu.containerName(), mpu.blobName(), size, eTag, "ObjectCreated:CompleteMultipartUpload");
      return eTag;
    }
  }
}
