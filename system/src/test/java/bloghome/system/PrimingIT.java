package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.local.FunctionConfig;
import bloghome.local.LambdaRuntime;
import bloghome.local.LocalStack;
import bloghome.local.SamTemplate;
import bloghome.table.TableKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * SnapStart on the local runtime: each API function's first request, through AWS's runtime client
 * in a JVM of its own, comes after its priming (which reached the stack before the snapshot) and
 * after a simulated restore that revoked every credential fetched before it, so an answer read from
 * the table proves the restore hooks fetched fresh ones. Priming writes nothing.
 */
class PrimingIT {

  @Test
  void firstRequest_followsPrimingAndARestore_withFreshCredentials_andPrimingWritesNothing() {
    try (RunningSystem system =
        RunningSystem.start(new LocalStack.Config("priming", 0, 0, 0, List.of()))) {
      LocalStack stack = system.stack();
      Http http = new Http(system.apiUrl());
      String token = system.tokens().mint("priming-owner", List.of("vip"), Duration.ofMinutes(10));
      // A GET, or else a write on someone else's resources: refused, so nothing is written.
      Map<String, SamTemplate.HttpRoute> firstRoute =
          stack.template().functions().stream()
              .filter(f -> !f.routes().isEmpty())
              // SnapStart functions only: the others have no priming and no restore.
              .filter(f -> FunctionConfig.of(stack.template(), f).snapStart())
              .collect(
                  Collectors.toMap(
                      SamTemplate.FunctionDef::logicalId,
                      f ->
                          f.routes().stream()
                              .filter(r -> r.method().equals("GET"))
                              .findFirst()
                              .orElse(f.routes().get(0))));

      firstRoute.forEach(
          (function, route) -> {
            String path = route.path().replaceAll("\\{[A-Za-z]+}", "nobody");
            Object body = route.method().equals("GET") ? null : Map.of();
            assertThat(http.send(route.method(), path, token, body).status())
                .as(function + " " + route.method() + " " + path)
                .isBetween(200, 499);
          });

      // The deploy-time migration (a custom resource, run when the stack starts) has its own
      // instances; this test is about the API functions' first requests.
      List<LambdaRuntime.InstanceInfo> instances =
          system.runtime().instances().stream()
              .filter(i -> !i.function().equals("MigrationFunction"))
              .toList();
      assertThat(instances)
          .extracting(LambdaRuntime.InstanceInfo::function)
          .containsExactlyInAnyOrderElementsOf(firstRoute.keySet());
      assertThat(instances)
          .allSatisfy(
              i -> {
                assertThat(i.restores()).as(i.name() + " restores").isEqualTo(1);
                assertThat(i.requestsBeforeSnapshot())
                    .as(i.name() + " AWS requests made by priming")
                    .isPositive();
              });
      String table = stack.physicalName("BlogTable");
      String bucket = stack.physicalName("SkinBucket");
      // Priming writes nothing: the only item is the migration's own state (an empty table's
      // backfill is recorded as done).
      assertThat(stack.dynamoDb().scan(r -> r.tableName(table)).items())
          .allSatisfy(
              item ->
                  assertThat(item.get(TableKeys.PK).s()).startsWith(TableKeys.MIGRATION_PREFIX));
      assertThat(stack.s3().listObjectsV2(r -> r.bucket(bucket)).keyCount()).isZero();
    }
  }
}
