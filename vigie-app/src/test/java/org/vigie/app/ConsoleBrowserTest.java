package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.model.EventId;
import org.vigie.core.model.EvidenceRef;
import org.vigie.server.cameras.CameraDirectory;

/**
 * The operator console in a real browser (Debian's Chromium, headless) against the whole platform: an incident
 * appears in the queue without a reload, the keyboard acknowledges one and dismisses another with a reason, the
 * blurred snapshot and the audio waveform show, confirming takes the incident out of the queue, the map shows it,
 * and a zone drawn on a camera is saved. Screenshots go to {@code target/screenshots}.
 */
class ConsoleBrowserTest {
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String CAMERA = "cam-vieux-port";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserProfile;

    static Platform platform;
    static TestHttp http;
    static WebDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "browser tests skipped: they need Debian's chromium and chromium-driver (/usr/bin/chromium, "
                        + "/usr/bin/chromedriver); .ci/run installs them");
        VigieConfig config = VigieConfig.embedded(dataDir, 0).withServer(new VigieConfig.Server("127.0.0.1", 0))
                .withConsole(new VigieConfig.Console("", "",
                        List.of(new CameraDirectory.Camera(CAMERA, "Vieux-Port, quai du Port", 43.2951, 5.3739)),
                        List.of()));
        platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC());
        for (Demo.Credential c : Demo.createAccounts(platform.store(), Clock.systemUTC())) {
            PASSWORDS.put(c.role(), c.password());
        }
        http = new TestHttp(platform.url());
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--window-size=1400,1000", "--user-data-dir=" + browserProfile.toAbsolutePath());
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (platform != null) {
            platform.close();
        }
    }

    /** The demo's accounts, one per role, made for this run. */
    static final Map<String, String> PASSWORDS = new HashMap<>();

    /** Signs in as the account of this role through the login form, as a person would. */
    static void signIn(String role) {
        browser.manage().deleteAllCookies();
        browser.get(platform.url() + "login");
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("user")));
        user.clear();
        user.sendKeys(role);
        WebElement password = browser.findElement(By.name("password"));
        password.clear();
        password.sendKeys(PASSWORDS.get(role));
        password.submit();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    static void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    static byte[] blurredSnapshot() throws IOException {
        var img = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 180; y++) {
            for (int x = 0; x < 320; x++) {
                img.setRGB(x, y, new Color(60 + x / 4, 80 + y / 3, 110).getRGB());
            }
        }
        var out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** Half a second of 16-bit mono PCM at 8 kHz: silence with one sharp impulse, as an audio detector keeps. */
    static byte[] impulseWav() {
        int samples = 4000;
        var b = java.nio.ByteBuffer.allocate(44 + samples * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            double v = i >= 2000 && i < 2200 ? Math.exp(-(i - 2000) / 40.0) * Math.sin(i * 0.9) : 0;
            b.putShort((short) Math.round(v * 30000));
        }
        return b.array();
    }

    @Test
    void anIncidentAppearsLiveIsOpenedWithItsSnapshotAndLeavesTheQueueOnceConfirmed() throws Exception {
        signIn("operator");
        browser.get(platform.url() + "console?lang=en");
        wait.until(ExpectedConditions.attributeContains(By.id("live"), "class", "on"));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

        Instant now = Instant.now();
        EvidenceRef snapshot = platform.evidence().put(EvidenceRef.Kind.SNAPSHOT, "image/png", blurredSnapshot(), now);
        EvidenceRef audio = platform.evidence().put(EvidenceRef.Kind.AUDIO, "audio/wav", impulseWav(), now);
        String eventId = EventId.newId().toString();
        var posted = http.post("/api/v1/events", """
                [{"id": "%s", "occurredAt": "%s", "source": {"kind": "camera", "id": "%s"}, "type": "abandoned_object",
                  "location": {"lat": 43.2951, "lon": 5.3739, "accuracyMeters": 15}, "confidence": 0.9,
                  "evidence": [{"kind": "snapshot", "uri": "%s", "sha256": "%s"}, {"kind": "audio", "uri": "%s"}]}]"""
                .formatted(eventId, now, CAMERA, snapshot.uri(), snapshot.sha256(), audio.uri()));
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);

        By row = By.cssSelector("#queue-rows tr.incident");
        WebElement first = wait.until(ExpectedConditions.visibilityOfElementLocated(row));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
                .as("the incident arrived over the live stream, without a page reload").isEqualTo(true);
        assertThat(first.getText()).contains("Abandoned object");
        String incidentId = first.getAttribute("data-id");
        screenshot("01-queue-live");

        new Actions(browser).sendKeys("j").sendKeys("a").perform();
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#queue-rows tr[data-id='" + incidentId + "'][data-status='acknowledged']")));

        String graffiti = EventId.newId().toString();
        assertThat(http.post("/api/v1/events", """
                [{"id": "%s", "occurredAt": "%s", "source": {"kind": "citizen", "id": "app"}, "type": "graffiti",
                  "location": {"lat": 43.33, "lon": 5.42, "accuracyMeters": 30}, "confidence": 0.5}]"""
                .formatted(graffiti, now)).status()).isEqualTo(202);
        wait.until(ExpectedConditions.numberOfElementsToBe(row, 2));
        new Actions(browser).sendKeys("j").sendKeys("d").perform();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dismiss-dialog")));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("dismiss-code"))).selectByValue("test");
        browser.findElement(By.id("dismiss-text")).sendKeys("exercise tag");
        browser.findElement(By.id("dismiss-ok")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(row, 1));
        assertThat(browser.findElement(row).getAttribute("data-id")).isEqualTo(incidentId);
        first = browser.findElement(By.cssSelector("#queue-rows tr[data-id='" + incidentId + "']"));

        first.findElement(By.tagName("a")).click();
        wait.until(ExpectedConditions.urlContains("/console/incidents/" + incidentId));
        WebElement img = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("img.snapshot")));
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth === 320;", img));
        WebElement waveform = browser.findElement(By.cssSelector("canvas.waveform"));
        wait.until(ExpectedConditions.attributeToBe(waveform, "data-samples", "4000"));
        screenshot("02-incident-snapshot");

        browser.findElement(By.id("confirm")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#incident[data-status='confirmed']")));
        assertThat(browser.findElement(By.cssSelector("table.history")).getText()).contains("acknowledged", "confirmed");
        screenshot("03-incident-confirmed");

        browser.get(platform.url() + "console/map");
        wait.until(ExpectedConditions.attributeToBe(By.id("map"), "data-ready", "true"));
        assertThat(browser.findElements(By.cssSelector("#map path.marker-incident"))).as("the confirmed incident").hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#map path.marker-camera"))).as("the camera").hasSize(1);
        screenshot("04-map");

        browser.get(platform.url() + "console");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue-rows")));
        assertThat(browser.findElements(By.cssSelector("#queue-rows tr[data-id='" + incidentId + "']")))
                .as("a confirmed incident is no longer in the queue").isEmpty();
        screenshot("05-queue-after-confirm");
    }

    @Test
    void aZoneDrawnOnACameraIsSavedToTheRunningCamera() throws Exception {
        signIn("supervisor");
        browser.get(platform.url() + "console/cameras/" + CAMERA + "?lang=en");
        WebElement img = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("snapshot")));
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0;", img));
        WebElement overlay = browser.findElement(By.id("overlay"));
        int w = overlay.getSize().getWidth();
        int h = overlay.getSize().getHeight();

        browser.findElement(By.id("tool-polygon")).click();
        // Offsets are from the centre of the element in Selenium 4.
        new Actions(browser)
                .moveToElement(overlay, -w / 4, -h / 4).click()
                .moveToElement(overlay, w / 4, -h / 4).click()
                .moveToElement(overlay, 0, h / 4).click()
                .perform();
        browser.findElement(By.id("finish")).click();
        assertThat(browser.findElements(By.cssSelector("#overlay polygon"))).hasSize(1);
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.attributeToBeNotEmpty(overlay, "data-saved"));
        screenshot("06-camera-zone-saved");

        var layout = http.get("/api/v1/cameras/" + CAMERA + "/layout").json();
        assertThat(layout.path("zones")).hasSize(1);
        var points = layout.path("zones").get(0).path("points");
        assertThat(points).hasSize(3);
        assertThat(points.get(0).get(0).asDouble()).isBetween(0.2, 0.3);
        assertThat(points.get(2).get(1).asDouble()).isBetween(0.7, 0.8);

        browser.navigate().refresh();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#overlay polygon"), 1));
    }

    /** The auditor checks who looked at evidence, never the evidence itself. */
    @Test
    void anAuditorCannotOpenEvidence() throws Exception {
        Instant now = Instant.now();
        EvidenceRef snapshot = platform.evidence().put(EvidenceRef.Kind.SNAPSHOT, "image/png", blurredSnapshot(), now);
        String eventId = EventId.newId().toString();
        http.post("/api/v1/events", """
                [{"id": "%s", "occurredAt": "%s", "source": {"kind": "camera", "id": "%s"}, "type": "graffiti",
                  "location": {"lat": 43.30, "lon": 5.38, "accuracyMeters": 15}, "confidence": 0.8,
                  "evidence": [{"kind": "snapshot", "uri": "%s", "sha256": "%s"}]}]"""
                .formatted(eventId, now, CAMERA, snapshot.uri(), snapshot.sha256()));
        signIn("auditor");
        // The auditor's pages: the audit log, never an incident's page nor its evidence.
        browser.get(platform.url() + "console/search?type=graffiti");
        assertThat(browser.findElements(By.cssSelector("#search-incidents a"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("img.snapshot"))).isEmpty();
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/v1/evidence/" + snapshot.uri().substring("evidence:".length()) + "')"
                        + ".then(r => done(r.status));");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        screenshot("07-auditor-no-evidence");
    }

    static boolean present(By by) {
        try {
            browser.findElement(by);
            return true;
        } catch (NoSuchElementException e) {
            return false;
        }
    }
}
