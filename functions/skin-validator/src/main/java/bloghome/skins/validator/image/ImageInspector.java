package bloghome.skins.validator.image;

import bloghome.skins.SkinSlot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Decides whether an uploaded file may be used as a skin image, and makes the clean copy that is
 * served instead of the upload.
 *
 * <p>The checks run from cheapest to dearest, and each stage runs only when the earlier ones pass:
 * the declared size (no bytes read), the format (magic bytes), the header (dimensions, animation; a
 * prefix of the file), and only then a full decode. So a huge file costs nothing, and a small file
 * declaring a huge canvas is refused before any pixel memory is allocated. Every reason that
 * applies at the refusing stage is reported, so the uploader can fix them in one go.
 */
public final class ImageInspector {

  static {
    // TwelveMonkeys registers through the service loader; rescanning makes sure its JPEG reader,
    // which handles CMYK and YCCK, is present even when the context class loader was different.
    ImageIO.scanForPlugins();
  }

  /** A ceiling on how far the header search may read, whatever the slot. */
  static final int MAX_HEADER_PREFIX = 1024 * 1024;

  /**
   * Inspects one upload.
   *
   * @param declaredContentType the content type the uploader declared, may be null
   * @param size the object's size in bytes, as stored
   * @param source the object's bytes, read only as far as needed
   * @throws IOException when the bytes cannot be read, or change while being read
   */
  public Verdict inspect(SkinSlot slot, String declaredContentType, long size, ByteSource source)
      throws IOException {
    return inspect(ImageRules.of(slot), declaredContentType, size, source, CleanEncoder.SAME_SIZE);
  }

  /**
   * Inspects one upload against {@code rules}, and on success has {@code encoder} write the clean
   * copy from the decoded pixels.
   */
  public Verdict inspect(
      ImageRules slot,
      String declaredContentType,
      long size,
      ByteSource source,
      CleanEncoder encoder)
      throws IOException {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
    if (size == 0) {
      return reject(RejectionCode.EMPTY, "the file is empty");
    }
    if (size > slot.maxBytes()) {
      return tooLarge(slot, size);
    }

    int wanted = (int) Math.min(size, HeaderReader.DEFAULT_PREFIX);
    byte[] prefix = source.readPrefix(wanted);
    if (prefix.length == 0) {
      return reject(RejectionCode.EMPTY, "the file is empty");
    }
    ImageFormat format;
    switch (FormatSniffer.sniff(prefix)) {
      case FormatSniffer.Sniffed.Unsupported unsupported -> {
        return reject(
            RejectionCode.UNSUPPORTED_FORMAT,
            slot.noun() + " must be PNG or JPEG; this file is " + unsupported.description());
      }
      case FormatSniffer.Sniffed.Supported supported -> format = supported.format();
    }
    String declared = normalise(declaredContentType);
    if (!format.contentType().equals(declared)) {
      return reject(
          RejectionCode.TYPE_MISMATCH,
          "the file was declared as "
              + (declared.isEmpty() ? "no content type" : declared)
              + " but its content is "
              + format.displayName());
    }

    ImageHeader header;
    while (true) {
      boolean wholeFile = prefix.length < wanted || prefix.length >= size;
      switch (HeaderReader.read(format, prefix, wholeFile)) {
        case HeaderReader.Result.Read read -> header = read.header();
        case HeaderReader.Result.Malformed malformed -> {
          return reject(RejectionCode.CORRUPT, malformed.message());
        }
        case HeaderReader.Result.NeedMore more -> {
          int next = (int) Math.min(size, Math.max(more.bytes(), (long) prefix.length * 2));
          if (next <= prefix.length || more.bytes() > size) {
            return reject(RejectionCode.CORRUPT, "the file ends before its image data");
          }
          if (next > MAX_HEADER_PREFIX) {
            // The chunks or segments up to here were well formed: the file is not broken, it
            // just carries more metadata than we read before deciding.
            return reject(
                RejectionCode.METADATA_TOO_LARGE,
                String.format(
                    Locale.ROOT,
                    "the file carries more than %,d KB of metadata before the image data",
                    MAX_HEADER_PREFIX / 1024));
          }
          wanted = next;
          prefix = source.readPrefix(wanted);
          continue;
        }
      }
      break;
    }
    List<Reason> headerReasons = headerReasons(slot, header);
    if (!headerReasons.isEmpty()) {
      return new Verdict.Rejected(headerReasons);
    }

    byte[] bytes = source.readAll();
    if (bytes.length > slot.maxBytes()) {
      return tooLarge(slot, bytes.length);
    }
    if (bytes.length < prefix.length
        || !Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length)) {
      // Checking one version and decoding another would let a swap slip past the header checks.
      throw new IOException("the object changed while it was being inspected");
    }
    return decodeAndClean(format, header, bytes, encoder);
  }

  private static List<Reason> headerReasons(ImageRules slot, ImageHeader header) {
    List<Reason> reasons = new ArrayList<>();
    if (!SkinSlot.withinPixelCap(header.storedWidth(), header.storedHeight())) {
      reasons.add(
          new Reason(
              RejectionCode.PIXEL_LIMIT,
              String.format(
                  Locale.ROOT,
                  "images may have at most %,d pixels; this one declares %d x %d",
                  SkinSlot.MAX_PIXELS,
                  header.width(),
                  header.height())));
    }
    slot.shape()
        .problem(header.width(), header.height())
        .ifPresent(message -> reasons.add(new Reason(RejectionCode.DIMENSIONS, message)));
    if (header.animated()) {
      reasons.add(
          new Reason(RejectionCode.ANIMATED, "animated PNGs are not allowed as " + slot.noun()));
    }
    if (SkinSlot.withinPixelCap(header.storedWidth(), header.storedHeight())
        && !DecodeBudget.fits(header)) {
      reasons.add(decodeTooLarge(DecodeBudget.estimate(header)));
    }
    return reasons;
  }

  private static Verdict decodeAndClean(
      ImageFormat format, ImageHeader header, byte[] bytes, CleanEncoder encoder) {
    int end;
    switch (ImageEnd.find(format, bytes)) {
      case ImageEnd.Result.Broken broken -> {
        return reject(RejectionCode.CORRUPT, broken.message());
      }
      case ImageEnd.Result.EndsAt endsAt -> end = endsAt.offset();
    }
    List<Reason> reasons = new ArrayList<>();
    if (end < bytes.length) {
      reasons.add(
          new Reason(
              RejectionCode.TRAILING_DATA,
              String.format(
                  Locale.ROOT,
                  "the file has %,d extra bytes after the end of the %s image",
                  bytes.length - end,
                  format.displayName())));
    }
    BufferedImage image;
    try {
      image = ImageDecoder.decode(format, bytes, end, header);
    } catch (IOException e) {
      reasons.add(new Reason(RejectionCode.CORRUPT, "the image cannot be decoded"));
      return new Verdict.Rejected(reasons);
    }
    if (!reasons.isEmpty()) {
      return new Verdict.Rejected(reasons);
    }
    long working = DecodeBudget.afterDecode(format, image, header.orientation());
    if (working > DecodeBudget.MAX_BYTES) {
      // A colour profile can call for a copy the header did not announce.
      return new Verdict.Rejected(List.of(decodeTooLarge(working)));
    }
    byte[] clean;
    try {
      clean = encoder.encode(format, image, header.orientation());
    } catch (IOException | RuntimeException e) {
      // The pixels decoded, but in a form the writer cannot take; refuse rather than serve raw.
      return reject(RejectionCode.CORRUPT, "the image decoded but could not be re-encoded");
    }
    return new Verdict.Accepted(
        format, header.width(), header.height(), clean, format.contentType());
  }

  private static Reason decodeTooLarge(long bytes) {
    return new Reason(
        RejectionCode.DECODE_TOO_LARGE,
        String.format(
            Locale.ROOT,
            "this image would take %,d MB of memory to process (at most %,d MB); use fewer pixels"
                + " or 8 bits per channel",
            (bytes + (1 << 20) - 1) >> 20,
            DecodeBudget.MAX_BYTES >> 20));
  }

  private static Verdict tooLarge(ImageRules slot, long size) {
    return reject(
        RejectionCode.TOO_LARGE,
        String.format(
            Locale.ROOT,
            "%s images may be at most %,d bytes; this one is %,d bytes",
            slot.name(),
            slot.maxBytes(),
            size));
  }

  /** Drops parameters such as {@code ; charset=...} and case; null becomes empty. */
  private static String normalise(String contentType) {
    if (contentType == null) {
      return "";
    }
    int parameters = contentType.indexOf(';');
    String bare = parameters < 0 ? contentType : contentType.substring(0, parameters);
    return bare.trim().toLowerCase(Locale.ROOT);
  }

  private static Verdict reject(RejectionCode code, String message) {
    return new Verdict.Rejected(List.of(new Reason(code, message)));
  }
}
