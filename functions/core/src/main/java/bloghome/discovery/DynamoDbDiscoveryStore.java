package bloghome.discovery;

import bloghome.table.DiscoveryItems;
import bloghome.table.DiscoveryItems.Blogs;
import bloghome.table.DiscoveryItems.CategoryList;
import bloghome.table.DiscoveryItems.Kind;
import bloghome.table.DiscoveryItems.Order;
import bloghome.table.DiscoveryItems.Page;
import bloghome.table.DiscoveryItems.Total;
import bloghome.table.TableAccess;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** {@link DiscoveryStore} on the single table, through the items' owner {@link DiscoveryItems}. */
public final class DynamoDbDiscoveryStore implements DiscoveryStore {
  private final DynamoDbClient dynamo;
  private final DiscoveryItems items;

  public DynamoDbDiscoveryStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.items = new DiscoveryItems(new TableAccess(dynamo, table));
  }

  @Override
  public Page page(
      Kind kind,
      String userId,
      String name,
      Order order,
      int limit,
      Optional<Map<String, String>> after) {
    return items.page(kind, userId, name, order, limit, after);
  }

  @Override
  public int raiseRanks(String postId, Instant publishedAt, BigInteger viewRank) {
    return items.raiseRanks(postId, publishedAt, viewRank);
  }

  @Override
  public List<Total> totals(String userId, Kind kind) {
    return items.totals(userId, kind);
  }

  @Override
  public List<Total> totals(String userId) {
    return items.totals(userId);
  }

  @Override
  public CategoryList categoryList(String userId) {
    return items.categoryList(userId);
  }

  @Override
  public void saveCategoryList(String userId, CategoryList list) {
    TransactWriteItem put = items.saveCategoryList(userId, list);
    dynamo.putItem(r -> r.tableName(put.put().tableName()).item(put.put().item()));
  }

  @Override
  public Blogs blogs(int limit, Optional<String> afterUserId) {
    return items.blogs(limit, afterUserId);
  }
}
