package bloghome.skins.validator;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.skins.SkinSlot;
import bloghome.skins.validator.image.ByteSource;
import bloghome.skins.validator.image.ImageInspector;
import bloghome.skins.validator.image.RejectionCode;
import bloghome.skins.validator.image.Verdict;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Measures what inspecting the worst accepted images and a decompression bomb costs in memory,
 * for docs/skins.md, and keeps those costs within what a 512 MB function can give.
 */
class InspectionMemoryTest {
  private static final long MB = 1024 * 1024;
  private final ImageInspector inspector = new ImageInspector();

  /** Bytes allocated and peak heap in use while inspecting. */
  record Cost(long allocated, long peakHeap, Verdict verdict) {
    @Override
    public String toString() {
      return "allocated " + allocated / MB + " MB, peak heap " + peakHeap / MB + " MB";
    }
  }

  @Test
  void aBackgroundAtThePixelCap_isAccepted_withinTheFunctionsMemory() throws Exception {
    // 8000 x 5000 = the 40 MP cap, in few colours so that it fits the 1 MiB background limit
    BufferedImage image = new BufferedImage(8000, 5000, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 5000; y++) {
      int rgb = (y / 50) % 2 == 0 ? 0x336699 : 0xEEDDCC;
      for (int x = 0; x < 8000; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    byte[] png = encode(image);
    image = null;
    assertThat((long) png.length).isLessThanOrEqualTo(SkinSlot.BACKGROUND.maxBytes());

    Cost cost = measure(SkinSlot.BACKGROUND, png);

    System.out.println("skin memory: background 8000x5000 PNG (" + png.length + " B): " + cost);
    assertThat(cost.verdict()).isInstanceOf(Verdict.Accepted.class);
    assertThat(cost.peakHeap()).isLessThan(400 * MB);
  }

  @Test
  void aTwoMiBHeaderOfNoise_isAccepted_withinTheFunctionsMemory() throws Exception {
    Random random = new Random(7);
    BufferedImage image = new BufferedImage(1920, 360, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 360; y++) {
      for (int x = 0; x < 1920; x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    byte[] png = encode(image);
    assertThat((long) png.length).isBetween(SkinSlot.HEADER.maxBytes() - MB, SkinSlot.HEADER.maxBytes());

    Cost cost = measure(SkinSlot.HEADER, png);

    System.out.println("skin memory: header 1920x360 noise PNG (" + png.length + " B): " + cost);
    assertThat(cost.verdict()).isInstanceOf(Verdict.Accepted.class);
    assertThat(cost.peakHeap()).isLessThan(400 * MB);
  }

  @Test
  void aDecompressionBomb_isRefusedFromItsHeader_allocatingAlmostNothing() throws Exception {
    // A 100,000 x 100,000 grey PNG (10 gigapixels) in a few kilobytes.
    byte[] bomb = pngBomb(100_000, 100_000);

    Cost cost = measure(SkinSlot.BACKGROUND, bomb);

    System.out.println("skin memory: PNG bomb 100000x100000 (" + bomb.length + " B): " + cost);
    assertThat(cost.verdict())
        .isInstanceOfSatisfying(
            Verdict.Rejected.class, r -> assertThat(r.has(RejectionCode.PIXEL_LIMIT)).isTrue());
    assertThat(cost.allocated()).isLessThan(8 * MB);
  }

  private Cost measure(SkinSlot slot, byte[] bytes) throws Exception {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().threadId();
    ByteSource source = ByteSource.of(bytes);
    // Warm up class loading and ImageIO's registry so that they are not counted.
    inspector.inspect(slot, "image/png", 1, ByteSource.of(new byte[] {1}));
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long before = threads.getThreadAllocatedBytes(thread);
    Verdict verdict = inspector.inspect(slot, "image/png", bytes.length, source);
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return new Cost(allocated, peak, verdict);
  }

  private static byte[] encode(BufferedImage image) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static byte[] pngBomb(int width, int height) {
    ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height);
    header.put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(new byte[4 * 1024 * 1024]);
    deflater.finish();
    byte[] buffer = new byte[64 * 1024];
    int compressed = deflater.deflate(buffer);
    deflater.end();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    out.writeBytes(chunk("IHDR", header.array()));
    out.writeBytes(chunk("IDAT", java.util.Arrays.copyOf(buffer, compressed)));
    out.writeBytes(chunk("IEND", new byte[0]));
    return out.toByteArray();
  }

  private static byte[] chunk(String type, byte[] data) {
    byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    return ByteBuffer.allocate(12 + data.length)
        .putInt(data.length)
        .put(typeBytes)
        .put(data)
        .putInt((int) crc.getValue())
        .array();
  }
}
