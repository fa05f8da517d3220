package bloghome.skins;

/** Where an upload stands. Only PENDING ever changes, and only once. */
public enum UploadStatus {
  /** The URL was handed out; no verdict yet. */
  PENDING,
  /** The image passed; its clean copy exists (and is served while it is the slot's image). */
  ACCEPTED,
  /** The image was refused, for the reasons recorded. */
  REJECTED,
  /** No verdict in time: never uploaded, or validation kept failing. */
  FAILED
}
