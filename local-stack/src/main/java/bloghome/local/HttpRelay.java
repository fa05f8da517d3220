package bloghome.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fault proxy's HTTP/1.1 relay: sends a request to the backend byte for byte on a fresh
 * connection, with the {@code Host} the client used (so SigV4 and presigned URLs still verify),
 * reads the whole answer (chunked or not), and writes an answer back to the client.
 */
final class HttpRelay {
  /** A whole answer, from the backend or made up by the proxy. */
  record Answer(int status, List<String[]> headers, byte[] body) {}

  private static final List<String> HOP_BY_HOP =
      List.of(
          "connection",
          "keep-alive",
          "transfer-encoding",
          "content-length",
          "expect",
          "upgrade",
          "te",
          "trailer");

  private HttpRelay() {}

  /** Sends the request to the backend on a fresh connection and reads the whole answer. */
  static Answer forward(HttpExchange exchange, byte[] body, URI backend) throws IOException {
    return forward(exchange, body, backend, List.of());
  }

  /** The same, without the headers named (lower case) in {@code dropped}. */
  static Answer forward(HttpExchange exchange, byte[] body, URI backend, List<String> dropped)
      throws IOException {
    StringBuilder head = new StringBuilder();
    head.append(exchange.getRequestMethod())
        .append(' ')
        .append(exchange.getRequestURI().getRawPath());
    if (exchange.getRequestURI().getRawQuery() != null) {
      head.append('?').append(exchange.getRequestURI().getRawQuery());
    }
    head.append(" HTTP/1.1\r\n");
    String host = exchange.getRequestHeaders().getFirst("Host");
    head.append("Host: ").append(host == null ? backend.getAuthority() : host).append("\r\n");
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (!lower.equals("host")
                  && !HOP_BY_HOP.contains(lower)
                  && !dropped.contains(lower)) {
                for (String v : values) {
                  head.append(name).append(": ").append(v).append("\r\n");
                }
              }
            });
    if (body.length > 0
        || !List.of("GET", "HEAD", "DELETE").contains(exchange.getRequestMethod())) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket(backend.getHost(), backend.getPort())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return readAnswer(socket.getInputStream(), exchange.getRequestMethod().equals("HEAD"));
    }
  }

  private static Answer readAnswer(InputStream in, boolean head) throws IOException {
    String statusLine = readLine(in);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2) {
      throw new IOException("bad status line from backend: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    List<String[]> headers = new ArrayList<>();
    boolean chunked = false;
    long length = -1;
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      String name = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
        chunked = true;
      } else if (lower.equals("content-length")) {
        length = Long.parseLong(value);
      }
      headers.add(new String[] {name, value});
    }
    byte[] body;
    if (head || status == 204 || status == 304 || status / 100 == 1) {
      body = new byte[0];
    } else if (chunked) {
      body = readChunked(in);
    } else if (length >= 0) {
      body = in.readNBytes((int) length);
    } else {
      body = in.readAllBytes();
    }
    return new Answer(status, headers, body);
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in);
      int semi = sizeLine.indexOf(';');
      int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
      if (size == 0) {
        while (!readLine(in).isEmpty()) {
          // trailers: none expected
        }
        return out.toByteArray();
      }
      out.write(in.readNBytes(size));
      readLine(in);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.write(c);
      }
    }
    if (c == -1 && line.size() == 0) {
      throw new IOException("backend closed the connection");
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  /** Writes {@code answer} to the client, without the hop-by-hop headers. */
  static void reply(HttpExchange exchange, Answer answer) throws IOException {
    String declaredLength = null;
    for (String[] h : answer.headers()) {
      String lower = h[0].toLowerCase(Locale.ROOT);
      if (lower.equals("content-length")) {
        declaredLength = h[1];
      } else if (!HOP_BY_HOP.contains(lower)) {
        exchange.getResponseHeaders().add(h[0], h[1]);
      }
    }
    boolean head = exchange.getRequestMethod().equals("HEAD");
    if (head || answer.status() == 204 || answer.status() == 304) {
      // No body: keep the length the backend declared (S3 HEAD says the object's size).
      if (declaredLength != null) {
        exchange.getResponseHeaders().set("Content-Length", declaredLength);
      }
      exchange.sendResponseHeaders(answer.status(), -1);
      return;
    }
    exchange.sendResponseHeaders(
        answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
    if (answer.body().length > 0) {
      exchange.getResponseBody().write(answer.body());
    }
  }
}
