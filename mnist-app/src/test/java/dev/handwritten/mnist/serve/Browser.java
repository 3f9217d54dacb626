package dev.handwritten.mnist.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for the page's tests: Debian's {@code chromium} and {@code chromium-driver} (or
 * the paths in {@code -Dchromium.binary} and {@code -Dchromedriver.binary}), started with the
 * driver's path given, so Selenium Manager never looks for, or downloads, a browser or driver.
 * Where they are missing the tests are skipped, saying how to install them, unless {@code
 * HANDWRITTEN_REQUIRE_BROWSER} is set, as {@code .ci/run} sets it: CI must run them.
 */
final class Browser {
  static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  static final Path DRIVER =
      Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

  /**
   * Selenium warns that it has no DevTools classes for this Chromium's exact version; the tests use
   * none of them (only WebDriver, and one raw CDP command), so the warning is noise. Held here so
   * that the logger, and its level, outlive this class's initialization.
   */
  private static final Logger DEVTOOLS = quiet("org.openqa.selenium.devtools");

  private Browser() {}

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  /** A desktop window of {@code width} x {@code height} CSS pixels. */
  static ChromeDriver desktop(Path profile, int width, int height) throws IOException {
    ChromeOptions options = options(profile);
    options.addArguments("--window-size=" + width + "," + height, "--force-device-scale-factor=1");
    return start(options);
  }

  /**
   * A phone: {@code width} CSS pixels wide at twice the density, with touch, as Chromium's device
   * emulation makes it; {@code height} tall, enough to hold the whole page in one screenshot.
   */
  static ChromeDriver phone(Path profile, int width, int height) throws IOException {
    ChromeOptions options = options(profile);
    options.setExperimentalOption(
        "mobileEmulation",
        Map.of(
            "deviceMetrics",
            Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true),
            "userAgent",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/150.0 Mobile Safari/537.36"));
    return start(options);
  }

  /**
   * Why the browser tests cannot run here (Chromium or its driver missing), or null when they can.
   * In CI, where {@code HANDWRITTEN_REQUIRE_BROWSER} is set, a missing browser is an error instead.
   *
   * @throws IllegalStateException if the browser is missing and required
   */
  static String missing() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (installed) {
      return null;
    }
    String missing =
        "headless Chromium is not installed ("
            + CHROMIUM
            + ", "
            + DRIVER
            + "); apt-get install chromium chromium-driver";
    if (System.getenv("HANDWRITTEN_REQUIRE_BROWSER") != null) {
      throw new IllegalStateException(missing + " (HANDWRITTEN_REQUIRE_BROWSER is set)");
    }
    return missing;
  }

  private static ChromeOptions options(Path profile) throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        List.of(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--user-data-dir=" + Files.createDirectories(profile)));
    return options;
  }

  private static ChromeDriver start(ChromeOptions options) {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(60))
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return driver;
  }
}
