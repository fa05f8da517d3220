package bloghome.skins.validator.image;

/** Why an uploaded skin image was refused; stable codes a client can branch on. */
public enum RejectionCode {
  /** Larger than the slot allows, in bytes. */
  TOO_LARGE,
  /** Not a PNG or a JPEG, judged by its content. */
  UNSUPPORTED_FORMAT,
  /** The declared content type does not match the content. */
  TYPE_MISMATCH,
  /** The width or height does not fit the slot. */
  DIMENSIONS,
  /** Too many pixels to decode safely, whatever the slot. */
  PIXEL_LIMIT,
  /** Truncated, malformed or undecodable. */
  CORRUPT,
  /** Extra bytes after the end of the image, as in polyglot files. */
  TRAILING_DATA,
  /** An animated image (APNG); skins are still images. */
  ANIMATED,
  /** No bytes at all. */
  EMPTY,
  /**
   * More than {@link ImageInspector#MAX_HEADER_PREFIX} bytes of metadata (ancillary PNG chunks,
   * JPEG application segments) before the image data; the file may well be valid.
   */
  METADATA_TOO_LARGE,
  /**
   * Decoding and re-encoding would need more memory than {@link DecodeBudget#MAX_BYTES}: too many
   * pixels for the bit depth and channels (e.g. 16 bits per channel).
   */
  DECODE_TOO_LARGE
}
