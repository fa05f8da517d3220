package bloghome.bench;

import bloghome.bench.probe.Events;
import bloghome.ids.Ids;
import bloghome.skins.DynamoDbSkinUploadStore;
import bloghome.skins.SkinUpload;
import bloghome.skins.UploadKeys;
import bloghome.skins.validator.image.ImageInspector;
import bloghome.skins.validator.image.Reason;
import bloghome.skins.validator.image.Verdict;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.sun.management.ThreadMXBean;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The skin validator against the usual approach, on four uploads: a small valid column image, a
 * header at the 2 MiB limit, one byte over it, and a decompression bomb. Bytes read from S3 are the
 * content lengths of the GetObject responses; memory is what the validating thread allocated.
 */
final class ValidatorBench {
  private static final long MAX_PREFIX_BYTES = 64 * 1024;

  private record Run(Samples times, Samples allocated, long bytesRead, String outcome) {}

  private final Bench bench;
  private final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();

  ValidatorBench(Bench bench) {
    this.bench = bench;
  }

  void run() {
    // 15000 x 15000 RGB is a 675 MB raster: under ImageIO's own 2^31 limit, so the usual approach
    // allocates it (a 512 MB function would run out of memory), while 50000 x 50000 it refuses.
    List<SkinImages.Case> cases =
        List.of(
            SkinImages.column(),
            SkinImages.header2MiB(),
            SkinImages.header2MiBPlusOne(),
            SkinImages.bomb(),
            SkinImages.bomb(15_000));
    S3Client s3 = bench.stack.s3();
    var handler = bench.s3Function().filter(Bench.Fn::inProcess);
    var uploads = new DynamoDbSkinUploadStore(bench.stack.dynamoDb(), bench.tableName);
    if (handler.isEmpty()) {
      bench.report.note(
          "Validator: no in-process S3-triggered handler, so only ImageInspector over an"
              + " S3-backed ByteSource is measured.");
    }
    var table =
        bench.report.table(
            "Skin validator",
            """
        Each case is uploaded to the local S3 and checked %d times per approach, after one
        untimed run. "Inspector" is
        `ImageInspector.inspect` over a ByteSource that answers with ranged GetObject calls and
        never reads a byte twice;
        "handler" is the real S3-triggered function invoked with an S3 event for a fresh upload
        (its whole run: reads, verdict, writes); "usual" is GetObject of the whole object and
        `ImageIO.read`. Bytes read = sum of GetObject content lengths. Allocated = bytes allocated
        by the checking thread (`ThreadMXBean.getThreadAllocatedBytes`), a bound on its peak heap.
        Targets: 0 body bytes read for an oversized upload; <= 64 KiB read before rejecting on
        format or dimensions; >= 5x faster than the usual approach on the bomb and oversize cases.
        """
                .formatted(bench.options.validatorRuns()),
            "case",
            "size",
            "approach",
            "outcome",
            "bytes read from S3",
            "median time to verdict",
            "median allocated",
            "x usual (time)",
            "targets");
    for (SkinImages.Case c : cases) {
      String key =
          "uploads/"
              + Seed.AUTHOR
              + "/"
              + c.slot().wireName()
              + "/"
              + Ids.newId("u")
              + "/bench.png";
      s3.putObject(
          r -> r.bucket(bench.bucketName).key(key).contentType("image/png"),
          RequestBody.fromBytes(c.bytes()));
      long size = c.bytes().length;
      Run usual = repeat(usual(s3, key));
      Run inspector = repeat(inspector(s3, key, c, size));
      Run viaHandler =
          handler
              .map(
                  fn ->
                      repeatFresh(
                          () -> {
                            // Recorded as the API records an upload (declared type and size; the
                            // oversized case as
                            // if the API check were bypassed), so the validator treats it as a real
                            // one.
                            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                            String uploadId = UploadKeys.newUploadId();
                            String fresh =
                                UploadKeys.uploadKey("uploads/", Seed.AUTHOR, c.slot(), uploadId);
                            uploads.create(
                                SkinUpload.pending(
                                    uploadId,
                                    Seed.AUTHOR,
                                    c.slot(),
                                    fresh,
                                    "image/png",
                                    size,
                                    now,
                                    now.plus(Duration.ofMinutes(5))));
                            s3.putObject(
                                r -> r.bucket(bench.bucketName).key(fresh).contentType("image/png"),
                                RequestBody.fromBytes(c.bytes()));
                            Map<String, Object> json = bench.events.s3();
                            EventCatalog.s3Object(json, bench.bucketName, fresh, size);
                            S3Event event = Events.s3(json);
                            return () -> {
                              Bench.invokeS3(fn, event);
                              return uploads
                                  .find(Seed.AUTHOR, uploadId)
                                  .map(
                                      u ->
                                          u.status()
                                              + (u.reasons().isEmpty()
                                                  ? ""
                                                  : " " + u.reasons().get(0).code()))
                                  .orElse("no upload record");
                            };
                          }))
              .orElse(null);

      row(table, c, "inspector", inspector, usual);
      if (viaHandler != null) {
        row(table, c, "handler", viaHandler, usual);
      }
      row(table, c, "usual", usual, null);
    }
    table.note(
        "ImageIO refuses by itself a canvas whose raster would pass 2^31 bytes, such as 50000 x 50000"
            + " RGB, so on that bomb the usual approach also stops at the header (see its outcome). The"
            + " 15000 x 15000 bomb (a 675 MB raster) is under that limit: there the usual approach allocates"
            + " the raster, which a 512 MB function cannot survive.");
  }

  /** One timed attempt; returns a description of the outcome. */
  private interface Attempt {
    String call() throws Exception;
  }

  /** Runs {@code factory}'s attempts; preparing one (an upload, say) is not timed. */
  private Run repeatFresh(AttemptFactory factory) {
    Samples times = new Samples();
    Samples allocated = new Samples();
    long bytes = -1;
    String outcome = "";
    // One untimed attempt first, so class loading and first-use set-up are not in the figures.
    for (int i = -1; i < bench.options.validatorRuns(); i++) {
      Attempt attempt = factory.prepare();
      SdkRecorder.Recording recording = SdkRecorder.start();
      long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
      long started = System.nanoTime();
      try {
        outcome = attempt.call();
      } catch (Throwable e) {
        outcome =
            "threw "
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + abbreviate(e.getMessage()));
      } finally {
        SdkRecorder.stop();
      }
      long took = System.nanoTime() - started;
      long allocatedBytes = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
      if (i >= 0) {
        times.add(took);
        allocated.add(allocatedBytes);
        bytes = recording.getObjectBytes;
      }
    }
    return new Run(times, allocated, bytes, outcome);
  }

  private interface AttemptFactory {
    Attempt prepare();
  }

  private Run repeat(Attempt attempt) {
    return repeatFresh(() -> attempt);
  }

  private Attempt usual(S3Client s3, String key) {
    return () -> {
      byte[] bytes = s3.getObjectAsBytes(r -> r.bucket(bench.bucketName).key(key)).asByteArray();
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      return image == null
          ? "ImageIO: not an image"
          : "decoded " + image.getWidth() + "x" + image.getHeight();
    };
  }

  private Attempt inspector(S3Client s3, String key, SkinImages.Case c, long size) {
    return () ->
        describe(
            new ImageInspector()
                .inspect(
                    c.slot(), "image/png", size, new S3RangeSource(s3, bench.bucketName, key)));
  }

  private void row(
      Report.TableBuilder table, SkinImages.Case c, String approach, Run run, Run usual) {
    double median = run.times().median();
    String speedUp = usual == null ? "1.00x" : Report.ratio(usual.times().median() / median);
    String targets = usual == null ? "" : targets(c, run, usual);
    table.row(
        c.name(),
        Report.bytes(c.bytes().length),
        approach,
        run.outcome(),
        Report.bytes(run.bytesRead()),
        Report.ms(median) + " ms",
        Report.bytes((long) run.allocated().median()),
        speedUp,
        targets);
    String subject = c.name() + " / " + approach;
    bench.report.figure(
        Report.Figure.plain(
            "validator",
            subject,
            "bytes_read",
            Long.toString(run.bytesRead()),
            "bytes",
            run.times().size()));
    bench.report.figure(
        new Report.Figure(
            "validator",
            subject,
            "median_time",
            Report.num(Samples.millis(median), 3),
            "ms",
            run.times().size(),
            usual == null ? "" : "usual",
            usual == null ? "" : speedUp,
            "",
            targets));
    bench.report.figure(
        Report.Figure.plain(
            "validator",
            subject,
            "median_allocated",
            Long.toString((long) run.allocated().median()),
            "bytes",
            run.times().size()));
  }

  private static String targets(SkinImages.Case c, Run run, Run usual) {
    StringBuilder out = new StringBuilder();
    boolean oversize = c.bytes().length > c.slot().maxBytes();
    boolean bomb = c.name().startsWith("bomb");
    // The bombs are refused on their header: the "format or dimensions" target.
    if (oversize) {
      out.append(
          run.bytesRead() == 0
              ? "0 bytes read: met"
              : "0 bytes read: missed (" + Report.bytes(run.bytesRead()) + ")");
    }
    if (bomb) {
      out.append(
          run.bytesRead() <= MAX_PREFIX_BYTES
              ? "<= 64 KiB read: met"
              : "<= 64 KiB read: missed by " + Report.bytes(run.bytesRead() - MAX_PREFIX_BYTES));
    }
    if (oversize || bomb) {
      double x = usual.times().median() / run.times().median();
      out.append("; >= 5x faster: ")
          .append(x >= 5 ? "met (" + Report.ratio(x) + ")" : "missed (" + Report.ratio(x) + ")");
    }
    return out.toString();
  }

  private static String describe(Verdict verdict) {
    return switch (verdict) {
      case Verdict.Accepted a -> "accepted " + a.width() + "x" + a.height();
      case Verdict.Rejected r ->
          "rejected "
              + String.join(", ", r.reasons().stream().map(Reason::code).map(Enum::name).toList());
    };
  }

  private static String abbreviate(String text) {
    String line = text.replace('\n', ' ');
    return line.length() > 80 ? line.substring(0, 77) + "..." : line;
  }
}
