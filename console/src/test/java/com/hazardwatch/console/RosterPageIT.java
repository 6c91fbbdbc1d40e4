package com.hazardwatch.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import com.hazardwatch.testsupport.Browsers;
import com.hazardwatch.testsupport.ConsoleClient;
import com.hazardwatch.testsupport.RepoFiles;
import com.hazardwatch.testsupport.Services;
import com.hazardwatch.testsupport.ServicesExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The duty roster page on the real services, with a temporary copy of the demo roster: everyone reads who is on duty
 * (without addresses), only a supervisor reads the source and saves; a wrong roster is refused with every error and the
 * file stays as it was; a good one replaces the file, keeps the previous as .bak and is audited; then the same edits
 * through the page in a real headless Chromium.
 */
@ExtendWith(ServicesExtension.class)
class RosterPageIT {

    static String saveBody(String yaml, String version) {
        ObjectNode o = JsonNodeFactory.instance.objectNode().put("yaml", yaml);
        if (version != null) {
            o.put("version", version);
        }
        return o.toString();
    }

    @Test
    void everyoneReadsTheRosterOnlyASupervisorChangesIt(Services services, @TempDir Path dir) throws Exception {
        Path roster = dir.resolve("roster.yaml");
        Files.copy(RepoFiles.root().resolve("config/roster/demo-roster.yaml"), roster);
        byte[] original = Files.readAllBytes(roster);
        Settings s = services.isolatedSettings("RosterPageIT")
                .with(HwOptions.CONSOLE_PORT, "0")
                .with(HwOptions.CONSOLE_USERS, ConsoleClient.demoUsers().toString())
                .with(HwOptions.NOTIFY_ROSTER, roster.toString());
        Catalogue catalogue = CatalogueLoader.load(RepoFiles.demoCatalogue());

        try (ConsoleServer console = new ConsoleServer(s, catalogue)) {
            console.start();
            assertEquals(roster, console.rosterFile());
            try (ConsoleClient viewer = ConsoleClient.at(console.port());
                 ConsoleClient operator = ConsoleClient.at(console.port());
                 ConsoleClient supervisor = ConsoleClient.at(console.port())) {
                assertEquals(303, viewer.login("viewer", "viewer-demo"));
                assertEquals(303, operator.login("operator", "operator-demo"));
                assertEquals(303, supervisor.login("supervisor", "supervisor-demo"));

                // every role reads who is on duty now: the district, each town, each enterprise, with channel kinds only
                ConsoleClient.Answer read = viewer.get("/api/roster");
                assertEquals(200, read.status(), read.body());
                JsonNode r = read.json();
                assertEquals(1 + catalogue.towns().size() + catalogue.enterprises().size(), r.path("scopes").size());
                for (JsonNode scope : r.path("scopes")) {
                    assertFalse(scope.path("onDuty").isEmpty(), "the demo roster has no gap: " + scope);
                    assertFalse(scope.path("shifts").isEmpty(), scope.toString());
                }
                JsonNode district = r.path("scopes").get(0);
                assertEquals("DISTRICT", district.path("level").asText());
                assertEquals(2, district.path("onDuty").size(), "two command-centre officers on every shift");
                assertEquals(List.of("webhook", "mqtt", "email"), textList(district.path("onDuty").get(0).path("channels")));
                assertFalse(read.body().contains("127.0.0.1:8787") || read.body().contains("@yjj.example.cn"),
                        "no webhook address or e-mail in what every role reads");
                JsonNode e01 = scope(r, "E01");
                assertEquals(3, e01.path("shifts").size());

                // the page and its link; the editor only in a supervisor's page
                String viewerPage = viewer.get("/roster").body();
                assertTrue(viewerPage.contains("id=\"nav-roster\"") && viewerPage.contains("id=\"roster-now\""));
                assertFalse(viewerPage.contains("id=\"roster-save\""), "no save button for a viewer");
                assertTrue(viewer.get("/").body().contains("id=\"nav-roster\""), "the link on every page");
                String supervisorPage = supervisor.get("/roster").body();
                assertTrue(supervisorPage.contains("id=\"roster-source\"") && supervisorPage.contains("id=\"roster-save\""));

                // refused for a viewer and an operator, with a message; the source too (it holds the addresses)
                ConsoleClient.Answer viewerSave = viewer.post("/api/roster", saveBody(new String(original, StandardCharsets.UTF_8), null));
                assertEquals(403, viewerSave.status(), viewerSave.body());
                assertTrue(viewerSave.json().path("error").asText().contains("role viewer may not change the duty roster"), viewerSave.body());
                assertEquals(403, operator.post("/api/roster", saveBody("name: x", null)).status());
                assertEquals(403, viewer.get("/api/roster/source").status());
                assertEquals(403, supervisor.post("/api/roster", saveBody("name: x", null), null).status(), "no CSRF token");

                ConsoleClient.Answer source = supervisor.get("/api/roster/source");
                assertEquals(200, source.status(), source.body());
                assertEquals(new String(original, StandardCharsets.UTF_8), source.json().path("yaml").asText());
                String version = source.json().path("version").asText();

                // a wrong roster: every error with its place, 400, nothing written
                String text = new String(original, StandardCharsets.UTF_8);
                String wrong = text.replace("{who: e01-015, days: MON-FRI, from: \"08:00\", to: \"17:00\"}",
                                "{who: e01-099, days: MON-FRI, from: \"08:00\", to: \"17:00\"}")
                        .replace("{who: e02-018, days: daily, from: \"08:00\", to: \"20:00\"}",
                                "{who: e02-018, days: daily, from: \"8 o'clock\", to: \"20:00\"}");
                assertTrue(!wrong.equals(text));
                ConsoleClient.Answer refused = supervisor.post("/api/roster", saveBody(wrong, version));
                assertEquals(400, refused.status(), refused.body());
                String error = refused.json().path("error").asText();
                assertTrue(error.contains("unknown person 'e01-099'"), error);
                assertTrue(error.contains("enterprises.E02.shifts[0]"), error);
                assertEquals(2, refused.json().path("errors").size(), refused.body());
                assertEquals("enterprises.E01.shifts[0]", refused.json().path("errors").get(0).path("place").asText());
                String gap = text.replace("    - {who: t01-006, days: daily, from: \"20:30\", to: \"08:30\"}\n", "");
                ConsoleClient.Answer gapRefused = supervisor.post("/api/roster", saveBody(gap, version));
                assertEquals(400, gapRefused.status(), gapRefused.body());
                assertTrue(gapRefused.json().path("error").asText().contains("nobody on duty"), gapRefused.body());
                assertArrayEquals(original, Files.readAllBytes(roster), "the file is unchanged");
                assertFalse(Files.exists(dir.resolve("roster.yaml.bak")));

                // a good roster: written, the previous kept as .bak, audited, in use at once
                String good = text.replace("name: 示范区危险源报警值班表 (demo district duty roster)", "name: 示范区值班表 第48周")
                        .replace("{who: e01-015, days: MON-FRI, from: \"08:00\", to: \"17:00\"}",
                                "{who: [e01-015, e01-017], days: MON-FRI, from: \"08:00\", to: \"17:00\"}");
                long before = System.currentTimeMillis();
                ConsoleClient.Answer saved = supervisor.post("/api/roster", saveBody(good, version));
                assertEquals(200, saved.status(), saved.body());
                assertEquals("saved", saved.json().path("status").asText());
                assertEquals(good, Files.readString(roster, StandardCharsets.UTF_8));
                assertArrayEquals(original, Files.readAllBytes(dir.resolve("roster.yaml.bak")), "the previous version as .bak");
                assertEquals("示范区值班表 第48周", viewer.get("/api/roster").json().path("name").asText());
                List<String> audit = Files.readAllLines(console.auditFile(), StandardCharsets.UTF_8);
                assertTrue(audit.stream().anyMatch(l -> l.contains("\"user\":\"supervisor\"") && l.contains("\"action\":\"roster-save\"")
                        && l.contains("\"outcome\":\"saved\"") && l.contains(roster.toString())
                        && java.time.Instant.parse(l.replaceAll(".*\"at\":\"([^\"]+)\".*", "$1")).toEpochMilli() >= before - 1000),
                        "an audit line naming the supervisor: " + audit.subList(Math.max(0, audit.size() - 5), audit.size()));

                // saving over a version that is no longer the file's: 409, nothing written
                ConsoleClient.Answer stale = supervisor.post("/api/roster", saveBody(text, version));
                assertEquals(409, stale.status(), stale.body());
                assertEquals(good, Files.readString(roster, StandardCharsets.UTF_8));
            }

            // the same in a real browser: a supervisor's wrong edit is refused on the page, a right one saved
            String good = Files.readString(roster, StandardCharsets.UTF_8); // as saved above
            ChromeDriver browser = Browsers.headlessChromium();
            try {
                String base = "http://127.0.0.1:" + console.port();
                browser.get(base + "/login");
                browser.findElement(By.cssSelector("input[name=username]")).sendKeys("supervisor");
                browser.findElement(By.cssSelector("input[name=password]")).sendKeys("supervisor-demo");
                browser.findElement(By.id("login-submit")).click();
                new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlToBe(base + "/"));
                browser.findElement(By.id("nav-roster")).click();
                new WebDriverWait(browser, WAIT).until(d -> d.findElements(By.cssSelector("tr.roster-now-row")).size()
                        == 1 + catalogue.towns().size() + catalogue.enterprises().size());
                new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("roster-source")).getAttribute("value").contains("第48周"));
                setSource(browser, good.replace("{who: e02-018, days: daily", "{who: e02-nobody, days: daily"));
                browser.findElement(By.id("roster-save")).click();
                WebElement result = new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#roster-result[data-kind='error'] li.roster-error")));
                assertTrue(result.getText().contains("unknown person 'e02-nobody'"), result.getText());
                Browsers.screenshot(browser, Path.of("target", "screenshots", "roster-refused.png"));
                assertEquals(good, Files.readString(roster, StandardCharsets.UTF_8), "nothing saved from the page");

                String fromPage = good.replace("示范区值班表 第48周", "示范区值班表 第49周");
                setSource(browser, fromPage);
                browser.findElement(By.id("roster-save")).click();
                new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#roster-result[data-kind='ok']")));
                assertEquals(fromPage, Files.readString(roster, StandardCharsets.UTF_8));
                new WebDriverWait(browser, WAIT).until(d -> d.findElement(By.id("roster-meta")).getText().contains("第49周"));
                Browsers.screenshot(browser, Path.of("target", "screenshots", "roster-saved.png"));
            } finally {
                browser.quit();
            }
        }
    }

    static final java.time.Duration WAIT = java.time.Duration.ofSeconds(15);

    static void setSource(ChromeDriver browser, String yaml) {
        browser.executeScript("document.getElementById('roster-source').value = arguments[0];", yaml);
    }

    static JsonNode scope(JsonNode roster, String id) {
        for (JsonNode s : roster.path("scopes")) {
            if (s.path("scope").asText().equals(id)) {
                return s;
            }
        }
        throw new AssertionError("no scope " + id + " in " + roster);
    }

    static List<String> textList(JsonNode a) {
        List<String> out = new java.util.ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }
}
