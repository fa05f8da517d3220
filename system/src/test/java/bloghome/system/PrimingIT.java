package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.http.ApiHandler;
import bloghome.local.LocalStack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SnapStart priming of every API function runs against the real stack and writes nothing. */
class PrimingIT {

  @Test
  void prime_exercisesEveryApiFunction_withoutWritingAnything() {
    try (RunningSystem system =
        RunningSystem.start(new LocalStack.Config("priming", 0, 0, 0, List.of()))) {
      LocalStack stack = system.stack();
      String table = stack.physicalName("BlogTable");
      String bucket = stack.physicalName("SkinBucket");
      int primed = 0;

      for (Map.Entry<String, Object> entry : system.handlers().entrySet()) {
        if (!(entry.getValue() instanceof ApiHandler handler)) {
          continue;
        }
        List<Integer> statuses = handler.prime();

        assertThat(statuses)
            .as(entry.getKey() + " priming requests")
            .isNotEmpty()
            .allSatisfy(status -> assertThat(status).isBetween(200, 499));
        assertThat(stack.dynamoDb().scan(r -> r.tableName(table)).count())
            .as(entry.getKey() + " items written")
            .isZero();
        assertThat(stack.s3().listObjectsV2(r -> r.bucket(bucket)).keyCount())
            .as(entry.getKey() + " objects written")
            .isZero();
        primed++;
      }

      assertThat(primed).isEqualTo(6);
    }
  }
}
