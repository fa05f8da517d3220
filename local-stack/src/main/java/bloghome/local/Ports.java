package bloghome.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringTokenizer;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback port helpers. */
public final class Ports {
  /** Where Linux keeps the range it takes ports from for bind(0) and outgoing connections. */
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  /** Linux's default ephemeral range, when the file cannot be read. */
  static final int[] DEFAULT_EPHEMERAL = {32768, 60999};

  /** The lowest port {@link #free()} picks: above the well-known and most registered ones. */
  static final int LOWEST = 10000;

  private Ports() {}

  /**
   * A free loopback port for a server whose address must be known before it is started (the
   * gateway's URL goes into the functions' environment first).
   *
   * <p>Picked below the kernel's ephemeral range, not with bind(0): a port that bind(0) handed out
   * and that was then released is often the very one the next bind(0) or outgoing connection gets,
   * and the stack binds a dozen servers (moto, S3Proxy, proxies, runtime APIs) and opens many
   * connections before the gateway binds. A port outside that range is never handed out that way.
   */
  public static int free() {
    int[] ephemeral = ephemeralRange();
    int high = ephemeral[0] - 1;
    if (high - LOWEST >= 1000) {
      for (int attempt = 0; attempt < 64; attempt++) {
        int port = ThreadLocalRandom.current().nextInt(LOWEST, high + 1);
        if (bindable(port)) {
          return port;
        }
      }
    }
    return anyEphemeral();
  }

  /** The kernel's ephemeral port range, or Linux's default where it cannot be read. */
  static int[] ephemeralRange() {
    try {
      StringTokenizer tokens = new StringTokenizer(Files.readString(EPHEMERAL_RANGE));
      return new int[] {Integer.parseInt(tokens.nextToken()), Integer.parseInt(tokens.nextToken())};
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL.clone();
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int anyEphemeral() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new LocalStackException("Could not find a free local port: " + e.getMessage(), e);
    }
  }

  /** Fails with one clear line when a configured port is taken. */
  public static void requireFree(int port, String what) {
    if (port == 0) {
      return;
    }
    if (!bindable(port)) {
      throw new LocalStackException(
          "Port "
              + port
              + " for "
              + what
              + " is already in use: stop what uses it or choose another port.");
    }
  }
}
