package bloghome.search.index;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;

/**
 * A committed index as one object: the directory's files one after the other, each as its name,
 * length and bytes, after a format tag. One object per blog keeps every read and save a single S3
 * request, and the save one conditional write (docs/search.md says when to move to per-segment
 * objects).
 */
public final class IndexArchive {
  private static final int FORMAT = 0x42485331; // "BHS1"
  private static final String LOCK = "write.lock";

  private IndexArchive() {}

  public static byte[] pack(Directory directory) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      String[] files = directory.listAll();
      int count = 0;
      for (String file : files) {
        if (!file.equals(LOCK)) {
          count++;
        }
      }
      out.writeInt(FORMAT);
      out.writeInt(count);
      byte[] buffer = new byte[64 * 1024];
      for (String file : files) {
        if (file.equals(LOCK)) {
          continue;
        }
        try (IndexInput in = directory.openInput(file, IOContext.READONCE)) {
          long length = in.length();
          out.writeUTF(file);
          out.writeLong(length);
          long left = length;
          while (left > 0) {
            int n = (int) Math.min(buffer.length, left);
            in.readBytes(buffer, 0, n);
            out.write(buffer, 0, n);
            left -= n;
          }
        }
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the archive's files into an empty directory. */
  public static void unpack(byte[] archive, Directory directory) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(archive))) {
      if (in.readInt() != FORMAT) {
        throw new IllegalArgumentException("not a search index archive");
      }
      int count = in.readInt();
      byte[] buffer = new byte[64 * 1024];
      for (int i = 0; i < count; i++) {
        String file = in.readUTF();
        long left = in.readLong();
        try (IndexOutput out = directory.createOutput(file, IOContext.DEFAULT)) {
          while (left > 0) {
            int n = (int) Math.min(buffer.length, left);
            in.readFully(buffer, 0, n);
            out.writeBytes(buffer, 0, n);
            left -= n;
          }
        }
      }
      directory.sync(Arrays.asList(directory.listAll()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
