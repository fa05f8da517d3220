package bloghome.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The fault run at a size that fits CI: 30 s of the mixed workload with 20 % of the DynamoDB and S3
 * requests failing (throttled, 500, delayed or answered-then-lost), then the check of the stored
 * state against what the clients were told. {@code bin/fault-run} runs longer ones.
 */
class FaultRunIT {

  @Test
  void
      underTwentyPercentFaults_noClientSees500_andEveryAcknowledgedWriteIsStoredOnceWithCountersInStep() {
    FaultRun.Report report = FaultRun.run(new FaultRun.Options(0.2, seconds(), 42, 4));

    System.out.println("fault run (FaultRunIT):\n" + report.table());
    assertThat(report.violations()).isEmpty();
    assertThat((Long) report.figures().get("API answers: 200")).isPositive();
    assertThat(report.figures().get("DynamoDB requests throttled")).isNotEqualTo(0L);
  }

  private static int seconds() {
    String value = System.getenv("BLOGHOME_FAULT_RUN_SECONDS");
    return value == null || value.isBlank() ? 30 : Integer.parseInt(value.strip());
  }
}
