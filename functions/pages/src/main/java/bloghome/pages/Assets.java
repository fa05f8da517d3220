package bloghome.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stylesheet and scripts, read from the jar once per execution environment and served under
 * content-hashed names ({@code site.3f2a91c0d4e5.css}), so they can be cached forever: a change
 * makes a new name. Modules import {@code ./session.js}; that import is rewritten to the hashed
 * name before the importing module's own hash is taken.
 */
public final class Assets {
  /** In dependency order: a module comes after the modules it imports. */
  static final List<String> FILES =
      List.of(
          "site.css",
          "icon.svg",
          "session.js",
          "studio-kit.js",
          "post-images.js",
          "home.js",
          "code.js",
          "post.js",
          "followers-post.js",
          "skin.js",
          "write.js",
          "studio.js",
          "profile.js",
          "favorites.js",
          "zip.js",
          "frontmatter.js",
          "wxr.js",
          "import.js",
          "callback.js",
          "signin.js");

  /** One served file. */
  public record Asset(String hashedName, String contentType, byte[] bytes) {}

  private final Map<String, String> hashedByName = new LinkedHashMap<>();
  private final Map<String, Asset> byHashedName = new LinkedHashMap<>();

  private Assets() {}

  public static Assets load() {
    Assets assets = new Assets();
    for (String name : FILES) {
      String text = read(name);
      for (Map.Entry<String, String> earlier : assets.hashedByName.entrySet()) {
        text = text.replace("'./" + earlier.getKey() + "'", "'./" + earlier.getValue() + "'");
      }
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      int dot = name.lastIndexOf('.');
      String hashed = name.substring(0, dot) + "." + hash(bytes) + name.substring(dot);
      String type =
          name.endsWith(".css")
              ? "text/css; charset=utf-8"
              : name.endsWith(".svg") ? "image/svg+xml" : "text/javascript; charset=utf-8";
      assets.hashedByName.put(name, hashed);
      assets.byHashedName.put(hashed, new Asset(hashed, type, bytes));
    }
    return assets;
  }

  /** The URL path of a file, e.g. {@code /assets/post.0a1b2c3d4e5f.js}. */
  public String path(String name) {
    String hashed = hashedByName.get(name);
    if (hashed == null) {
      throw new IllegalArgumentException("no such asset: " + name);
    }
    return "/assets/" + hashed;
  }

  public Optional<Asset> find(String hashedName) {
    return Optional.ofNullable(byHashedName.get(hashedName));
  }

  /** Total bytes of the given files, for the page-weight budget. */
  public long size(List<String> names) {
    long total = 0;
    for (String name : names) {
      total += byHashedName.get(hashedByName.get(name)).bytes().length;
    }
    return total;
  }

  private static String read(String name) {
    try (InputStream in = Assets.class.getResourceAsStream("/assets/" + name)) {
      if (in == null) {
        throw new IllegalStateException("asset missing from the jar: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String hash(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
