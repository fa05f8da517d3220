package bloghome.system;

import bloghome.local.LocalStack;
import bloghome.local.LocalStackException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/run-local}: the whole system on this machine, until Ctrl-C or SIGTERM, which stop
 * the gateway, S3Proxy and the moto process.
 */
public final class LocalMain {
  private LocalMain() {}

  public static void main(String[] args) throws InterruptedException {
    RunningSystem system;
    try {
      system = RunningSystem.start(LocalStack.Config.fromEnvironment());
    } catch (LocalStackException e) {
      System.err.println("bloghome local stack: " + e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("bloghome local stack: stopping");
      system.close();
      stopped.countDown();
    }, "local-stack-stop"));

    LocalStack stack = system.stack();
    StringBuilder resources = new StringBuilder();
    for (String type : List.of("AWS::DynamoDB::Table", "AWS::S3::Bucket")) {
      for (String id : stack.template().resourcesOfType(type).keySet()) {
        resources.append(id).append('=').append(stack.physicalName(id)).append("  ");
      }
    }
    String alice = system.tokens().mint("alice", List.of("vip"), Duration.ofHours(12));
    System.out.println("""
        bloghome local stack is up (Ctrl-C stops it and everything it started)
          API (routes of template.yaml)   %s
          S3 (S3Proxy)                    %s   (access key local, secret local-secret, path-style)
          DynamoDB (moto)                 %s
          resources                       %s
          functions                       %s

        A token for alice (VIP), valid 12 hours:
          export TOKEN=%s
        Mint one for anyone: bin/token bob  |  bin/token carol --vip
        """.formatted(system.apiUrl(), stack.s3Endpoint(), stack.dynamoDbEndpoint(), resources.toString().strip(),
        String.join(", ", system.handlers().keySet()), alice));
    if (stack.dynamoDbFaults().isPresent()) {
      System.out.println("  Fault injection is ON (BLOGHOME_FAULTS): the S3 and DynamoDB endpoints above are the fault"
          + " proxies. Failed validations: GET /_local/failures; replay: bin/replay-failed-validations --local");
    }
    stopped.await();
  }
}
