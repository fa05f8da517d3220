package bloghome.bench;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Sees every SDK call made in this JVM, including those of the handlers' own clients: the SDK loads
 * it for every client from {@code software/amazon/awssdk/global/handlers/execution.interceptors}.
 * It records only on a thread that asked for it (the SDK's sync clients run on the caller's
 * thread), so the local stack's own calls and other threads pass untouched.
 */
public final class SdkRecorder implements ExecutionInterceptor {

  /** What one thread's SDK calls were, between {@link #start} and {@link #stop}. */
  static final class Recording {
    final List<SdkRequest> requests = new ArrayList<>();
    long getObjectBytes;

    List<String> operations() {
      return requests.stream()
          .map(r -> r.getClass().getSimpleName().replaceFirst("Request$", ""))
          .toList();
    }
  }

  private static final ThreadLocal<Recording> CURRENT = new ThreadLocal<>();

  static Recording start() {
    Recording recording = new Recording();
    CURRENT.set(recording);
    return recording;
  }

  static void stop() {
    CURRENT.remove();
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    Recording recording = CURRENT.get();
    if (recording != null) {
      recording.requests.add(context.request());
    }
  }

  @Override
  public void afterUnmarshalling(
      Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
    Recording recording = CURRENT.get();
    if (recording != null
        && context.response() instanceof GetObjectResponse response
        && response.contentLength() != null) {
      recording.getObjectBytes += response.contentLength();
    }
  }
}
