package bloghome.system;

import bloghome.local.LambdaRuntime;
import bloghome.local.LocalStack;
import bloghome.local.LocalStackException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bin/run-local}: the whole system on this machine, until Ctrl-C or SIGTERM, which stop the
 * gateway, S3Proxy and the moto process. Unless given {@code --no-seed} (or {@code
 * BLOGHOME_SEED=0}), it seeds the demo blog ({@link DemoBlog}) in the background once the API is
 * up, so start-up is not slower for it.
 */
public final class LocalMain {
  private LocalMain() {}

  public static void main(String[] args) throws InterruptedException {
    boolean seed = !"0".equals(System.getenv("BLOGHOME_SEED"));
    for (String arg : args) {
      if (arg.equals("--no-seed")) {
        seed = false;
      } else {
        System.err.println("bloghome local stack: unknown option " + arg + " (options: --no-seed)");
        System.exit(2);
        return;
      }
    }
    RunningSystem system;
    try {
      system = RunningSystem.start(LocalStack.Config.fromEnvironment());
    } catch (LocalStackException e) {
      System.err.println("bloghome local stack: " + e.getMessage());
      System.exit(2);
      return;
    }
    // Scheduled posts appear at their time: the due schedules are fired every second.
    system.schedules().pollEvery(1);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean stopping = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopping.set(true);
                  System.out.println("bloghome local stack: stopping");
                  system.close();
                  stopped.countDown();
                },
                "local-stack-stop"));

    LocalStack stack = system.stack();
    StringBuilder resources = new StringBuilder();
    for (String type : List.of("AWS::DynamoDB::Table", "AWS::S3::Bucket")) {
      for (String id : stack.template().resourcesOfType(type).keySet()) {
        resources.append(id).append('=').append(stack.physicalName(id)).append("  ");
      }
    }
    String alice = system.tokens().mint("alice", List.of("vip"), Duration.ofHours(12));
    System.out.println(
        (seed
                ? "Demo blog: "
                    + DemoBlog.homePage(system.apiUrl())
                    + "   (seeding in the background)"
                : "Home pages: " + system.apiUrl() + "/u/<userId>   (no demo blog: --no-seed)")
            + """

        bloghome local stack is up (Ctrl-C stops it and everything it started)
          API (routes of template.yaml)   %s
          S3 (S3Proxy)                    %s   (path-style)
          DynamoDB (moto)                 %s
            both check SigV4: AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s
          resources                       %s
          functions                       %s
            each in JVMs of its own (started at first use, up to %d per function) from its jar
            through AWS's Lambda runtime client

        A token for alice (VIP), valid 12 hours:
          export TOKEN=%s
        Mint one for anyone: bin/token bob  |  bin/token carol --vip
        Sign in from a browser: %s/sign-in  (hosted sign-in: %s, docs/sign-in.md)
        """
                .formatted(
                    system.apiUrl(),
                    stack.s3Endpoint(),
                    stack.dynamoDbEndpoint(),
                    stack.credentials().operatorKey().accessKeyId(),
                    stack.credentials().operatorKey().secretAccessKey(),
                    resources.toString().strip(),
                    String.join(", ", system.runtime().functions()),
                    LambdaRuntime.maxInstancesFromEnvironment(),
                    alice,
                    system.apiUrl(),
                    system.hostedUi().url()));
    if (stack.dynamoDbFaults().isPresent()) {
      System.out.println(
          "  Fault injection is ON (BLOGHOME_FAULTS): the S3 and DynamoDB endpoints above are the fault"
              + " proxies. Failed validations: GET /_local/failures; replay: bin/replay-failed-validations --local");
    }
    if (seed) {
      Thread.ofPlatform().daemon().name("demo-blog-seed").start(() -> seedDemo(system, stopping));
    }
    stopped.await();
  }

  private static void seedDemo(RunningSystem system, AtomicBoolean stopping) {
    try {
      DemoBlog.Seeded seeded =
          new DemoBlog(system.apiUrl(), system.tokens(), Clock.systemUTC()).seed();
      System.out.println(
          "Demo blog ready: "
              + DemoBlog.homePage(system.apiUrl())
              + "  ("
              + seeded.describe()
              + ")");
    } catch (RuntimeException e) {
      if (!stopping.get()) {
        System.err.println("Demo blog: seeding failed: " + e.getMessage());
      }
    }
  }
}
