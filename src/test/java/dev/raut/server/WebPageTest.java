package dev.raut.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.testing.TestDocuments;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in Debian's headless Chromium (packages chromium and chromium-driver; the test
 * fails, not skips, without them). Selenium is pointed at /usr/bin/chromedriver, so Selenium
 * Manager never runs and nothing is downloaded.
 */
class WebPageTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final List<String> EMOTIONS = List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");

  @TempDir
  static Path files;

  private static Engine engine;
  private static Analyzer analyzer;
  private static RautServer server;
  private static URI url;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws IOException {
    assertThat(CHROMIUM).as("Chromium (apt-get install chromium chromium-driver)").isExecutable();
    assertThat(CHROMEDRIVER).as("ChromeDriver (apt-get install chromium-driver)").isExecutable();
    engine = Engine.openDefault();
    analyzer = new Analyzer(engine);
    server = new RautServer(analyzer);
    url = server.start(ServerConfig.defaults().withPort(0).withWorkers(2, 8).withMaxUploadBytes(1024 * 1024));

    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--window-size=1280,1000", "--user-data-dir=" + Files.createDirectory(files.resolve("chromium-profile")));
    browser = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.stop();
    }
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void twoPhotosAndABadFileGiveTwoResultsAndOneErrorAndOneCanBeRemoved() throws IOException {
    Path sample1 = copy(TestPhotos.sample(1), "sample1.jpg");
    Path sample2 = copy(TestPhotos.sample(2), "sample2.jpg");
    Path broken = Files.writeString(files.resolve("broken.jpg"), "these are words, not pixels", StandardCharsets.UTF_8);
    openPage();

    upload(sample1, sample2, broken);
    awaitSettled(3);

    List<WebElement> cards = browser.findElements(By.cssSelector(".photo"));
    assertThat(cards).extracting(c -> c.findElement(By.cssSelector(".name")).getText())
        .containsExactly("sample1.jpg", "sample2.jpg", "broken.jpg");
    assertThat(cards).extracting(c -> c.getAttribute("data-state")).containsExactly("done", "done", "error");
    assertThat(cards.get(2).findElement(By.cssSelector(".error")).getText()).contains("not an image");

    // the labels with their confidence in %, one line per face (with its emotion) and per object
    List<String> labels = cards.get(0).findElements(By.cssSelector(".labels li")).stream().map(WebElement::getText).toList();
    ImageAnalysis expected = analyzer.analyze(Files.readAllBytes(sample1), "sample1.jpg", RautServer.WEB_PAGE_REQUEST);
    assertThat(labels).hasSize(expected.faces().size() + expected.objects().size());
    assertThat(labels).allSatisfy(line -> assertThat(line).matches("(?s).*\\d+\\.\\d %"));
    assertThat(labels.get(0)).startsWith("face 1").contains(expected.faces().get(0).emotion().label());
    assertThat(EMOTIONS).contains(expected.faces().get(0).emotion().label());

    // the first face's box is drawn over the photo: its left edge is the overlay's green
    List<Double> box = expected.faces().get(0).box();
    long[] pixel = pixel(cards.get(0), expected.width(), box.get(0), box.get(1) + box.get(3) / 2);
    assertThat(pixel[0]).isBetween(27L, 87L);
    assertThat(pixel[1]).isBetween(181L, 241L);
    assertThat(pixel[2]).isBetween(53L, 113L);
    Files.write(Path.of("target", "web-page.png"), browser.getScreenshotAs(OutputType.BYTES));

    cards.get(0).findElement(By.cssSelector(".remove")).click();
    List<WebElement> left = browser.findElements(By.cssSelector(".photo"));
    assertThat(left).extracting(c -> c.findElement(By.cssSelector(".name")).getText()).containsExactly("sample2.jpg", "broken.jpg");
  }

  @Test
  void theSwitchTurnsThePageIndonesianAndTheServerAnswersInIt() throws IOException {
    Path sample1 = copy(TestPhotos.sample(1), "sample1-id.jpg");
    Path words = Files.writeString(files.resolve("kata.jpg"), "kata-kata, bukan piksel", StandardCharsets.UTF_8);
    openPage();
    upload(sample1);
    awaitSettled(1);
    WebElement first = browser.findElement(By.cssSelector(".photo"));
    assertThat(first.findElement(By.cssSelector(".labels li")).getText()).startsWith("face 1");
    try {
      new Select(browser.findElement(By.id("language"))).selectByValue("id");
      new WebDriverWait(browser, Duration.ofSeconds(20))
          .until(d -> d.findElement(By.cssSelector(".tagline")).getText().startsWith("Wajah, emosi, dan objek"));

      assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("id");
      assertThat(browser.findElement(By.id("drop")).getText()).contains("Letakkan foto di sini").contains("telusuri");
      assertThat(browser.findElement(By.id("limits")).getText()).contains("masing-masing sampai 1 MB");
      // the card already shown is relabelled, its emotion in Indonesian
      String faceLine = first.findElement(By.cssSelector(".labels li")).getText();
      assertThat(faceLine).startsWith("wajah 1");
      assertThat(List.of("marah", "jijik", "takut", "senang", "sedih", "terkejut", "netral"))
          .anyMatch(faceLine::contains);
      assertThat(first.findElement(By.cssSelector(".remove")).getAttribute("title")).isEqualTo("Hapus foto ini");

      upload(words);
      awaitSettled(2);
      WebElement refused = browser.findElements(By.cssSelector(".photo")).get(1);
      assertThat(refused.getAttribute("data-state")).isEqualTo("error");
      assertThat(refused.findElement(By.cssSelector(".error")).getText()).isEqualTo("kata.jpg: Ini berkas teks, bukan gambar.");
      Files.write(Path.of("target", "web-page-id.png"), browser.getScreenshotAs(OutputType.BYTES));

      // remembered: a reload stays Indonesian
      browser.navigate().refresh();
      new WebDriverWait(browser, Duration.ofSeconds(20))
          .until(d -> d.findElement(By.id("limits")).getText().contains("masing-masing sampai 1 MB"));
    } finally {
      new Select(browser.findElement(By.id("language"))).selectByValue("en");
      new WebDriverWait(browser, Duration.ofSeconds(20))
          .until(d -> d.findElement(By.cssSelector("#drop strong")).getText().equals("Drop photos here"));
    }
  }

  @Test
  void eachPhotoOfADroppedDocumentGetsItsOwnCard() throws IOException {
    Path talk = TestDocuments.pptx(files.resolve("talk.pptx"), List.of(List.of(1), List.of(5)));
    Path secret = TestDocuments.encryptedPdf(files.resolve("secret.pdf"), 1);
    openPage();

    upload(talk, secret);
    awaitSettled(3);

    List<WebElement> cards = browser.findElements(By.cssSelector(".photo"));
    assertThat(cards).extracting(c -> c.findElement(By.cssSelector(".name")).getText())
        .containsExactly("talk.pptx — slide 1, photo 1", "talk.pptx — slide 2, photo 1", "secret.pdf");
    assertThat(cards).extracting(c -> c.getAttribute("data-state")).containsExactly("done", "done", "error");
    // sample 5's five faces, each with its emotion, listed on the second slide's card
    assertThat(cards.get(1).findElements(By.cssSelector(".labels li")).stream().map(WebElement::getText)
        .filter(t -> t.startsWith("face"))).hasSize(5);
    assertThat(cards.get(2).findElement(By.cssSelector(".error")).getText()).contains("protected with a password");
  }

  @Test
  void filesOfTheWrongTypeOrOverTheLimitAreRefusedInThePage() throws IOException {
    Path notes = Files.writeString(files.resolve("notes.txt"), "not a photo", StandardCharsets.UTF_8);
    byte[] noise = new byte[1536 * 1024];
    new Random(3).nextBytes(noise);
    Path huge = Files.write(files.resolve("huge.jpg"), noise);
    openPage();

    upload(notes, huge);
    awaitSettled(2);

    List<WebElement> cards = browser.findElements(By.cssSelector(".photo"));
    assertThat(cards).extracting(c -> c.getAttribute("data-state")).containsExactly("error", "error");
    assertThat(cards.get(0).findElement(By.cssSelector(".error")).getText()).contains("notes.txt is not a photo Raut reads");
    assertThat(cards.get(1).findElement(By.cssSelector(".error")).getText()).contains("huge.jpg is 1.5 MB, over the 1 MB limit");
  }

  @Test
  void withATokenThePageAsksForItAndSendsIt() throws IOException {
    try (RautServer guarded = new RautServer(analyzer)) {
      URI guardedUrl = guarded.start(ServerConfig.defaults().withPort(0).withWorkers(1, 4).withToken("open-sesame"));
      browser.get(guardedUrl.toString());
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      wait.until(d -> d.findElement(By.id("token-box")).isDisplayed());

      browser.findElement(By.id("token")).sendKeys("wrong");
      browser.findElement(By.id("token-save")).click();
      wait.until(d -> d.findElement(By.id("token-message")).getText().contains("not accepted"));

      browser.findElement(By.id("token")).clear();
      browser.findElement(By.id("token")).sendKeys("open-sesame");
      browser.findElement(By.id("token-save")).click();
      wait.until(d -> !d.findElement(By.id("token-box")).isDisplayed());
      upload(copy(TestPhotos.sample(4), "sample4.jpg"));
      awaitSettled(1);
      assertThat(browser.findElement(By.cssSelector(".photo")).getAttribute("data-state")).isEqualTo("done");
    } finally {
      // the token stays in this tab's session storage; the other tests' server needs none
      ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
    }
  }

  private static void openPage() {
    browser.get(url.toString());
    // the page has read the server's limits
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(d -> d.findElement(By.id("limits")).getText().contains("up to 1 MB each"));
  }

  private static void upload(Path... paths) {
    WebElement input = browser.findElement(By.id("files"));
    // the input hides behind the "browse" link; Selenium types file paths only into a displayed one
    ((JavascriptExecutor) browser).executeScript("arguments[0].style.display = 'block'", input);
    input.sendKeys(String.join("\n", java.util.Arrays.stream(paths).map(p -> p.toAbsolutePath().toString()).toList()));
  }

  private static void awaitSettled(int cards) {
    new WebDriverWait(browser, Duration.ofSeconds(90)).until(d ->
        d.findElements(By.cssSelector(".photo")).size() == cards
            && d.findElements(By.cssSelector(".photo[data-state='loading']")).isEmpty());
  }

  /** The preview's pixel at ({@code x}, {@code y}) of the photo, which is {@code photoWidth} wide. */
  private static long[] pixel(WebElement card, int photoWidth, double x, double y) {
    Object rgba = ((JavascriptExecutor) browser).executeScript(
        "const c = arguments[0].querySelector('canvas'); const s = c.width / arguments[1];"
            + "return Array.from(c.getContext('2d').getImageData(Math.round(arguments[2] * s), Math.round(arguments[3] * s), 1, 1).data);",
        card, photoWidth, x, y);
    List<?> values = (List<?>) rgba;
    return new long[] {((Number) values.get(0)).longValue(), ((Number) values.get(1)).longValue(), ((Number) values.get(2)).longValue()};
  }

  private static Path copy(Path source, String name) throws IOException {
    return Files.copy(source, files.resolve(name));
  }
}
