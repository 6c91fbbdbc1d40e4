package com.hazardwatch.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.jobs.LocalPipeline;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.simulators.ScenarioSpec;
import com.hazardwatch.simulators.Scenarios;
import com.hazardwatch.simulators.Simulator;
import com.hazardwatch.simulators.SimulatorOptions;
import com.hazardwatch.testsupport.Browsers;
import com.hazardwatch.testsupport.KafkaProbe;
import com.hazardwatch.testsupport.RepoFiles;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import com.hazardwatch.testsupport.TestCatalogues;
import com.hazardwatch.testsupport.TestJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium against the real pipeline: Mosquitto, the bridge, Kafka, the monitoring job
 * on a MiniCluster and the simulator playing the built-in {@code overfill} on a three-sensor catalogue. An operator
 * logs in, sees the simulator's HIGH alarm appear in the list without reloading the page, acknowledges it with a
 * comment through the action dialog and sees its state change when the job's ACK comes back on hw.alarms. A viewer
 * then sees the same alarm without an acknowledge button, and a POST forged with the viewer's own session and CSRF
 * token is refused with 403. Every page is saved as a PNG under {@code target/screenshots/}.
 */
@ExtendWith(ServicesExtension.class)
class ConsoleBrowserIT {
    /** The overfill starts with the simulator; the tank level crosses H 85 % after about 26 s of its 35 s rise. */
    private static final Duration RAISE_WAIT = Duration.ofSeconds(75);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TANK = "E01-LT101";
    /** The row of the tank's limit alarm (class HI: HIGH, escalating to HIGH_HIGH). */
    private static final String HIGH_OF_TANK = "tr.alarm-row[data-sensor='" + TANK + "'][data-alarm-id*=':HI:']";
    private static final Path SHOTS = Path.of("target", "screenshots");

    private final long started = System.nanoTime();

    @Test
    void anOperatorAcknowledgesTheSimulatorsAlarmLiveAndAViewerCannot(Services services) throws Exception {
        // Chromium starts while the pipeline and the console do
        CompletableFuture<ChromeDriver> browserStarting = CompletableFuture.supplyAsync(Browsers::headlessChromium);
        Settings s = services.isolatedSettings("ConsoleBrowserIT")
                .with(HwOptions.CONSOLE_PORT, "0")
                .with(HwOptions.CONSOLE_USERS, RepoFiles.root().resolve("config/console/users.yaml").toString());
        Catalogue catalogue = TestCatalogues.threeSensors();
        SimulatorOptions so = SimulatorOptions.builder()
                .mqttUrl(s.get(HwOptions.MQTT_URL))
                .topicRoot(s.get(HwOptions.MQTT_TOPIC_ROOT))
                .clientId(s.get(HwOptions.MQTT_CLIENT_ID) + "-sim")
                .addScenario(ScenarioSpec.of(Scenarios.OVERFILL).withTarget(TANK).withStart(Duration.ZERO))
                .duration(Duration.ofSeconds(120))
                .build();
        List<String> simulatorLines = new ArrayList<>();
        Simulator simulator = new Simulator(catalogue, so, line -> {
            synchronized (simulatorLines) {
                simulatorLines.add(line);
            }
        });
        AtomicReference<Throwable> simulatorFailure = new AtomicReference<>();
        Thread simulating = new Thread(() -> {
            try {
                simulator.run();
            } catch (Throwable t) {
                simulatorFailure.set(t);
            }
        }, "it-simulator");

        ChromeDriver browser = null;
        try (ConsoleServer console = new ConsoleServer(s, catalogue)) {
            // the console starts (reading hw.alarms to its end) while the bridge and the job do
            CompletableFuture<Void> consoleStarting = CompletableFuture.runAsync(() -> {
                try {
                    console.start();
                } catch (Exception e) {
                    throw new IllegalStateException("the console did not start: " + e, e);
                }
            });
            try (LocalPipeline pipeline = LocalPipeline.start(s, catalogue)) {
                step("bridge started, job submitted");
                consoleStarting.join();
                String base = "http://127.0.0.1:" + console.port();
                step("console listening at " + base);
                browser = browserStarting.join();
                step("chromium started");
                try {
                    // --- the operator logs in (a wrong password first)
                    browser.get(base + "/");
                    await(browser, WAIT).until(ExpectedConditions.urlToBe(base + "/login"));
                    await(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
                    Browsers.screenshot(browser, SHOTS.resolve("login.png"));
                    logIn(browser, "operator", "not-the-password");
                    WebElement error = await(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
                    assertFalse(error.getText().isBlank(), "a failed login says why");
                    logIn(browser, "operator", "operator-demo");
                    await(browser, WAIT).until(ExpectedConditions.urlToBe(base + "/"));
                    await(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#live-status[data-live='true']")));
                    assertTrue(browser.findElement(By.id("whoami")).getText().contains("operator"),
                            "whoami: " + browser.findElement(By.id("whoami")).getText());
                    for (String nav : List.of("nav-alarms", "nav-board", "nav-health", "nav-digest", "nav-notifications", "nav-roster", "logout")) {
                        assertFalse(browser.findElements(By.id(nav)).isEmpty(), "navigation #" + nav + " is on the page");
                    }
                    // (a slow start can show STALE rows for sensors never heard from: the job reports them after 60 s)
                    assertTrue(browser.findElements(By.cssSelector(HIGH_OF_TANK)).isEmpty(),
                            "nothing has been simulated yet: " + describeRows(browser));
                    step("operator logged in, live stream connected");

                    // --- the simulator overfills the tank; the alarm arrives in the open page, which is never reloaded
                    js(browser).executeScript("window.hwNotReloaded = true;");
                    simulating.start();
                    By raisedHigh = By.cssSelector(HIGH_OF_TANK + "[data-state='ACTIVE_UNACK']");
                    WebElement row;
                    try {
                        row = await(browser, RAISE_WAIT).until(ExpectedConditions.presenceOfElementLocated(raisedHigh));
                    } catch (org.openqa.selenium.TimeoutException e) {
                        throw new AssertionError("no ACTIVE_UNACK HIGH row for " + TANK + " within " + RAISE_WAIT.toSeconds()
                                + " s; rows: " + describeRows(browser) + "; simulator: " + lines(simulatorLines)
                                + "; simulator failure: " + simulatorFailure.get() + "; job: " + pipeline.jobStatus(), e);
                    }
                    // the level stands still from here (HIGH stays active, no escalation to HH after the acknowledgement)
                    simulator.stop();
                    String alarmId = row.getAttribute("data-alarm-id");
                    step("row of " + alarmId + " arrived live");
                    assertEquals(Boolean.TRUE, js(browser).executeScript("return window.hwNotReloaded === true;"),
                            "the row arrived over the live stream, without a page load");
                    Browsers.screenshot(browser, SHOTS.resolve("alarms.png"));

                    // --- acknowledge it with a comment through the dialog
                    String comment = "level rising, feed pump P-101 stopped by the field operator";
                    row.findElement(By.cssSelector("button.act-ack")).click();
                    await(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("action-dialog")));
                    browser.findElement(By.id("action-comment")).sendKeys(comment);
                    Browsers.screenshot(browser, SHOTS.resolve("ack-dialog.png"));
                    browser.findElement(By.id("action-confirm")).click();
                    await(browser, WAIT).until(d -> !d.findElement(By.id("action-result")).getText().isBlank());
                    By acked = By.cssSelector("tr.alarm-row[data-alarm-id='" + alarmId + "'][data-state='ACTIVE_ACK']");
                    try {
                        await(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(acked));
                    } catch (org.openqa.selenium.TimeoutException e) {
                        throw new AssertionError("the row of " + alarmId + " did not turn ACTIVE_ACK; action result: "
                                + browser.findElement(By.id("action-result")).getText() + "; rows: " + describeRows(browser), e);
                    }
                    assertEquals(Boolean.TRUE, js(browser).executeScript("return window.hwNotReloaded === true;"),
                            "the new state arrived over the live stream, without a page load");
                    step("acknowledged: the row turned ACTIVE_ACK");
                    Browsers.screenshot(browser, SHOTS.resolve("alarms-acknowledged.png"));

                    // the state came from the engine: its ACK, by the operator, with the comment, is on hw.alarms
                    List<KafkaProbe.Record> onTopic = KafkaProbe.awaitRecords(s.get(HwOptions.KAFKA_BOOTSTRAP),
                            s.get(HwOptions.TOPIC_ALARMS), r -> ack(r, alarmId) != null, WAIT);
                    JsonNode ack = ack(onTopic, alarmId);
                    assertTrue(ack != null, "an ACK of " + alarmId + " on hw.alarms");
                    assertEquals("operator", ack.get("operator").asText());
                    assertEquals(comment, ack.get("comment").asText());
                    assertEquals("ACTIVE_ACK", ack.get("state").asText());

                    // --- the alarm's detail page: trend and history with the acknowledgement
                    browser.get(base + "/alarm?id=" + URLEncoder.encode(alarmId, StandardCharsets.UTF_8));
                    await(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg#trend")));
                    await(browser, WAIT).until(d -> d.findElement(By.id("history")).getText().contains(comment));
                    Browsers.screenshot(browser, SHOTS.resolve("detail.png"));
                    step("detail page with trend and history");

                    // --- the four-colour board: the acknowledged HIGH still stands, so E01 is not blue
                    browser.get(base + "/board");
                    await(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".board-town[data-town='T01']")));
                    By e01 = By.cssSelector(".board-enterprise[data-enterprise='E01']");
                    await(browser, WAIT).until(d -> {
                        List<WebElement> found = d.findElements(e01);
                        return !found.isEmpty() && !"blue".equalsIgnoreCase(found.get(0).getAttribute("data-level"));
                    });
                    String townLevel = browser.findElement(By.cssSelector(".board-town[data-town='T01']")).getAttribute("data-level");
                    assertTrue(List.of("yellow", "orange", "red").contains(townLevel.toLowerCase(Locale.ROOT)), "T01 level " + townLevel);
                    Browsers.screenshot(browser, SHOTS.resolve("board.png"));
                    step("board: T01 " + townLevel);

                    // --- health (the tank among the most frequent alarms) and digest (E01 with this week's alarms)
                    for (String[] page : new String[][] {{"health", TANK}, {"digest", "E01"}}) {
                        browser.get(base + "/" + page[0]);
                        await(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id(page[0])));
                        try {
                            await(browser, WAIT).until(d -> d.findElement(By.id(page[0])).getText().contains(page[1]));
                        } catch (org.openqa.selenium.TimeoutException e) {
                            throw new AssertionError("#" + page[0] + " never showed " + page[1] + ": "
                                    + browser.findElement(By.id(page[0])).getText(), e);
                        }
                        Browsers.screenshot(browser, SHOTS.resolve(page[0] + ".png"));
                    }
                    step("health and digest pages");

                    // --- log out; a viewer sees the alarm but cannot acknowledge it
                    browser.findElement(By.id("logout")).click();
                    await(browser, WAIT).until(ExpectedConditions.urlContains("/login"));
                    logIn(browser, "viewer", "viewer-demo");
                    await(browser, WAIT).until(ExpectedConditions.urlToBe(base + "/"));
                    assertTrue(await(browser, WAIT).until(d -> d.findElement(By.id("whoami")).getText()).contains("viewer"));
                    WebElement viewerRow = await(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("tr.alarm-row[data-alarm-id='" + alarmId + "']")));
                    for (WebElement b : viewerRow.findElements(By.cssSelector("button.act-ack, button.act-shelve"))) {
                        assertFalse(b.isDisplayed() && b.isEnabled(), "a viewer has no usable " + b.getAttribute("class") + " button");
                    }
                    Browsers.screenshot(browser, SHOTS.resolve("alarms-viewer.png"));
                    Object status = js(browser).executeAsyncScript("""
                            const done = arguments[arguments.length - 1];
                            fetch('/api/me').then(r => r.json()).then(me => fetch('/api/command', {
                                method: 'POST',
                                headers: {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf},
                                body: JSON.stringify({command: 'ack', alarmId: arguments[0], comment: 'forged by a viewer'})
                            })).then(r => done(r.status), e => done('failed: ' + e));
                            """, alarmId);
                    assertEquals(403L, status, "a viewer's acknowledgement is refused by the server, not only hidden");
                    step("viewer: no acknowledge button, forged POST refused with 403");
                } finally {
                    simulator.stop();
                }
            }
        } finally {
            simulator.stop();
            if (browser != null) {
                browser.quit();
            } else {
                browserStarting.thenAccept(WebDriver::quit);
            }
            simulating.join(15_000);
            step("stopped");
        }
    }

    /** One line per phase with the time since the test began, so a slow run shows where the time went. */
    private void step(String what) {
        System.out.printf(Locale.ROOT, "ConsoleBrowserIT +%.1f s: %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    private static void logIn(WebDriver browser, String user, String password) {
        WebElement form = browser.findElement(By.id("login-form"));
        WebElement u = form.findElement(By.cssSelector("input[name=username]"));
        WebElement p = form.findElement(By.cssSelector("input[name=password]"));
        u.clear();
        u.sendKeys(user);
        p.clear();
        p.sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    private static WebDriverWait await(WebDriver browser, Duration timeout) {
        WebDriverWait w = new WebDriverWait(browser, timeout, Duration.ofMillis(200));
        w.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return w;
    }

    private static JavascriptExecutor js(WebDriver browser) {
        return (JavascriptExecutor) browser;
    }

    private static String describeRows(WebDriver browser) {
        List<String> out = new ArrayList<>();
        for (WebElement r : browser.findElements(By.cssSelector("tr.alarm-row"))) {
            out.add(r.getAttribute("data-alarm-id") + " " + r.getAttribute("data-state"));
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    private static String lines(List<String> lines) {
        synchronized (lines) {
            return lines.isEmpty() ? "no output" : String.join(" | ", lines);
        }
    }

    /** The ACK of {@code alarmId} among hw.alarms records, or null. */
    private static JsonNode ack(List<KafkaProbe.Record> records, String alarmId) {
        for (KafkaProbe.Record r : records) {
            JsonNode n = TestJson.json(r.value());
            if (alarmId.equals(n.path("alarmId").asText()) && "ACK".equals(n.path("transition").asText())) {
                return n;
            }
        }
        return null;
    }
}
