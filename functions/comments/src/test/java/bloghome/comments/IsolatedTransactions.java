package bloghome.comments;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Gives the local DynamoDB the transaction isolation real DynamoDB has.
 *
 * <p>moto 5.2.1 runs a transaction by deep-copying the table, applying the operations and, when a
 * condition fails, putting the copy back. With requests in parallel, that restore throws away
 * writes other requests committed meanwhile, and other requests can read a half-applied
 * transaction (checked with 20 threads x 20 transactions, half of them failing on purpose: 200
 * committed, but the counter said 178). So a transaction here runs alone; every other call may
 * run alongside other calls but not alongside a transaction. The handler code under test still
 * runs on many threads at once and interleaves between calls, which is the race that matters.
 */
final class IsolatedTransactions implements DynamoDbClient {
  private final DynamoDbClient delegate;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  IsolatedTransactions(DynamoDbClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
    lock.writeLock().lock();
    try {
      return delegate.transactWriteItems(request);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public GetItemResponse getItem(GetItemRequest request) {
    return shared(() -> delegate.getItem(request));
  }

  @Override
  public QueryResponse query(QueryRequest request) {
    return shared(() -> delegate.query(request));
  }

  @Override
  public PutItemResponse putItem(PutItemRequest request) {
    return shared(() -> delegate.putItem(request));
  }

  @Override
  public UpdateItemResponse updateItem(UpdateItemRequest request) {
    return shared(() -> delegate.updateItem(request));
  }

  @Override
  public DeleteItemResponse deleteItem(DeleteItemRequest request) {
    return shared(() -> delegate.deleteItem(request));
  }

  private <T> T shared(Supplier<T> call) {
    lock.readLock().lock();
    try {
      return call.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public String serviceName() {
    return delegate.serviceName();
  }

  @Override
  public void close() {
    // The shared client belongs to the test extension.
  }
}
