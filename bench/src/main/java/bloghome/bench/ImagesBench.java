package bloghome.bench;

import bloghome.images.PostImageRules;
import bloghome.images.validator.PostImageValidator;
import bloghome.skins.validator.image.ByteSource;
import bloghome.skins.validator.image.ImageInspector;
import bloghome.skins.validator.image.ResizedCopies;
import bloghome.skins.validator.image.Verdict;
import bloghome.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Post image figures for docs/images.md: the validator's time to inspect one upload and write its
 * clean copies (480/960/1600 px), by size, in this JVM, on bytes already in memory (no S3). Inputs
 * are drawn in code: JPEGs a gradient with mild noise (it compresses about as a photo does), PNGs a
 * plain gradient (flat like a screenshot). Run: {@code bin/bench images}.
 */
public final class ImagesBench {
  private static final int WARM_UPS = 2;
  private static final int RUNS = 5;

  private record Input(String name, String type, int width, int height) {}

  private ImagesBench() {}

  public static void main(String[] args) throws IOException {
    List<Input> inputs =
        List.of(
            new Input("JPEG 1024 x 768 (0.8 MP)", "image/jpeg", 1024, 768),
            new Input("JPEG 2000 x 1500 (3 MP)", "image/jpeg", 2000, 1500),
            new Input("JPEG 4032 x 3024 (12 MP, a phone photo)", "image/jpeg", 4032, 3024),
            new Input("JPEG 6000 x 4000 (24 MP)", "image/jpeg", 6000, 4000),
            new Input("PNG 1280 x 800 (screenshot)", "image/png", 1280, 800),
            new Input("PNG 2880 x 1800 (retina screenshot)", "image/png", 2880, 1800));
    ImageInspector inspector = new ImageInspector();
    System.out.println(
        "| input | bytes | verdict | copies (width x height: bytes) | median ms | min ms |");
    System.out.println("|---|---:|---|---|---:|---:|");
    for (Input input : inputs) {
      // Screenshots are flat areas (a gradient here); photos have grain (a gradient with noise).
      BufferedImage picture =
          input.type().equals("image/png")
              ? TestImages.gradient(input.width(), input.height())
              : photoLike(input.width(), input.height());
      byte[] bytes =
          input.type().equals("image/png") ? TestImages.png(picture) : TestImages.jpeg(picture);
      picture = null;
      List<Double> millis = new ArrayList<>();
      ResizedCopies copies = null;
      Verdict verdict = null;
      for (int i = 0; i < WARM_UPS + RUNS; i++) {
        copies = ResizedCopies.atWidths(PostImageRules.WIDTHS);
        long started = System.nanoTime();
        verdict =
            inspector.inspect(
                PostImageValidator.POST, input.type(), bytes.length, ByteSource.of(bytes), copies);
        double ms = (System.nanoTime() - started) / 1e6;
        if (i >= WARM_UPS) {
          millis.add(ms);
        }
      }
      millis.sort(Double::compare);
      StringBuilder described = new StringBuilder();
      if (verdict instanceof Verdict.Accepted) {
        for (ResizedCopies.Copy copy : copies.copies()) {
          if (!described.isEmpty()) {
            described.append(", ");
          }
          described.append(
              String.format(
                  Locale.ROOT, "%dx%d: %,d", copy.width(), copy.height(), copy.bytes().length));
        }
      }
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %s | %s | %.0f | %.0f |%n",
          input.name(),
          bytes.length,
          verdict instanceof Verdict.Rejected r
              ? "REJECTED " + r.reasons().getFirst().code()
              : "ACCEPTED",
          described,
          millis.get(millis.size() / 2),
          millis.getFirst());
    }
    System.out.printf(
        Locale.ROOT,
        "%nJava %s, %d processors, max heap %d MB; %d runs after %d warm-ups.%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        RUNS,
        WARM_UPS);
  }

  /** A gradient with a little noise: compresses roughly like a photograph. */
  static BufferedImage photoLike(int width, int height) {
    Random random = new Random(42);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = clamp(x * 255 / width + random.nextInt(13) - 6);
        int g = clamp(y * 255 / height + random.nextInt(13) - 6);
        int b = clamp(96 + random.nextInt(13) - 6);
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return image;
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
