package bloghome.pages;

import bloghome.config.Env;
import java.net.URI;
import java.util.Optional;

/**
 * Where the page function's collaborators live, from its environment.
 *
 * @param authMode {@code cognito} in AWS (hosted UI, authorization code + PKCE); {@code local} on
 *     the local stack, whose gateway mints tokens itself
 * @param mediaBaseUrl where accepted skin images are served (CloudFront in AWS)
 * @param uploadOrigin the bucket's origin, which browsers PUT skin images to
 * @param cognitoDomain the hosted UI's base URL, e.g. {@code
 *     https://x.auth.eu-west-1.amazoncognito.com}
 * @param cognitoClientId the public app client (no secret)
 * @param siteUrl the site's public origin ({@code https://blog.example.com}) for canonical URLs,
 *     feeds and sitemaps, when the deployment knows it (a custom domain); else the request's host
 */
public record SiteConfig(
    AuthMode authMode,
    String mediaBaseUrl,
    String uploadOrigin,
    Optional<String> cognitoDomain,
    Optional<String> cognitoClientId,
    Optional<String> siteUrl) {

  public SiteConfig(
      AuthMode authMode,
      String mediaBaseUrl,
      String uploadOrigin,
      Optional<String> cognitoDomain,
      Optional<String> cognitoClientId) {
    this(authMode, mediaBaseUrl, uploadOrigin, cognitoDomain, cognitoClientId, Optional.empty());
  }

  public enum AuthMode {
    COGNITO,
    LOCAL
  }

  public static SiteConfig fromEnvironment() {
    AuthMode mode =
        "local".equals(Env.get("AUTH_MODE").orElse("cognito")) ? AuthMode.LOCAL : AuthMode.COGNITO;
    return new SiteConfig(
        mode,
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
