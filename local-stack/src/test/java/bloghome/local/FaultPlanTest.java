package bloghome.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

  @Test
  void parse_readsEachServiceItsKindsAndTheSeed() {
    FaultPlan plan =
        FaultPlan.parse(
            "dynamodb:throttle=0.1,error500=0.05,latency=0.05:300ms,lost=0.05; s3:slowdown=0.2;seed=9");

    assertThat(plan.dynamoDb())
        .isEqualTo(new FaultPlan.Rates(0.1, 0.05, 0.05, Duration.ofMillis(300), 0.05));
    assertThat(plan.s3().throttle()).isEqualTo(0.2);
    assertThat(plan.s3().lost()).isZero();
    assertThat(plan.seed()).isEqualTo(9);
    assertThat(plan.proxied()).isTrue();
  }

  @Test
  void all_spreadsTheShareOverTheFourKinds() {
    FaultPlan plan = FaultPlan.parse("all:0.2");

    assertThat(plan.dynamoDb()).isEqualTo(plan.s3());
    assertThat(plan.dynamoDb().throttle()).isCloseTo(0.08, Offset.offset(1e-9));
    assertThat(
            plan.dynamoDb().throttle()
                + plan.dynamoDb().error500()
                + plan.dynamoDb().latency()
                + plan.dynamoDb().lost())
        .isCloseTo(0.2, Offset.offset(1e-9));
  }

  @Test
  void none_isOff_andPutsNoProxyInFront() {
    assertThat(FaultPlan.NONE.any()).isFalse();
    assertThat(FaultPlan.NONE.proxied()).isFalse();
    assertThat(FaultPlan.proxiesOnly(1).proxied()).isTrue();
    assertThat(FaultPlan.proxiesOnly(1).any()).isFalse();
  }

  @Test
  void badSpecs_areRefusedWithTheReason() {
    assertThatThrownBy(() -> FaultPlan.parse("dynamodb:throttle=1.5"))
        .hasMessageContaining("within 0..1");
    assertThatThrownBy(() -> FaultPlan.parse("dynamodb:throttle=0.6,lost=0.6"))
        .hasMessageContaining("more than 1");
    assertThatThrownBy(() -> FaultPlan.parse("sqs:throttle=0.1"))
        .hasMessageContaining("Unknown service");
    assertThatThrownBy(() -> FaultPlan.parse("dynamodb:boom=0.1"))
        .hasMessageContaining("Unknown fault kind");
    assertThatThrownBy(() -> FaultPlan.parse("dynamodb")).hasMessageContaining("service:kind=p");
  }
}
