package bloghome.skins.validator;

import static org.assertj.core.api.Assertions.assertThat;

import bloghome.skins.SkinSlot;
import bloghome.skins.validator.image.ByteSource;
import bloghome.skins.validator.image.ImageInspector;
import bloghome.skins.validator.image.RejectionCode;
import bloghome.skins.validator.image.Verdict;
import bloghome.testing.TestImages;
import com.sun.management.ThreadMXBean;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Measures what inspecting the worst accepted images and a decompression bomb costs in memory, for
 * docs/skins.md, and keeps those costs within what a 512 MB function can give.
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
    byte[] png = TestImages.png(image);
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
    byte[] png = TestImages.png(image);
    assertThat((long) png.length)
        .isBetween(SkinSlot.HEADER.maxBytes() - MB, SkinSlot.HEADER.maxBytes());

    Cost cost = measure(SkinSlot.HEADER, png);

    System.out.println("skin memory: header 1920x360 noise PNG (" + png.length + " B): " + cost);
    assertThat(cost.verdict()).isInstanceOf(Verdict.Accepted.class);
    assertThat(cost.peakHeap()).isLessThan(400 * MB);
  }

  @Test
  void aDecompressionBomb_isRefusedFromItsHeader_allocatingAlmostNothing() throws Exception {
    // A 100,000 x 100,000 grey PNG (10 gigapixels) in a few kilobytes.
    byte[] bomb = TestImages.pngBomb(100_000, 100_000);

    Cost cost = measure(SkinSlot.BACKGROUND, bomb);

    System.out.println("skin memory: PNG bomb 100000x100000 (" + bomb.length + " B): " + cost);
    assertThat(cost.verdict())
        .isInstanceOfSatisfying(
            Verdict.Rejected.class, r -> assertThat(r.has(RejectionCode.PIXEL_LIMIT)).isTrue());
    assertThat(cost.allocated()).isLessThan(8 * MB);
  }

  /**
   * The heap the worst accepted image of each format is processed in: each is inspected in a JVM of
   * its own started with {@code -Xmx} at this ceiling and the serial collector (what the JVM picks
   * on a 512 MB Lambda). It leaves half of the 512 MB function to the JVM itself (code, metaspace,
   * threads) and to the native memory of the JPEG codec. (The peaks printed by {@link #measure}
   * vary from run to run with the collector's timing; running under the cap does not.)
   */
  static final long HEAP_CEILING = 256 * MB;

  @Test
  void aSixteenBitRgbaPngOf40Megapixels_isRefusedFromItsHeader_quickly_allocatingAlmostNothing()
      throws Exception {
    // 8000 x 5000 at 16 bits per channel with alpha: a 320 MB raster, in a file of about 311 KB.
    byte[] png = TestImages.flatPng(8000, 5000, 16, 6);
    assertThat((long) png.length).isLessThan(SkinSlot.BACKGROUND.maxBytes());
    assertThat(inspectWithCappedHeap(SkinSlot.BACKGROUND, "image/png", png)).startsWith("REJECTED");

    long started = System.nanoTime();
    Cost cost = measure(SkinSlot.BACKGROUND, png);
    long millis = (System.nanoTime() - started) / 1_000_000;

    System.out.println(
        "skin memory: 16-bit RGBA PNG 8000x5000 ("
            + png.length
            + " B): "
            + cost
            + ", "
            + millis
            + " ms");
    assertThat(cost.verdict())
        .isInstanceOfSatisfying(
            Verdict.Rejected.class,
            r -> assertThat(r.has(RejectionCode.DECODE_TOO_LARGE)).isTrue());
    assertThat(cost.allocated()).isLessThan(8 * MB);
    assertThat(millis).isLessThan(1000);
  }

  @Test
  void theWorstAcceptedPngs_stayUnderTheHeapCeiling() throws Exception {
    // 8 bits with alpha at the pixel cap, and 16 bits with alpha at the decode budget.
    int[][] worst = {
      {8000, 5000, 8, 6}, {5120, 4096, 16, 6}, {8000, 5000, 8, 2}, {5120, 4096, 16, 2}
    };
    for (int[] w : worst) {
      byte[] png = TestImages.flatPng(w[0], w[1], w[2], w[3]);

      Cost cost = measure(SkinSlot.BACKGROUND, png);

      String what = w[0] + "x" + w[1] + " " + w[2] + "-bit colour type " + w[3];
      System.out.println("skin memory: PNG " + what + " (" + png.length + " B): " + cost);
      assertThat(cost.verdict()).as(what).isInstanceOf(Verdict.Accepted.class);
      assertThat(inspectWithCappedHeap(SkinSlot.BACKGROUND, "image/png", png))
          .as(what)
          .isEqualTo("ACCEPTED");
    }
    // One pixel row more than the budget is refused.
    assertThat(measure(SkinSlot.BACKGROUND, TestImages.flatPng(5120, 4097, 16, 6)).verdict())
        .isInstanceOfSatisfying(
            Verdict.Rejected.class,
            r -> assertThat(r.has(RejectionCode.DECODE_TOO_LARGE)).isTrue());
  }

  @Test
  void theWorstAcceptedJpegs_stayUnderTheHeapCeiling() throws Exception {
    // Upright at the pixel cap; turned by EXIF (a second raster) at the decode budget.
    byte[] upright = flatJpeg(8000, 5000, 1);
    byte[] turned = flatJpeg(4096, 6400, 6);

    Cost uprightCost = measure(SkinSlot.HEADER, upright, "image/jpeg");
    Cost turnedCost = measure(SkinSlot.BACKGROUND, turned, "image/jpeg");

    System.out.println(
        "skin memory: JPEG 8000x5000 upright (" + upright.length + " B): " + uprightCost);
    System.out.println(
        "skin memory: JPEG 4096x6400 orientation 6 (" + turned.length + " B): " + turnedCost);
    assertThat(uprightCost.verdict()).isInstanceOf(Verdict.Accepted.class);
    assertThat(turnedCost.verdict()).isInstanceOf(Verdict.Accepted.class);
    assertThat(inspectWithCappedHeap(SkinSlot.HEADER, "image/jpeg", upright)).isEqualTo("ACCEPTED");
    assertThat(inspectWithCappedHeap(SkinSlot.BACKGROUND, "image/jpeg", turned))
        .isEqualTo("ACCEPTED");
  }

  /** The verdict of {@link CappedInspection} run with the heap capped at {@link #HEAP_CEILING}. */
  private static String inspectWithCappedHeap(SkinSlot slot, String contentType, byte[] bytes)
      throws Exception {
    Path file = Files.createTempFile("skin-memory", ".img");
    try {
      Files.write(file, bytes);
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx" + HEAP_CEILING / MB + "m",
                  "-XX:+UseSerialGC",
                  "-cp",
                  System.getProperty("java.class.path"),
                  CappedInspection.class.getName(),
                  slot.name(),
                  contentType,
                  file.toString())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      String[] lines = output.strip().split("\n");
      return lines[lines.length - 1];
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** A JPEG of one flat colour; with an EXIF orientation unless {@code orientation} is 1. */
  private static byte[] flatJpeg(int width, int height, int orientation) {
    byte[] jpeg = TestImages.jpeg(new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR));
    return orientation == 1
        ? jpeg
        : TestImages.withExifOrientation(jpeg, orientation, ByteOrder.BIG_ENDIAN);
  }

  private Cost measure(SkinSlot slot, byte[] bytes) throws Exception {
    return measure(slot, bytes, "image/png");
  }

  private Cost measure(SkinSlot slot, byte[] bytes, String contentType) throws Exception {
    var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().threadId();
    ByteSource source = ByteSource.of(bytes);
    // Warm up class loading and ImageIO's registry so that they are not counted.
    inspector.inspect(slot, "image/png", 1, ByteSource.of(new byte[] {1}));
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    long before = threads.getThreadAllocatedBytes(thread);
    Verdict verdict = inspector.inspect(slot, contentType, bytes.length, source);
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return new Cost(allocated, peak, verdict);
  }
}
