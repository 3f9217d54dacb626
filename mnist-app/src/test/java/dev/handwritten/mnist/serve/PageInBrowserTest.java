package dev.handwritten.mnist.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.handwritten.mnist.data.DataSet;
import dev.handwritten.mnist.data.DigitPictures;
import dev.handwritten.mnist.demo.Strokes;
import dev.handwritten.mnist.recognize.Recognizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The serve page in headless Chromium: drawing with pointer events (mouse, pen, touch) shows the
 * right digit and bars, an empty pad asks for a digit, an uploaded photo is read with its boxes,
 * and the layout fits a phone. Screenshots go to {@code target/screenshots/}, to look at.
 */
@SuppressWarnings("unchecked") // what a script returns is typed by the script
class PageInBrowserTest {
  private static final Path MNIST = Path.of(System.getProperty("mnist.dir", "../../shared/mnist"));
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration PATIENCE = Duration.ofSeconds(60); // a loaded 2-core machine

  @TempDir static Path dir;
  private static DigitServer server;
  private static ChromeDriver browser;
  private static DataSet test;

  /** Why the tests are skipped, or null. */
  private static String skipped;

  @BeforeAll
  static void start() throws IOException {
    skipped = Browser.missing();
    if (skipped != null) {
      System.err.println("PageInBrowserTest: skipped: " + skipped);
      return;
    }
    test = DataSet.loadTest(MNIST).subset(0, 30);
    server =
        DigitServer.start(
            Recognizer.bundled(), "127.0.0.1", 0, Limits.DEFAULT, new PrintStream(System.err));
    browser = Browser.desktop(dir.resolve("desktop-profile"), 1280, 1150);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void openPage() {
    Assumptions.assumeTrue(skipped == null, () -> "skipped: " + skipped);
    browser.get(server.url().toString());
  }

  private static float[] image(int i) {
    return Arrays.copyOfRange(test.images().data(), i * 784, (i + 1) * 784);
  }

  @Test
  void emptyPad_saysDrawADigit_andShowsNoBars() {
    WebElement card = browser.findElement(By.id("answer-card"));
    assertEquals("empty", card.getDomAttribute("data-state"));
    assertEquals("draw a digit", browser.findElement(By.id("answer")).getText());
    assertEquals(10, browser.findElements(By.cssSelector("#bars .bar")).size());
    assertTrue(browser.findElements(By.cssSelector("#bars .bar.top")).isEmpty());
  }

  @Test
  void drawingASeven_withAMouse_showsSeven_itsBars_andWhatTheNetworkSees() throws IOException {
    assertEquals(7, test.labels()[0]);
    draw(Strokes.of(image(0)), PointerInput.Kind.MOUSE);

    awaitAnswer("7");
    WebElement top = browser.findElement(By.cssSelector("#bars .bar.top"));
    assertEquals("7", top.getDomAttribute("data-digit"));
    assertTrue(probability(top) > 0.9, "p(7) = " + probability(top));
    // The bar is drawn as long as its probability: the track's width, nearly.
    double track = top.findElement(By.className("track")).getRect().getWidth();
    double fill = top.findElement(By.className("fill")).getRect().getWidth();
    assertTrue(fill > 0.85 * track, "bar " + fill + " of " + track + " pixels");
    double sum = 0;
    for (WebElement bar : browser.findElements(By.cssSelector("#bars .bar"))) {
      sum += probability(bar);
    }
    assertEquals(1.0, sum, 1e-3);
    assertTrue(inkSeen() > 20, "the 28 x 28 view shows the digit");
    new WebDriverWait(browser, PATIENCE)
        .until(b -> b.findElements(By.cssSelector("#maps .block canvas")).size() == 3);
    screenshot(browser, "desktop-drawing.png");

    browser.findElement(By.id("clear")).click();
    assertEquals("draw a digit", browser.findElement(By.id("answer")).getText());
    assertTrue(browser.findElements(By.cssSelector("#bars .bar.top")).isEmpty());
    assertEquals(0, inkSeen());
  }

  @Test
  void drawingWithAPen_andWithTouch_isReadToo() {
    assertEquals(2, test.labels()[1]);
    draw(Strokes.of(image(1)), PointerInput.Kind.PEN);
    awaitAnswer("2");

    browser.findElement(By.id("clear")).click();
    assertEquals(0, test.labels()[3]);
    draw(Strokes.of(image(3)), PointerInput.Kind.TOUCH);
    awaitAnswer("0");
  }

  @Test
  void uploadedPhoto_isRead_withABoxPerDigit() throws IOException {
    List<float[]> digits = new ArrayList<>();
    StringBuilder truth = new StringBuilder();
    for (int i = 10; i < 14; i++) {
      digits.add(image(i));
      truth.append(test.labels()[i]);
    }
    Path photo = dir.resolve("number.png");
    ImageIO.write(DigitPictures.number(digits, 6, 3), "png", photo.toFile());

    browser.findElement(By.id("file")).sendKeys(photo.toAbsolutePath().toString());

    awaitAnswer(truth.toString());
    assertEquals(4, browser.findElements(By.cssSelector("#boxes rect")).size());
    // The insides of the first digit follow.
    new WebDriverWait(browser, PATIENCE)
        .until(b -> b.findElements(By.cssSelector("#maps .block canvas")).size() == 3);
    assertTrue(inkSeen() > 20);
    screenshot(browser, "desktop-photo.png");
  }

  @Test
  void onAPhone_thePageFitsTheScreen_andATouchDrawingIsRead() throws IOException {
    ChromeDriver phone = Browser.phone(dir.resolve("phone-profile"), 390, 1900);
    try {
      phone.get(server.url().toString());
      JavascriptExecutor js = phone;
      long scrollWidth = (Long) js.executeScript("return document.documentElement.scrollWidth");
      long viewport = (Long) js.executeScript("return window.innerWidth");
      assertEquals(390, viewport);
      assertTrue(scrollWidth <= viewport, "no sideways scrolling: " + scrollWidth);
      double padWidth =
          ((Number)
                  js.executeScript(
                      "return document.getElementById('pad').getBoundingClientRect().width"))
              .doubleValue();
      assertTrue(padWidth >= 330, "the pad takes the phone's width: " + padWidth);

      draw(phone, Strokes.of(image(0)), PointerInput.Kind.TOUCH);
      awaitAnswer(phone, "7");
      new WebDriverWait(phone, PATIENCE)
          .until(b -> b.findElements(By.cssSelector("#maps .block canvas")).size() == 3);
      screenshot(phone, "phone-drawing.png");
    } finally {
      phone.quit();
    }
  }

  private static void draw(List<List<Strokes.Point>> strokes, PointerInput.Kind kind) {
    draw(browser, strokes, kind);
  }

  /**
   * Draws the strokes on the pad with pointer events of the given kind: down, a move to each point
   * (a few milliseconds apart, as a hand would), up.
   */
  private static void draw(
      ChromeDriver driver, List<List<Strokes.Point>> strokes, PointerInput.Kind kind) {
    WebElement pad = driver.findElement(By.id("pad"));
    double size = pad.getRect().getWidth();
    PointerInput pointer = new PointerInput(kind, kind.name().toLowerCase());
    Sequence sequence = new Sequence(pointer, 0);
    for (List<Strokes.Point> stroke : strokes) {
      for (int i = 0; i < stroke.size(); i++) {
        Strokes.Point p = stroke.get(i);
        // Offsets from the pad's centre, in CSS pixels.
        int x = (int) Math.round((p.x() / 28 - 0.5) * size);
        int y = (int) Math.round((p.y() / 28 - 0.5) * size);
        sequence.addAction(
            pointer.createPointerMove(
                Duration.ofMillis(i == 0 ? 0 : 12), PointerInput.Origin.fromElement(pad), x, y));
        if (i == 0) {
          sequence.addAction(pointer.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        }
      }
      sequence.addAction(pointer.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
    }
    driver.perform(List.of(sequence));
  }

  private static void awaitAnswer(String expected) {
    awaitAnswer(browser, expected);
  }

  /** Waits until the page shows {@code expected} as its answer; fails with what it shows. */
  private static void awaitAnswer(ChromeDriver driver, String expected) {
    WebDriverWait wait = new WebDriverWait(driver, PATIENCE);
    wait.withMessage(
        () ->
            "expected the answer "
                + expected
                + ", the page shows "
                + driver.findElement(By.id("answer-card")).getDomAttribute("data-state")
                + ": "
                + driver.findElement(By.id("answer")).getText()
                + " / "
                + driver.findElement(By.id("detail")).getText());
    wait.until(
        b ->
            "digit".equals(b.findElement(By.id("answer-card")).getDomAttribute("data-state"))
                && expected.equals(b.findElement(By.id("answer")).getText()));
  }

  private static double probability(WebElement bar) {
    return Double.parseDouble(bar.getDomAttribute("data-p"));
  }

  /** How many of the 28 x 28 view's pixels are lit. */
  private static long inkSeen() {
    return (Long)
        browser.executeScript(
            "const d = document.getElementById('seen').getContext('2d')"
                + ".getImageData(0, 0, 28, 28).data; let n = 0;"
                + " for (let i = 0; i < d.length; i += 4) if (d[i] > 40) n++; return n;");
  }

  /**
   * The whole page as one picture: the viewport is made as tall as the page for the shot (keeping
   * its width, density and, for a phone, its mobile layout), then given back.
   */
  private static void screenshot(ChromeDriver driver, String name) throws IOException {
    Map<String, Object> size =
        (Map<String, Object>)
            driver.executeScript(
                "return {width: window.innerWidth, height:"
                    + " document.documentElement.scrollHeight, scale: window.devicePixelRatio,"
                    + " mobile: navigator.userAgent.includes('Mobile')}");
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of(
            "width", size.get("width"),
            "height", size.get("height"),
            "deviceScaleFactor", size.get("scale"),
            "mobile", size.get("mobile")));
    try {
      Files.write(SCREENSHOTS.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    } finally {
      if (!(Boolean) size.get("mobile")) {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
      }
    }
  }
}
