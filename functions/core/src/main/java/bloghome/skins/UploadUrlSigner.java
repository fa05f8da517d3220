package bloghome.skins;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Signs a URL that lets a browser PUT exactly one declared object, once, for a short time. */
public interface UploadUrlSigner {

  /**
   * A signed PUT.
   *
   * @param headers headers the PUT must carry with exactly these values (they are signed)
   */
  record SignedPut(URI url, Map<String, String> headers, Instant expiresAt) {
    public SignedPut {
      headers = Map.copyOf(headers);
    }
  }

  SignedPut signPut(String key, String contentType, long contentLength, Duration validity);
}
