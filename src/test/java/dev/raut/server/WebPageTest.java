package dev.raut.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.cli.RautCommand;
import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ImageAnalysis;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.text.Language;
import dev.raut.testing.TestDocuments;
import dev.raut.testing.UserModels;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
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
  // app.css's --face and --object
  private static final int[] FACE_COLOUR = {0x2e, 0xcc, 0x71};
  private static final int[] OBJECT_COLOUR = {0xf3, 0x9c, 0x12};

  /** A label drawn on a photo, in displayed pixels. */
  private record Label(String text, double x, double y, double width, double height) {}

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
    // the page's console, to fail on a script error the page would otherwise swallow
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
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

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"en", "id"})
  void twoPhotosGetTheirBoxesAndLabelsDrawnABadFileItsErrorAndOneCanBeRemoved(String tag) throws IOException {
    Language language = Language.parse(tag).orElseThrow();
    WebTexts.Answer words = WebTexts.of(language);
    Path folder = Files.createDirectory(files.resolve("main-" + tag));
    Path sample1 = Files.copy(TestPhotos.sample(1), folder.resolve("sample1.jpg"));
    Path sample2 = Files.copy(TestPhotos.sample(2), folder.resolve("sample2.jpg"));
    Path broken = Files.writeString(folder.resolve("broken.jpg"), "these are words, not pixels", StandardCharsets.UTF_8);
    openPage("?lang=" + tag);
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(tag);
    // the options speak the page's language; nothing chosen yet: everything, with the automatic detector
    assertThat(new Select(browser.findElement(By.id("find"))).getFirstSelectedOption().getText())
        .isEqualTo(words.texts().get("find.all"));
    assertThat(new Select(browser.findElement(By.id("detector"))).getFirstSelectedOption().getText())
        .isEqualTo(words.texts().get("detector.auto"));

    upload(sample1, sample2, broken);
    awaitSettled(3);

    List<WebElement> cards = browser.findElements(By.cssSelector(".photo"));
    assertThat(cards).extracting(c -> c.findElement(By.cssSelector(".name")).getText())
        .containsExactly("sample1.jpg", "sample2.jpg", "broken.jpg");
    assertThat(cards).extracting(c -> c.getAttribute("data-state")).containsExactly("done", "done", "error");
    assertThat(cards.get(2).findElement(By.cssSelector(".error")).getText()).isEqualTo(Map.of(
        "en", "broken.jpg: This is a text file, not an image.", "id", "broken.jpg: Ini berkas teks, bukan gambar.").get(tag));

    // the labels with their confidence in %, one line per face (with its emotion) and per object
    WebElement card = cards.get(0);
    List<String> lines = card.findElements(By.cssSelector(".labels li")).stream().map(WebElement::getText).toList();
    ImageAnalysis expected = analyzer.analyze(Files.readAllBytes(sample1), "sample1.jpg", RautServer.WEB_PAGE_REQUEST);
    assertThat(expected.faces()).isNotEmpty();
    assertThat(expected.objects()).isNotEmpty();
    assertThat(lines).hasSize(expected.faces().size() + expected.objects().size());
    assertThat(lines).allSatisfy(line -> assertThat(line).matches("(?s).*\\d+" + (tag.equals("id") ? "," : "\\.") + "\\d %"));
    ImageAnalysis.Emotion firstEmotion = expected.faces().get(0).emotion();
    assertThat(EMOTIONS).contains(firstEmotion.label());
    assertThat(lines.get(0)).startsWith(words.texts().get("kind.face").replace("{0}", "1"))
        .contains(labelName(words, firstEmotion.label()));
    assertThat(card.findElement(By.cssSelector(".used")).getText()).isEqualTo(words.texts().get("find.all") + " · "
        + words.texts().get("used.detector").replace("{0}", words.texts().get("detector.auto")));

    // every face and every object has its box drawn over the photo, at the photo's displayed size
    double scale = displayedWidth(card) / expected.width();
    List<double[]> faceBoxes = boxes(card, "face");
    List<double[]> objectBoxes = boxes(card, "object");
    assertThat(faceBoxes).hasSize(expected.faces().size());
    assertThat(objectBoxes).hasSize(expected.objects().size());
    for (int i = 0; i < faceBoxes.size(); i++) {
      assertDrawnAt(faceBoxes.get(i), expected.faces().get(i).box(), scale);
    }
    for (int i = 0; i < objectBoxes.size(); i++) {
      assertDrawnAt(objectBoxes.get(i), expected.objects().get(i).box(), scale);
    }
    // each with its label and score, in the page's language
    assertThat(labels(card, "face")).extracting(Label::text).containsExactlyInAnyOrderElementsOf(expected.faces().stream()
        .map(f -> labelName(words, f.emotion().label()) + " " + Math.round(f.emotion().score() * 100) + "%").toList());
    assertThat(labels(card, "object")).extracting(Label::text).containsExactlyInAnyOrderElementsOf(expected.objects().stream()
        .map(o -> labelName(words, o.label()) + " " + Math.round(o.score() * 100) + "%").toList());
    assertLabelsInsideAndApart(card);
    assertLabelsInsideAndApart(cards.get(1));

    // really on screen, in their colours: a face box's left edge green, an object box's orange
    BufferedImage shown = ImageIO.read(new ByteArrayInputStream(
        card.findElement(By.cssSelector(".frame")).getScreenshotAs(OutputType.BYTES)));
    assertThat(hasColourNear(shown, faceBoxes.get(0), FACE_COLOUR)).as("green at face 1's left edge").isTrue();
    assertThat(hasColourNear(shown, objectBoxes.get(0), OBJECT_COLOUR)).as("orange at object 1's left edge").isTrue();
    Files.write(Path.of("target", "web-page-boxes-" + tag + ".png"), browser.getScreenshotAs(OutputType.BYTES));

    card.findElement(By.cssSelector(".remove")).click();
    List<WebElement> left = browser.findElements(By.cssSelector(".photo"));
    assertThat(left).extracting(c -> c.findElement(By.cssSelector(".name")).getText()).containsExactly("sample2.jpg", "broken.jpg");
  }

  @Test
  void theBoxesFollowThePhotoWhenTheWindowResizesAndTheLabelsKeepTheirSize() throws IOException {
    Path sample1 = copy(TestPhotos.sample(1), "sample1-resized.jpg");
    ImageAnalysis expected = analyzer.analyze(Files.readAllBytes(sample1), "sample1.jpg", RautServer.WEB_PAGE_REQUEST);
    openPage("");
    upload(sample1);
    awaitSettled(1);
    WebElement card = browser.findElement(By.cssSelector(".photo"));
    double before = displayedWidth(card);
    double labelHeight = labels(card, "face").get(0).height();
    try {
      browser.manage().window().setSize(new Dimension(560, 1000));
      new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> Math.abs(displayedWidth(card) - before) > 20
          && Math.abs(boxes(card, "face").get(0)[2] - expected.faces().get(0).box().width() * displayedWidth(card)
              / expected.width()) < 1);
      double scale = displayedWidth(card) / expected.width();
      for (int i = 0; i < expected.objects().size(); i++) {
        assertDrawnAt(boxes(card, "object").get(i), expected.objects().get(i).box(), scale);
      }
      assertThat(labels(card, "face").get(0).height()).isEqualTo(labelHeight);
      assertLabelsInsideAndApart(card);
    } finally {
      browser.manage().window().setSize(new Dimension(1280, 1000));
    }
  }

  @Test
  void theChosenOptionsAreSentWithEachUploadShownWithItsResultsAndRemembered() throws IOException {
    Path sample2 = copy(TestPhotos.sample(2), "sample2-options.jpg");
    Path sample1 = copy(TestPhotos.sample(1), "sample1-options.jpg");
    byte[] sample2Bytes = Files.readAllBytes(sample2);
    byte[] sample1Bytes = Files.readAllBytes(sample1);
    openPage("");

    // objects alone: object boxes and lines, no face
    new Select(browser.findElement(By.id("find"))).selectByValue("objects");
    assertThat(browser.findElement(By.id("detector")).isEnabled()).as("no face is looked for").isFalse();
    upload(sample2);
    awaitSettled(1);
    ImageAnalysis objects = analyzer.analyze(sample2Bytes, "sample2.jpg", AnalysisRequest.objectsOnly());
    assertThat(objects.objects()).extracting(ImageAnalysis.DetectedObjectResult::label).contains("person");
    WebElement objectCard = browser.findElements(By.cssSelector(".photo")).get(0);
    assertThat(boxes(objectCard, "face")).isEmpty();
    assertThat(boxes(objectCard, "object")).hasSize(objects.objects().size());
    assertThat(labels(objectCard, "object")).extracting(Label::text).contains("person " + Math.round(objects.objects().get(0).score() * 100) + "%");
    assertThat(objectCard.findElements(By.cssSelector(".labels li"))).hasSize(objects.objects().size())
        .allSatisfy(line -> assertThat(line.getText()).startsWith("object"));
    assertThat(objectCard.findElement(By.cssSelector(".used")).getText()).isEqualTo("Objects (COCO-80)");

    // faces alone with OpenCV's Haar cascade: its boxes, not the automatic detector's
    new Select(browser.findElement(By.id("find"))).selectByValue("faces");
    new Select(browser.findElement(By.id("detector"))).selectByValue("haar");
    upload(sample1);
    awaitSettled(2);
    AnalysisRequest haar = new AnalysisRequest(true, false, false, null, DetectorChoice.HAAR, AnalysisRequest.DEFAULT_OBJECT_THRESHOLD);
    ImageAnalysis byHaar = analyzer.analyze(sample1Bytes, "sample1.jpg", haar);
    ImageAnalysis byAuto = analyzer.analyze(sample1Bytes, "sample1.jpg", haar.withDetector(DetectorChoice.AUTO));
    assertThat(byHaar.faces()).isNotEmpty();
    assertThat(byHaar.faces().get(0).box()).as("the detectors disagree, so the boxes tell which ran")
        .isNotEqualTo(byAuto.faces().get(0).box());
    WebElement faceCard = browser.findElements(By.cssSelector(".photo")).get(1);
    assertThat(boxes(faceCard, "object")).isEmpty();
    assertThat(boxes(faceCard, "face")).hasSize(byHaar.faces().size());
    assertDrawnAt(boxes(faceCard, "face").get(0), byHaar.faces().get(0).box(), displayedWidth(faceCard) / byHaar.width());
    assertThat(labels(faceCard, "face").get(0).text()).startsWith("face ").endsWith("%");
    assertThat(faceCard.findElement(By.cssSelector(".used")).getText()).isEqualTo("Faces · detector: Haar cascade (OpenCV)");
    // the first card keeps saying what it was analysed with
    assertThat(objectCard.findElement(By.cssSelector(".used")).getText()).isEqualTo("Objects (COCO-80)");

    // remembered by the browser, and sent again after a reload
    browser.navigate().refresh();
    awaitLimits();
    assertThat(new Select(browser.findElement(By.id("find"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("faces");
    assertThat(new Select(browser.findElement(By.id("detector"))).getFirstSelectedOption().getAttribute("value")).isEqualTo("haar");
    upload(sample1);
    awaitSettled(1);
    WebElement again = browser.findElement(By.cssSelector(".photo"));
    assertThat(boxes(again, "face")).hasSize(byHaar.faces().size());
    assertThat(boxes(again, "object")).isEmpty();
  }

  @Test
  void anImportedClassifierIsOfferedAndItsClassesAreShown() throws Exception {
    Path data = Files.createDirectory(files.resolve("data"));
    byte[] sample1 = TestPhotos.bytes(TestPhotos.sample(1));
    try (AutoCloseable folder = UserModels.dataFolder(data)) {
      for (String[] asked : new String[][] {{"fer-face", "face"}, {"fer-photo", "image"}}) {
        assertThat(RautCommand.execute("models", "import", UserModels.FER2013.toString(), "--name", asked[0], "--scope",
            asked[1], "--input-scale", "-1-1")).isZero();
      }
      List<ClassifierLibrary.Entry> library = ClassifierLibrary.defaultLibrary().list();
      String faceCard = library.get(0).card().toString();
      String photoCard = library.get(1).card().toString();
      try (RautServer withLibrary = new RautServer(analyzer)) {
        browser.get(withLibrary.start(ServerConfig.defaults().withPort(0).withWorkers(1, 4)).toString());
        awaitLimits();
        Select classifier = new Select(browser.findElement(By.id("classifier")));
        assertThat(classifier.getOptions()).extracting(WebElement::getText)
            .containsExactly("None", "fer-face (each face)", "fer-photo (whole photo)");
        assertThat(classifier.getFirstSelectedOption().getText()).isEqualTo("None");

        // the whole photo's classes, listed
        classifier.selectByVisibleText("fer-photo (whole photo)");
        new Select(browser.findElement(By.id("find"))).selectByValue("objects");
        upload(copy(TestPhotos.sample(1), "sample1-classified.jpg"));
        awaitSettled(1);
        ImageAnalysis wholePhoto = analyzer.analyze(sample1, "sample1.jpg", AnalysisRequest.objectsOnly().withClassifier(photoCard));
        assertThat(wholePhoto.classes()).isNotEmpty();
        WebElement photoResult = browser.findElements(By.cssSelector(".photo")).get(0);
        List<String> classLines = photoResult.findElements(By.cssSelector(".labels li")).stream().map(WebElement::getText)
            .filter(line -> line.startsWith("class")).toList();
        assertThat(classLines).hasSize(wholePhoto.classes().size());
        for (int i = 0; i < classLines.size(); i++) {
          assertThat(classLines.get(i)).contains(wholePhoto.classes().get(i).label());
        }
        assertThat(UserModels.FER2013_LABELS).contains(wholePhoto.classes().get(0).label());
        assertThat(photoResult.findElement(By.cssSelector(".used")).getText())
            .isEqualTo("Objects (COCO-80) · classifier: fer-photo");

        // a face classifier: each face's class on its box and in its line
        new Select(browser.findElement(By.id("classifier"))).selectByVisibleText("fer-face (each face)");
        new Select(browser.findElement(By.id("find"))).selectByValue("faces");
        upload(copy(TestPhotos.sample(1), "sample1-faces-classified.jpg"));
        awaitSettled(2);
        ImageAnalysis perFace = analyzer.analyze(sample1, "sample1.jpg",
            new AnalysisRequest(true, false, false, faceCard, DetectorChoice.AUTO, AnalysisRequest.DEFAULT_OBJECT_THRESHOLD));
        WebElement faceResult = browser.findElements(By.cssSelector(".photo")).get(1);
        assertThat(boxes(faceResult, "face")).hasSize(perFace.faces().size());
        assertThat(labels(faceResult, "face")).extracting(Label::text).containsExactlyInAnyOrderElementsOf(perFace.faces()
            .stream().map(f -> f.classes().get(0).label() + " " + Math.round(f.classes().get(0).score() * 100) + "%").toList());
        List<String> faceLines = faceResult.findElements(By.cssSelector(".labels li")).stream().map(WebElement::getText).toList();
        assertThat(faceLines).hasSize(perFace.faces().size());
        assertThat(faceLines.get(0)).startsWith("face 1").contains(perFace.faces().get(0).classes().get(0).label());
        assertThat(faceResult.findElement(By.cssSelector(".used")).getText())
            .isEqualTo("Faces · detector: Automatic (best for photos) · classifier: fer-face");
      }
    }
  }

  /** A script error fails the test that caused it (a refused request logged by the browser is not one). */
  @AfterEach
  void theScriptRanWithoutErrors() {
    List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage).filter(message -> !message.contains("Failed to load resource")).toList();
    assertThat(errors).as("errors in the page's console").isEmpty();
  }

  @Test
  void theSwitchTurnsThePageIndonesianAndTheServerAnswersInIt() throws IOException {
    Path sample1 = copy(TestPhotos.sample(1), "sample1-id.jpg");
    Path words = Files.writeString(files.resolve("kata.jpg"), "kata-kata, bukan piksel", StandardCharsets.UTF_8);
    openPage("");
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
    openPage("");

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
    openPage("");

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

  /** The page with nothing remembered from an earlier test (language, options). */
  private static void openPage(String query) {
    browser.get(url.toString());
    ((JavascriptExecutor) browser).executeScript("localStorage.clear()");
    browser.get(url + query);
    awaitLimits();
  }

  /** The page has read the server's limits and classifiers. */
  private static void awaitLimits() {
    new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("limits")).getText().contains(" MB"));
  }

  private static String labelName(WebTexts.Answer words, String label) {
    return words.labels().getOrDefault(label, label);
  }

  private static double displayedWidth(WebElement card) {
    return ((Number) ((JavascriptExecutor) browser).executeScript(
        "return arguments[0].querySelector('.preview').getBoundingClientRect().width", card)).doubleValue();
  }

  /** The boxes of a kind (face, object) drawn over the card's photo: x, y, width, height in displayed pixels. */
  private static List<double[]> boxes(WebElement card, String kind) {
    List<?> found = (List<?>) ((JavascriptExecutor) browser).executeScript(
        "return Array.from(arguments[0].querySelectorAll('.overlay rect.box.' + arguments[1]))"
            + ".map(r => [r.x.baseVal.value, r.y.baseVal.value, r.width.baseVal.value, r.height.baseVal.value])", card, kind);
    return found.stream().map(box -> ((List<?>) box).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray()).toList();
  }

  /** The labels of a kind (face, object), or of every kind ("") drawn over the card's photo. */
  private static List<Label> labels(WebElement card, String kind) {
    List<?> found = (List<?>) ((JavascriptExecutor) browser).executeScript(
        "return Array.from(arguments[0].querySelectorAll('.overlay .label' + arguments[1])).map(g => {"
            + " const r = g.querySelector('rect');"
            + " return [g.textContent, r.x.baseVal.value, r.y.baseVal.value, r.width.baseVal.value, r.height.baseVal.value]; })",
        card, kind.isEmpty() ? "" : "." + kind);
    return found.stream().map(l -> {
      List<?> v = (List<?>) l;
      return new Label((String) v.get(0), ((Number) v.get(1)).doubleValue(), ((Number) v.get(2)).doubleValue(),
          ((Number) v.get(3)).doubleValue(), ((Number) v.get(4)).doubleValue());
    }).toList();
  }

  private static void assertDrawnAt(double[] drawn, dev.raut.core.geometry.Box box, double scale) {
    double[] xywh = {box.x(), box.y(), box.width(), box.height()};
    for (int k = 0; k < 4; k++) {
      assertThat(drawn[k]).isCloseTo(xywh[k] * scale, org.assertj.core.data.Offset.offset(0.2));
    }
  }

  /** Every label lies inside the photo, and none covers another or lies under the card's × button. */
  private static void assertLabelsInsideAndApart(WebElement card) {
    double width = displayedWidth(card);
    List<?> geometry = (List<?>) ((JavascriptExecutor) browser).executeScript(
        "const p = arguments[0].querySelector('.preview').getBoundingClientRect();"
            + " const b = arguments[0].querySelector('.remove').getBoundingClientRect();"
            + " return [p.height, b.left - p.left, b.top - p.top, b.width, b.height]", card);
    double height = ((Number) geometry.get(0)).doubleValue();
    Label button = new Label("×", ((Number) geometry.get(1)).doubleValue(), ((Number) geometry.get(2)).doubleValue(),
        ((Number) geometry.get(3)).doubleValue(), ((Number) geometry.get(4)).doubleValue());
    List<Label> labels = labels(card, "");
    List<Label> all = new java.util.ArrayList<>(labels);
    all.add(button);
    assertThat(labels).isNotEmpty().allSatisfy(l -> {
      assertThat(l.x()).isGreaterThanOrEqualTo(0);
      assertThat(l.y()).isGreaterThanOrEqualTo(0);
      assertThat(l.x() + l.width()).isLessThanOrEqualTo(width + 0.05);
      assertThat(l.y() + l.height()).isLessThanOrEqualTo(height + 0.05);
    });
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        Label a = all.get(i);
        Label b = all.get(j);
        boolean overlap = a.x() < b.x() + b.width() - 0.05 && b.x() < a.x() + a.width() - 0.05
            && a.y() < b.y() + b.height() - 0.05 && b.y() < a.y() + a.height() - 0.05;
        assertThat(overlap).as("%s and %s overlap", a, b).isFalse();
      }
    }
  }

  /** Whether the screenshot has the colour on the box's left edge, halfway down (a few pixels either side). */
  private static boolean hasColourNear(BufferedImage shown, double[] box, int[] colour) {
    int y = (int) Math.round(box[1] + box[3] / 2);
    for (int x = (int) Math.round(box[0]) - 3; x <= Math.round(box[0]) + 3; x++) {
      if (x < 0 || x >= shown.getWidth()) {
        continue;
      }
      int rgb = shown.getRGB(x, y);
      if (Math.abs((rgb >> 16 & 0xff) - colour[0]) < 30 && Math.abs((rgb >> 8 & 0xff) - colour[1]) < 30
          && Math.abs((rgb & 0xff) - colour[2]) < 30) {
        return true;
      }
    }
    return false;
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

  private static Path copy(Path source, String name) throws IOException {
    return Files.copy(source, files.resolve(name));
  }
}
