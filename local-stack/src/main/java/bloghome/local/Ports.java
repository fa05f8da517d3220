package bloghome.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port helpers. */
public final class Ports {
  private Ports() {}

  public static int free() {
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
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new LocalStackException(
          "Port "
              + port
              + " for "
              + what
              + " is already in use: stop what uses it or choose another port.");
    }
  }
}
