package bloghome.stats;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Crashes simulated in the SDK client for the stats store tests (the posts and profiles they need
 * are seeded with the shared {@link bloghome.testing.BlogTable}).
 */
final class StatsFixtures {
  private StatsFixtures() {}

  /**
   * Simulates a crash right after the {@code n}-th write call of a client: DynamoDB has applied the
   * write, but the caller sees an exception and never runs the next step.
   */
  static final class CrashAfterWrite implements ExecutionInterceptor {
    private final int n;
    private final AtomicInteger writes = new AtomicInteger();

    CrashAfterWrite(int n) {
      this.n = n;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      if (isWrite(attributes) && writes.incrementAndGet() == n) {
        throw new SimulatedCrash(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
      }
    }

    int writes() {
      return writes.get();
    }
  }

  static boolean isWrite(ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    return operation.startsWith("Put")
        || operation.startsWith("Update")
        || operation.startsWith("Delete")
        || operation.startsWith("TransactWrite")
        || operation.startsWith("BatchWrite");
  }

  static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash(String afterOperation) {
      super("simulated crash after " + afterOperation);
    }
  }
}
