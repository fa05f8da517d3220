package bloghome.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  void free_isBelowTheEphemeralRange_soNoBindToPortZeroOrOutgoingConnectionTakesIt()
      throws IOException {
    int[] ephemeral = Ports.ephemeralRange();

    for (int i = 0; i < 20; i++) {
      int port = Ports.free();

      assertThat(port).isBetween(Ports.LOWEST, ephemeral[0] - 1);
      // Free: a server binds it.
      try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(server.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void free_thenManyBindsToPortZero_neverHandsOutTheSamePort() throws IOException {
    int port = Ports.free();

    for (int i = 0; i < 200; i++) {
      try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        assertThat(other.getLocalPort()).isNotEqualTo(port);
      }
    }
  }

  @Test
  void ephemeralRange_isReadAsTwoPorts() {
    int[] range = Ports.ephemeralRange();

    assertThat(range).hasSize(2);
    assertThat(range[0]).isPositive().isLessThan(range[1]);
  }
}
