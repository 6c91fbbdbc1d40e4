package com.hazardwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.model.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogueCommandTest {
    /** The repository root: the first directory above the working directory holding the demo catalogue. */
    static Path root() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(CatalogueCommand.DEFAULT_FILE))) {
                return d;
            }
        }
        throw new AssertionError("no " + CatalogueCommand.DEFAULT_FILE + " above " + Path.of("").toAbsolutePath());
    }

    record Result(int code, String out, String err) {}

    static Result run(Path workDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = CatalogueCommand.run(List.of(args), o, e, workDir);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static final String BROKEN = """
            name: broken
            towns:
              - {id: T01, name: 临港镇}
            enterprises:
              - id: E01
                name: 某某化工有限公司
                town: T02
                sources:
                  - id: E01-S1
                    name: 1号储罐区
                    grade: 2
                    sensors:
                      - {id: E01-LT101, name: 液位, kind: level, range: [0, 100], limts: {h: 85}}
                      - {id: E01-GT101, name: 可燃气体, kind: combustible_gas, range: [0, 100], limits: {h: 30, hh: 40}}
            """;

    @Test
    void checkOfTheDemoCatalogue() {
        Result r = run(root(), "check", CatalogueCommand.DEFAULT_FILE);
        assertEquals(0, r.code(), r.err());
        assertEquals("OK: config/catalogue/demo-district.yaml: 5 towns, 23 enterprises (4 with major hazard sources),"
                + " 233 sensors\n", r.out().replace("\r\n", "\n"));
        assertEquals("", r.err());
    }

    @Test
    void checkPrintsEveryErrorAndTheirCount(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), BROKEN, StandardCharsets.UTF_8);
        Result r = run(dir, "check", "broken.yaml");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(4, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("E01: town: town \"T02\" is not defined"), lines.get(0));
        assertTrue(lines.get(1).startsWith("E01-LT101: limts: unknown field \"limts\"; did you mean \"limits\"?"), lines.get(1));
        assertTrue(lines.get(2).startsWith("E01-GT101: limits.h: h 30 %LEL is laxer than GB/T 50493-2019"), lines.get(2));
        assertEquals("FAILED: broken.yaml: 3 errors", lines.get(3));
    }

    @Test
    void checkOfAMissingFile(@TempDir Path dir) {
        Result r = run(dir, "check", "nope.yaml");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("catalogue: (file): cannot read "), r.err());
        assertTrue(r.err().contains("nope.yaml: no such file"), r.err());
        assertTrue(r.err().contains("FAILED: nope.yaml: 1 error\n") || r.err().contains("FAILED: nope.yaml: 1 error\r\n"), r.err());
    }

    @Test
    void checkNeedsExactlyOneFile() {
        Result none = run(root(), "check");
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("catalogue: check needs a FILE"), none.err());
        assertTrue(none.err().contains("Usage: hazardwatch catalogue check FILE"), none.err());
        assertEquals(2, run(root(), "check", "a.yaml", "b.yaml").code());
    }

    @Test
    void showPrintsATableOfTheDefaultCatalogue() {
        Result r = run(root(), "show");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).endsWith("(config/catalogue/demo-district.yaml): 5 towns, 23 enterprises"
                + " (4 with major hazard sources), 233 sensors"), lines.get(0));
        assertEquals("", lines.get(1));
        assertTrue(lines.get(2).matches("ID +ENTERPRISE +SOURCE +GRADE +KIND +UNIT +RANGE +LIMITS +DEADBAND +NAME"), lines.get(2));
        assertEquals(3 + 233, lines.size());
        assertTrue(lines.get(3).matches("E01-LT101 +E01 +E01-S1 +1 +level +% +0\\.\\.100 +LL 5 L 10 H 85 HH 95 +1 +\\S.*"), lines.get(3));
        int idColumnEnd = lines.get(2).indexOf("ENTERPRISE");
        for (String line : lines.subList(3, lines.size())) {
            assertEquals(' ', line.charAt(idColumnEnd - 1), "columns line up: " + line);
        }
    }

    @Test
    void showWithAFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("one.yaml"), BROKEN.replace("town: T02", "town: T01")
                .replace("limts: {h: 85}", "limits: {h: 85}, deadband: 0.5")
                .replace("h: 30, hh: 40", "h: 20"), StandardCharsets.UTF_8);
        Result r = run(dir, "show", "one.yaml");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(5, lines.size(), r.out());
        assertTrue(lines.get(3).matches("E01-LT101 +E01 +E01-S1 +2 +level +% +0\\.\\.100 +H 85 +0\\.5 +液位"), lines.get(3));
        assertTrue(lines.get(4).matches("E01-GT101 +E01 +E01-S1 +2 +combustible_gas +%LEL +0\\.\\.100 +H 20 +2 +可燃气体"), lines.get(4));
        assertEquals(lines.get(2).indexOf("NAME"), lines.get(3).indexOf("液位"), "names line up under NAME");
    }

    @Test
    void showJson() throws Exception {
        Result r = run(root(), "show", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode array = Json.mapper().readTree(r.out());
        assertEquals(233, array.size());
        assertEquals("E01-LT101", array.get(0).get("id").asText());
        assertEquals(r.out(), run(root(), "show", CatalogueCommand.DEFAULT_FILE, "--json").out(), "option after the file too");
    }

    @Test
    void showOfABrokenCatalogueFails(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), BROKEN, StandardCharsets.UTF_8);
        Result r = run(dir, "show", "broken.yaml");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("FAILED: broken.yaml: 3 errors"), r.err());
    }

    @Test
    void showWithoutTheDefaultFileThere(@TempDir Path dir) {
        Result r = run(dir, "show");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("config/catalogue/demo-district.yaml: no such file"), r.err());
    }

    @Test
    void help() {
        for (String h : List.of("help", "--help", "-h")) {
            Result r = run(root(), h);
            assertEquals(0, r.code(), h);
            assertTrue(r.out().startsWith("Usage: hazardwatch catalogue check FILE"), r.out());
            assertTrue(r.out().contains("show [--json] [FILE]"), r.out());
            assertEquals("", r.err());
        }
        assertEquals(0, run(root(), "show", "--help").code());
        assertEquals(0, run(root(), "check", "--help").code());
    }

    @Test
    void helpDescribesPush() {
        Result r = run(root(), "--help");
        assertTrue(r.out().contains("hazardwatch catalogue push FILE [--dry-run]"), r.out());
        assertTrue(r.out().contains("E01-LT101 limits.hh 95 -> 90"), r.out());
        assertTrue(r.out().contains("N added, M changed, K removed, U unchanged; published to"), r.out());
        assertTrue(r.out().contains("--dry-run        print the difference only; publish nothing"), r.out());
        Result sub = run(root(), "push", "--help");
        assertEquals(0, sub.code());
        assertEquals(r.out(), sub.out());
    }

    @Test
    void pushOfAnInvalidCatalogueStopsBeforeKafka(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), BROKEN, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        // nothing listens on port 1: a push that reached for Kafka would fail differently, and only after its timeout
        Result r = run(dir, "push", "broken.yaml", "--set", "kafka.bootstrap-servers=127.0.0.1:1");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(5, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("E01: town: town \"T02\" is not defined"), lines.get(0));
        assertTrue(lines.get(1).startsWith("E01-LT101: limts: unknown field"), lines.get(1));
        assertTrue(lines.get(2).startsWith("E01-GT101: limits.h: "), lines.get(2));
        assertEquals("FAILED: broken.yaml: 3 errors", lines.get(3));
        assertEquals("nothing published", lines.get(4));
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "it did not wait for Kafka");
    }

    @Test
    void pushCommandLines(@TempDir Path dir) throws Exception {
        Result none = run(dir, "push");
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("catalogue: push needs a FILE"), none.err());
        Result two = run(dir, "push", "a.yaml", "b.yaml");
        assertEquals(2, two.code());
        assertTrue(two.err().startsWith("catalogue: push takes one FILE, got 2"), two.err());
        Result option = run(dir, "push", "a.yaml", "--force");
        assertEquals(2, option.code());
        assertTrue(option.err().startsWith("catalogue: push: unknown option \"--force\" (known: --dry-run, --config FILE, --set key=value)"),
                option.err());
        Result set = run(dir, "push", "a.yaml", "--set");
        assertEquals(2, set.code());
        assertTrue(set.err().startsWith("catalogue: push: --set needs a value"), set.err());
        Result typo = run(dir, "push", "a.yaml", "--set", "kafka.topic.catalog=x");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("kafka.topic.catalog (did you mean kafka.topic.catalogue?)"), typo.err());
        Files.writeString(dir.resolve("one.yaml"), BROKEN.replace("town: T02", "town: T01")
                .replace("limts: {h: 85}", "limits: {h: 85}").replace("h: 30, hh: 40", "h: 20"), StandardCharsets.UTF_8);
        Result empty = run(dir, "push", "one.yaml", "--set", "kafka.topic.catalogue=");
        assertEquals(2, empty.code(), empty.err());
        assertTrue(empty.err().startsWith("catalogue: push: the setting kafka.topic.catalogue is empty"), empty.err());
    }

    @Test
    void badCommandLines() {
        Result none = run(root());
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("catalogue: no subcommand given"), none.err());

        Result unknown = run(root(), "validate", "x.yaml");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("catalogue: unknown subcommand \"validate\""), unknown.err());
        assertTrue(unknown.err().contains("Usage:"), unknown.err());
        assertEquals("", unknown.out());

        Result option = run(root(), "show", "--xml");
        assertEquals(2, option.code());
        assertTrue(option.err().startsWith("catalogue: show: unknown option \"--xml\" (known: --json)"), option.err());

        Result checkOption = run(root(), "check", "--json", "x.yaml");
        assertEquals(2, checkOption.code());
        assertTrue(checkOption.err().startsWith("catalogue: check: unknown option \"--json\""), checkOption.err());

        assertEquals(2, run(root(), "--verbose").code());
        assertEquals(2, run(root(), "show", "a.yaml", "b.yaml").code());
    }
}
