package bloghome.system.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for page tests, driven like a person would: open, find by visible text,
 * click, type, upload, wait, and read what went wrong (console errors, JavaScript dialogs).
 *
 * <p>One browser serves a whole test class, since starting one takes seconds on a busy machine:
 *
 * <pre>{@code
 * @RegisterExtension static final Browser browser = Browser.chromium();
 *
 * @Test void homePage_listsPosts() {
 *   browser.open(url).clickText("下一页");
 *   assertThat(browser.consoleErrors()).isEmpty();
 * }
 * }</pre>
 *
 * Before each test it goes to {@code about:blank}, closes a dialog left open and forgets earlier
 * console output, so one test's errors never show in the next. When a test fails, the window and
 * the page's HTML are kept as {@code target/browser-failures/<class>.<test>.png} and {@code .html}.
 * Outside JUnit it is an {@link AutoCloseable}: the browser starts on first use.
 *
 * <p>It runs the system's Chromium and chromedriver ({@code /usr/bin/chromium}, {@code
 * /usr/bin/chromedriver}; override with {@code BLOGHOME_CHROMIUM}, {@code BLOGHOME_CHROMEDRIVER})
 * and never lets Selenium download a browser or a driver.
 */
public final class Browser
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, TestWatcher, AutoCloseable {
  /** How long an explicit wait lasts: generous, since six builds may share two cores. */
  public static final Duration WAIT = Duration.ofSeconds(20);

  private static final String INSTALL = "apt-get install -y chromium chromium-driver";
  private static final Set<String> CLICKABLE =
      Set.of("a", "button", "input", "label", "summary", "select", "option");

  private final boolean javaScript;
  private ChromeDriver driver;
  private ChromeDriverService service;
  private Path profile;

  private Browser(boolean javaScript) {
    this.javaScript = javaScript;
  }

  /** A browser with JavaScript on, as readers have it. */
  public static Browser chromium() {
    return new Browser(true);
  }

  /** A browser with JavaScript off for every site, as a crawler or a careful reader has it. */
  public static Browser withoutJavaScript() {
    return new Browser(false);
  }

  /** The Selenium driver, for what the helpers here do not cover; starts the browser if needed. */
  public synchronized WebDriver driver() {
    if (driver == null) {
      start();
    }
    return driver;
  }

  public boolean javaScriptEnabled() {
    return javaScript;
  }

  // ---- navigation and reading ----

  /**
   * Loads a URL and waits until the document has loaded. A dialog the page opens stays open for
   * {@link #alert()}.
   */
  public Browser open(String url) {
    try {
      driver().get(url);
    } catch (UnhandledAlertException e) {
      // The page opened a dialog while loading; alert() reports it.
    }
    return this;
  }

  public Browser open(URI url) {
    return open(url.toString());
  }

  public String url() {
    return driver().getCurrentUrl();
  }

  public String title() {
    return driver().getTitle();
  }

  /** The text a person sees on the page (the body's rendered text). */
  public String text() {
    return driver().findElement(By.tagName("body")).getText();
  }

  /** The page's HTML as the browser holds it now (after scripts, if they ran). */
  public String html() {
    return driver().getPageSource();
  }

  // ---- finding ----

  /** The first element matching a CSS selector, waiting until one is present. */
  public WebElement find(String css) {
    return waitUntil(
        "an element matching " + css, () -> first(driver().findElements(By.cssSelector(css))));
  }

  /** Every element matching a CSS selector now (no wait; may be empty). */
  public List<WebElement> findAll(String css) {
    return driver().findElements(By.cssSelector(css));
  }

  /**
   * The innermost visible element whose text contains {@code text} (whitespace normalised), or a
   * button-like input with that value; waits until one shows. An element showing exactly {@code
   * text} wins over one that only contains it.
   */
  public WebElement findText(String text) {
    return findText(text, false);
  }

  private WebElement findText(String text, boolean preferClickable) {
    By by = byText(text);
    String wanted = normalise(text);
    Comparator<WebElement> order =
        Comparator.comparingInt(
            element ->
                normalise(element.getText()).equals(wanted)
                        || wanted.equals(normalise(element.getDomProperty("value")))
                    ? 0
                    : 1);
    if (preferClickable) {
      order =
          Comparator.<WebElement>comparingInt(
                  element -> CLICKABLE.contains(element.getTagName()) ? 0 : 1)
              .thenComparing(order);
    }
    Comparator<WebElement> best = order;
    return waitUntil(
        "a visible element with the text \"" + text + "\"",
        () -> driver().findElements(by).stream().filter(WebElement::isDisplayed).min(best));
  }

  private static String normalise(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s+", " ");
  }

  /** Whether some visible element shows {@code text} now (no wait). */
  public boolean showsText(String text) {
    return driver().findElements(byText(text)).stream().anyMatch(WebElement::isDisplayed);
  }

  /** The locator {@link #findText} uses, for Selenium's own waits. */
  public static By byText(String text) {
    String literal = xpathLiteral(text);
    String contains = "contains(normalize-space(.), " + literal + ")";
    return By.xpath(
        "//body//*[not(self::script or self::style)]["
            + contains
            + " and not(.//*["
            + contains
            + "])]"
            + " | //input[@type='submit' or @type='button' or @type='reset'][normalize-space(@value) = "
            + literal
            + "]");
  }

  // ---- acting ----

  /**
   * Clicks the element showing {@code text}: a link, button or label showing it wins over a heading
   * or paragraph that happens to say the same.
   */
  public Browser clickText(String text) {
    click(findText(text, true));
    return this;
  }

  /** Clicks the first element matching a CSS selector. */
  public Browser click(String css) {
    click(find(css));
    return this;
  }

  private void click(WebElement element) {
    try {
      element.click();
    } catch (UnhandledAlertException e) {
      // The click opened a dialog; alert() reports it.
    }
  }

  /**
   * Replaces the value of the field matching a CSS selector with {@code text}, typed key by key.
   */
  public Browser type(String css, String text) {
    WebElement field = find(css);
    field.clear();
    field.sendKeys(text);
    return this;
  }

  /**
   * Chooses a file in the {@code <input type=file>} matching a CSS selector, as a person picking it
   * would.
   */
  public Browser upload(String css, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("No file to upload at " + file);
    }
    WebElement input =
        waitUntil(
            "a file input matching " + css,
            () -> first(driver().findElements(By.cssSelector(css))));
    input.sendKeys(file.toAbsolutePath().toString());
    return this;
  }

  // ---- waiting ----

  /** Waits until {@code condition} holds; fails naming {@code what} after {@link #WAIT}. */
  public Browser waitUntil(String what, BooleanSupplier condition) {
    waitUntil(what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    return this;
  }

  /**
   * Waits until {@code probe} gives a value and returns it; fails naming {@code what} after {@link
   * #WAIT}.
   */
  public <T> T waitUntil(String what, Supplier<Optional<T>> probe) {
    return waitUntil(what, WAIT, probe);
  }

  /**
   * Waits at most {@code timeout} until {@code probe} gives a value and returns it; fails naming
   * {@code what}.
   */
  public <T> T waitUntil(String what, Duration timeout, Supplier<Optional<T>> probe) {
    WebDriverWait wait = new WebDriverWait(driver(), timeout, Duration.ofMillis(100));
    wait.ignoring(StaleElementReferenceException.class);
    wait.withMessage(() -> "waited " + timeout.toMillis() + " ms for " + what + " on " + safeUrl());
    try {
      return wait.until(d -> probe.get().orElse(null));
    } catch (TimeoutException e) {
      throw new AssertionError(e.getMessage().lines().findFirst().orElse(what), e);
    }
  }

  /** Waits until some visible element shows {@code text}. */
  public Browser waitForText(String text) {
    findText(text);
    return this;
  }

  /** Waits until the address bar's URL contains {@code part}. */
  public Browser waitForUrl(String part) {
    return waitUntil("the URL to contain " + part, () -> url().contains(part));
  }

  // ---- what went wrong ----

  /**
   * Console errors (including uncaught exceptions, failed loads and CSP violations) logged since
   * the last call or the start of the test. Reading them empties the browser's buffer. Nothing is
   * filtered out: a missing {@code /favicon.ico} shows here as a failed load, as it does in
   * DevTools.
   */
  public List<String> consoleErrors() {
    return browserLog().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  private List<LogEntry> browserLog() {
    try {
      return driver().manage().logs().get(LogType.BROWSER).getAll();
    } catch (UnhandledAlertException e) {
      return List.of();
    }
  }

  /**
   * The text of a JavaScript dialog (alert, confirm, prompt) open now, which this accepts; empty
   * when none is open.
   */
  public Optional<String> alert() {
    try {
      Alert alert = driver().switchTo().alert();
      String text = alert.getText();
      alert.accept();
      return Optional.of(text);
    } catch (NoAlertPresentException e) {
      return Optional.empty();
    }
  }

  /** Waits for a JavaScript dialog, accepts it and returns its text. */
  public String waitForAlert() {
    return waitUntil("a JavaScript dialog", this::alert);
  }

  /** Writes a PNG of the window to {@code file} (creating its folder) and returns the file. */
  public Path screenshot(Path file) {
    driver();
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    try {
      Path folder = file.toAbsolutePath().getParent();
      if (folder != null) {
        Files.createDirectories(folder);
      }
      Files.write(file, png);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the screenshot " + file, e);
    }
  }

  // ---- life cycle ----

  @Override
  public void beforeAll(ExtensionContext context) {
    driver();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    alert();
    driver().get("about:blank");
    browserLog();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    if (driver == null) {
      return;
    }
    String name =
        context.getRequiredTestClass().getSimpleName()
            + "."
            + context.getRequiredTestMethod().getName();
    Path folder = Path.of("target", "browser-failures");
    try {
      alert();
      screenshot(folder.resolve(name + ".png"));
      Files.writeString(folder.resolve(name + ".html"), "<!-- " + url() + " -->\n" + html());
    } catch (IOException | RuntimeException e) {
      // The test's own failure is what matters; a missing picture of it is not worth hiding it.
    }
  }

  private void start() {
    Path chromium = executable("BLOGHOME_CHROMIUM", "/usr/bin/chromium", "Chromium");
    Path chromedriver =
        executable("BLOGHOME_CHROMEDRIVER", "/usr/bin/chromedriver", "chromedriver");
    try {
      profile = Files.createTempDirectory("bloghome-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    // Leave dialogs open so that alert() can see them, instead of chromedriver dismissing them.
    options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
    if (!javaScript) {
      options.setExperimentalOption(
          "prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
    }
    // Naming both executables keeps Selenium Manager from looking for (or downloading) either.
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
    try {
      driver = new ChromeDriver(service, options);
    } catch (WebDriverException e) {
      service.stop();
      deleteProfile();
      throw new IllegalStateException(
          "Chromium did not start ("
              + chromium
              + " with "
              + chromedriver
              + "): "
              + e.getMessage().lines().findFirst().orElse("")
              + " -- if it is missing: "
              + INSTALL,
          e);
    }
    driver.manage().window().setSize(new Dimension(1280, 900));
  }

  private static Path executable(String variable, String standard, String what) {
    String configured = System.getenv(variable);
    Path path = Path.of(configured == null || configured.isBlank() ? standard : configured);
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(
          what + " not found at " + path + " (set " + variable + "): " + INSTALL);
    }
    return path;
  }

  @Override
  public synchronized void close() {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      driver = null;
      if (service != null) {
        service.stop();
        service = null;
      }
      deleteProfile();
    }
  }

  private void deleteProfile() {
    if (profile == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      // A leftover temporary folder is not worth failing a test run for.
    }
    profile = null;
  }

  private String safeUrl() {
    try {
      return driver.getCurrentUrl();
    } catch (WebDriverException e) {
      return "(the page)";
    }
  }

  private static <T> Optional<T> first(List<T> items) {
    return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
  }

  private static String xpathLiteral(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    if (!text.contains("\"")) {
      return "\"" + text + "\"";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }
}
