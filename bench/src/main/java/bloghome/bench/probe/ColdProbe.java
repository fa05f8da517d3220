package bloghome.bench.probe;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * One cold-start sample, run in a fresh JVM whose class path is a function's jar plus this probe.
 *
 * <p>Arguments: the handler class, the event file, and the statuses that count as handled ({@code
 * 2xx}, or for instance {@code 2xx,404} where the benchmark has no data to seed). It builds the
 * handler with its production no-argument constructor (configured by the environment variables the
 * parent set), invokes it once, and prints one line: {@code PROBE ok=<bool> status=<n>
 * respondedAtNanos=<t> classes=<n> cpuNanos=<n>}. The parent measures from just before it started
 * this process to {@code respondedAtNanos}: on Linux {@code System.nanoTime} is the system-wide
 * monotonic clock, so the two processes' readings compare.
 */
public final class ColdProbe {
  private ColdProbe() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: ColdProbe <handler class> <event file> <accepted statuses>");
      System.exit(64);
    }
    Map<String, Object> json = Events.read(Path.of(args[1]));
    Object handler = Class.forName(args[0]).getConstructor().newInstance();
    @SuppressWarnings("unchecked")
    RequestHandler<Object, Object> typed = (RequestHandler<Object, Object>) handler;
    Object event = Events.isS3(json) ? Events.s3(json) : Events.http(json);
    Object response = typed.handleRequest(event, new ProbeContext());
    long respondedAt = System.nanoTime();

    int status = response instanceof APIGatewayV2HTTPResponse r ? r.getStatusCode() : 0;
    // An S3-triggered function answers by returning normally; an API function by its status.
    boolean ok = !(response instanceof APIGatewayV2HTTPResponse) || accepted(args[2], status);
    int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    // CPU time of the whole process (every thread: JIT, GC, the handler) up to about now: less
    // sensitive than the wall clock to other work on a shared machine.
    long cpu =
        ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
            ? os.getProcessCpuTime()
            : -1;
    System.out.println(
        "PROBE ok="
            + ok
            + " status="
            + status
            + " respondedAtNanos="
            + respondedAt
            + " classes="
            + classes
            + " cpuNanos="
            + cpu);
    System.exit(ok ? 0 : 3);
  }

  /** Whether {@code status} is in a list such as {@code 2xx,404}. */
  static boolean accepted(String list, int status) {
    for (String item : list.split(",")) {
      String s = item.strip();
      if (s.endsWith("xx") && s.length() == 3 && status / 100 == s.charAt(0) - '0') {
        return true;
      }
      if (s.equals(Integer.toString(status))) {
        return true;
      }
    }
    return false;
  }

  /** The few context fields handlers read: request id and function name. */
  private static final class ProbeContext implements Context {
    private final String name = System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "probe");

    @Override
    public String getAwsRequestId() {
      return "cold-start-probe";
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/" + name;
    }

    @Override
    public String getLogStreamName() {
      return "probe";
    }

    @Override
    public String getFunctionName() {
      return name;
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:us-east-1:000000000000:function:" + name;
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 10_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          System.err.print(message);
        }

        @Override
        public void log(byte[] message) {
          System.err.print(new String(message, StandardCharsets.UTF_8));
        }
      };
    }
  }
}
