package bloghome.skins.validator.image;

import java.io.IOException;

/** A byte source that counts how many bytes the code under test asked for. */
final class CountingByteSource implements ByteSource {

  private final ByteSource bytes;
  private long bytesRead;

  CountingByteSource(byte[] bytes) {
    this.bytes = ByteSource.of(bytes);
  }

  @Override
  public byte[] readPrefix(int n) throws IOException {
    byte[] prefix = bytes.readPrefix(n);
    bytesRead += prefix.length;
    return prefix;
  }

  @Override
  public byte[] readAll() throws IOException {
    byte[] all = bytes.readAll();
    bytesRead += all.length;
    return all;
  }

  long bytesRead() {
    return bytesRead;
  }
}
