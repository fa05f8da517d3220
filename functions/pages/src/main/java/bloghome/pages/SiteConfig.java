package bloghome.pages;

import bloghome.config.Env;
import java.net.URI;
import java.util.Optional;

/**
 * Where the page function's collaborators live, from its environment.
 *
 * @param mediaBaseUrl where accepted skin images are served (CloudFront in AWS)
 * @param uploadOrigin the bucket's origin, which browsers PUT skin images to
 * @param cognitoDomain the hosted UI's base URL, e.g. {@code
 *     https://x.auth.eu-west-1.amazoncognito.com} (on the local stack, its local stand-in: the same
 *     code path, see docs/sign-in.md)
 * @param cognitoClientId the public app client (no secret)
 * @param siteUrl the site's public origin ({@code https://blog.example.com}) for canonical URLs,
 *     feeds and sitemaps, when the deployment knows it (a custom domain); else the request's host
 */
public record SiteConfig(
    String mediaBaseUrl,
    String uploadOrigin,
    Optional<String> cognitoDomain,
    Optional<String> cognitoClientId,
    Optional<String> siteUrl) {

  public SiteConfig(
      String mediaBaseUrl,
      String uploadOrigin,
      Optional<String> cognitoDomain,
      Optional<String> cognitoClientId) {
    this(mediaBaseUrl, uploadOrigin, cognitoDomain, cognitoClientId, Optional.empty());
  }

  public static SiteConfig fromEnvironment() {
    return new SiteConfig(
        Env.require("MEDIA_BASE_URL"),
        Env.require("UPLOAD_ORIGIN"),
        Env.get("COGNITO_DOMAIN"),
        Env.get("COGNITO_CLIENT_ID"),
        Env.get("SITE_URL").filter(u -> !u.isBlank()).map(u -> u.replaceAll("/+$", "")));
  }

  /** The media base URL's origin, for the CSP; empty when it is a path on the pages' own origin. */
  public Optional<String> mediaOrigin() {
    return origin(mediaBaseUrl);
  }

  static Optional<String> origin(String url) {
    if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
      return Optional.empty();
    }
    URI uri = URI.create(url);
    return Optional.of(uri.getScheme() + "://" + uri.getRawAuthority());
  }
}
