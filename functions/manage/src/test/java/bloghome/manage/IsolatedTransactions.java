package bloghome.manage;

import java.util.concurrent.Semaphore;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Test-only stand-in for the isolation DynamoDB gives transactions and the local moto server
 * does not: moto 5.2.1 applies a transaction item by item and, when one condition fails, restores
 * a copy of the whole table taken when the transaction began, discarding whatever concurrent
 * requests wrote meanwhile. Running this client's transactions one at a time keeps the tests
 * about our races (read, then conditional write) rather than about moto's.
 */
final class IsolatedTransactions implements ExecutionInterceptor {
  private static final Semaphore ONE_AT_A_TIME = new Semaphore(1);
  private static final ThreadLocal<Boolean> HELD = ThreadLocal.withInitial(() -> false);

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (context.request() instanceof TransactWriteItemsRequest) {
      ONE_AT_A_TIME.acquireUninterruptibly();
      HELD.set(true);
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    release();
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    release();
  }

  private static void release() {
    if (HELD.get()) {
      HELD.set(false);
      ONE_AT_A_TIME.release();
    }
  }
}
