package com.hazardwatch.model.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogueLoaderTest {
    // ---- shared with CatalogueJsonTest ------------------------------------------------------------------------

    /** A valid one-sensor catalogue; tests change one line of it with {@link #with}. */
    static final String BASE = """
            name: test catalogue
            towns:
              - id: T01
                name: 临港镇
            enterprises:
              - id: E01
                name: 某某化工有限公司
                town: T01
                sources:
                  - id: E01-S1
                    name: 1号储罐区
                    grade: 2
                    sensors:
                      - id: E01-LT101
                        name: 1号储罐液位
                        kind: level
                        unit: "%"
                        range: [0, 100]
                        limits: {ll: 5, l: 10, h: 85, hh: 95}
                        deadband: 1.0
            """;

    /** BASE with the first line containing from replaced (whole line, indentation kept) by to; to may span lines. */
    static String with(String from, String to) {
        return with(BASE, from, to);
    }

    static String with(String text, String from, String to) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains(from)) {
                String indent = line.substring(0, line.length() - line.stripLeading().length());
                String replacement = to == null ? null
                        : to.lines().map(l -> indent + l).collect(Collectors.joining("\n"));
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < lines.size(); j++) {
                    if (j != i) {
                        sb.append(lines.get(j)).append('\n');
                    } else if (replacement != null) {
                        sb.append(replacement).append('\n');
                    }
                }
                return sb.toString();
            }
        }
        throw new AssertionError("no line contains \"" + from + "\"");
    }

    /** BASE without the first line containing from. */
    static String without(String from) {
        return with(from, null);
    }

    /** The errors parsing text gives; fails when it parses. */
    static List<CatalogueError> errors(String text) {
        CatalogueException e = assertThrows(CatalogueException.class, () -> CatalogueLoader.parse(text, "test.yaml"),
                "expected the catalogue to be rejected");
        assertEquals("test.yaml", e.origin());
        assertTrue(!e.errors().isEmpty(), "an exception lists at least one error");
        return e.errors();
    }

    /** Asserts that text gives exactly one error, at place and field, whose message contains each of fragments. */
    static CatalogueError onlyError(String text, String place, String field, String... fragments) {
        List<CatalogueError> errors = errors(text);
        assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
        CatalogueError e = errors.get(0);
        assertEquals(place, e.place(), () -> "place of " + e);
        assertEquals(field, e.field(), () -> "field of " + e);
        for (String f : fragments) {
            assertTrue(e.message().contains(f), () -> "message of " + e + " should contain \"" + f + "\"");
        }
        return e;
    }

    /** Asserts that text gives exactly one error, at place and field, with exactly this message. */
    static CatalogueError exactError(String text, String place, String field, String message) {
        List<CatalogueError> errors = errors(text);
        assertEquals(1, errors.size(), () -> "expected one error, got " + errors);
        assertEquals(new CatalogueError(place, field, message), errors.get(0));
        return errors.get(0);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = CatalogueLoaderTest.class.getResourceAsStream("/catalogue/" + name)) {
            if (in == null) {
                throw new AssertionError("missing test resource catalogue/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The repository's demo catalogue, found from the working directory (the module, or the repository root). */
    static Path demo() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path f = d.resolve("config/catalogue/demo-district.yaml");
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new AssertionError("config/catalogue/demo-district.yaml not found above " + dir);
    }

    // ---- tests ------------------------------------------------------------------------------------------------

    static final String SENSOR = "E01-LT101";
    static final String SENSOR_PATH = "enterprises[0].sources[0].sensors[0]";

    @Nested
    class DemoCatalogue {
        @Test
        void loadsWithTheSeedDistrictsFigures() throws Exception {
            Catalogue c = CatalogueLoader.load(demo());
            assertEquals(23, c.enterprises().size());
            assertEquals(4, c.enterprises().stream().filter(Enterprise::hasMajorHazard).count());
            assertEquals(233, c.sensorCount());
            assertEquals(233, c.sensors().size());
            assertTrue(c.towns().size() >= 4 && c.towns().size() <= 6, "4 to 6 towns, got " + c.towns().size());
            assertEquals(EnumSet.allOf(SensorKind.class), c.sensors().stream().map(Sensor::kind)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(SensorKind.class))));
        }

        @Test
        void hasTheOverfillScenariosTankFirst() throws Exception {
            Catalogue c = CatalogueLoader.load(demo());
            Sensor s = c.sensor("E01-LT101").orElseThrow();
            assertEquals(SensorKind.TANK_LEVEL, s.kind());
            assertEquals("E01", s.enterprise());
            assertTrue(s.sourceGrade() != null, "E01-LT101 sits in a major hazard tank farm");
            assertEquals(new Range(0, 100), s.range());
            assertEquals(new Limits(5.0, 10.0, 85.0, 95.0), s.limits());
            assertEquals(1.0, s.deadband());
            assertEquals("E01-LT101", c.sensors().get(0).id(), "the overfill tank is the first sensor");
        }

        @Test
        void majorHazardSourcesCoverEveryGradeAndCarryMostPoints() throws Exception {
            Catalogue c = CatalogueLoader.load(demo());
            Set<Integer> grades = new TreeSet<>();
            c.enterprises().forEach(e -> e.sources().forEach(s -> {
                if (s.grade() != null) {
                    grades.add(s.grade());
                }
            }));
            assertEquals(Set.of(1, 2, 3, 4), grades);
            Set<String> major = c.enterprises().stream().filter(Enterprise::hasMajorHazard).map(Enterprise::id)
                    .collect(Collectors.toSet());
            long atMajor = c.sensors().stream().filter(s -> major.contains(s.enterprise())).count();
            assertTrue(atMajor > 233 / 2, "the 4 major hazard enterprises carry most points, got " + atMajor);
        }

        @Test
        void sensorsAreDenormalisedAndWithinTheStandards() throws Exception {
            Catalogue c = CatalogueLoader.load(demo());
            Map<String, Enterprise> byId = c.enterprises().stream().collect(Collectors.toMap(Enterprise::id, e -> e));
            for (Sensor s : c.sensors()) {
                Enterprise e = byId.get(s.enterprise());
                assertEquals(e.town(), s.town(), s.id());
                Source src = e.sources().stream().filter(x -> x.id().equals(s.source())).findFirst().orElseThrow();
                assertEquals(src.grade(), s.sourceGrade(), s.id());
                assertEquals(s.kind().unit(), s.unit(), s.id());
                assertTrue(s.id().startsWith(e.id() + "-"), s.id());
                if (s.kind() == SensorKind.COMBUSTIBLE_GAS) {
                    assertTrue(s.limits().h() <= 25 && s.limits().hh() <= 50, s.id());
                }
                if (s.kind() == SensorKind.TOXIC_GAS) {
                    Double oel = s.rules().oel();
                    assertTrue(oel != null && s.limits().h() <= oel && s.limits().hh() <= 2 * oel, s.id());
                    assertTrue(s.deadband() < s.limits().hh() - s.limits().h(), s.id() + ": HH can fall back to H");
                    assertTrue(s.deadband() < s.limits().h(), s.id() + ": H can clear above zero");
                } else {
                    assertNull(s.rules().oel(), s.id());
                }
            }
        }

        @Test
        void toxicDetectorsCarryTheirGassOel() throws Exception {
            Catalogue c = CatalogueLoader.load(demo());
            Map<String, Set<Double>> oelByGas = new java.util.TreeMap<>();
            for (Sensor s : c.sensors()) {
                if (s.kind() == SensorKind.TOXIC_GAS) {
                    String gas = s.name().replaceAll(".*\\((NH3|H2S|Cl2)\\).*", "$1");
                    oelByGas.computeIfAbsent(gas, g -> new TreeSet<>()).add(s.rules().oel());
                }
            }
            assertEquals(Map.of("NH3", Set.of(28.0), "H2S", Set.of(7.0), "Cl2", Set.of(0.33)), oelByGas);
        }

        @Test
        void stalePeriodsPerKindAreStatedInTheDefaults() throws Exception {
            Catalogue c = CatalogueLoader.load(demo());
            for (Sensor s : c.sensors()) {
                long expected = s.kind() == SensorKind.COMBUSTIBLE_GAS || s.kind() == SensorKind.TOXIC_GAS ? 30_000L : 60_000L;
                assertEquals(expected, s.rules().staleAfterMs(), s.id());
                assertFalse(s.rules().outOfService(), s.id());
            }
        }
    }

    @Nested
    class ValidCatalogues {
        @Test
        void baseBuildsDenormalisedSensors() throws Exception {
            Catalogue c = CatalogueLoader.parse(BASE, "test.yaml");
            assertEquals("test catalogue", c.name());
            assertEquals(List.of(new Town("T01", "临港镇")), c.towns());
            assertEquals(List.of(new Enterprise("E01", "某某化工有限公司", "T01", List.of(new Source("E01-S1", "1号储罐区", 2)))),
                    c.enterprises());
            assertEquals(new Sensor(SENSOR, "1号储罐液位", "E01", "T01", "E01-S1", 2, SensorKind.TANK_LEVEL, "%",
                    new Range(0, 100), new Limits(5.0, 10.0, 85.0, 95.0), 1.0), c.sensor(SENSOR).orElseThrow());
        }

        @Test
        void optionalFieldsTakeTheirDefaults() throws Exception {
            String text = """
                    towns: [{id: T01, name: 临港镇}]
                    enterprises:
                      - id: E01
                        name: 某某化工有限公司
                        town: T01
                        sources:
                          - id: E01-S1
                            name: 压缩机房
                            sensors:
                              - {id: E01-PT101, name: 出口压力, kind: pressure, range: [0, 1.6], limits: {h: 1.2}}
                              - {id: E01-GT101, name: 可燃气体, kind: combustible_gas, unit:, range: [0, 100], grade: }
                    """.replace(", grade: }", "}");
            Catalogue c = CatalogueLoader.parse(text, "defaults.yaml");
            assertEquals("defaults.yaml", c.name(), "no name: the origin names the catalogue");
            Sensor p = c.sensor("E01-PT101").orElseThrow();
            assertEquals("MPa", p.unit());
            assertEquals(0.02, p.deadband());
            assertNull(p.sourceGrade());
            assertEquals(new Limits(null, null, 1.2, null), p.limits());
            Sensor g = c.sensor("E01-GT101").orElseThrow();
            assertEquals("%LEL", g.unit(), "an empty value counts as not given");
            assertEquals(2.0, g.deadband());
            assertEquals(Limits.NONE, g.limits());
            assertFalse(c.enterprises().get(0).hasMajorHazard());
        }

        @Test
        void defaultDeadbandsPerKind() {
            assertEquals(1.0, SensorKind.TANK_LEVEL.defaultDeadband());
            assertEquals(1.0, SensorKind.TEMPERATURE.defaultDeadband());
            assertEquals(0.02, SensorKind.PRESSURE.defaultDeadband());
            assertEquals(2.0, SensorKind.COMBUSTIBLE_GAS.defaultDeadband());
            assertEquals(1.0, SensorKind.TOXIC_GAS.defaultDeadband());
        }

        @Test
        void noLimitsAtAllIsAllowed() throws Exception {
            Sensor s = CatalogueLoader.parse(without("limits:"), "t").sensor(SENSOR).orElseThrow();
            assertEquals(Limits.NONE, s.limits());
        }

        @Test
        void limitsMayEqualTheRangeEnds() throws Exception {
            Sensor s = CatalogueLoader.parse(with("limits:", "limits: {ll: 0, hh: 100}"), "t").sensor(SENSOR).orElseThrow();
            assertEquals(new Limits(0.0, null, null, 100.0), s.limits());
        }

        @Test
        void combustibleGasAtTheStandardsCeilingIsAllowed() throws Exception {
            String text = with("kind: level", "kind: combustible_gas");
            text = with(text, "unit:", "unit: \"%LEL\"");
            text = with(text, "limits:", "limits: {h: 25, hh: 50}");
            assertEquals(new Limits(null, null, 25.0, 50.0), CatalogueLoader.parse(text, "t").sensor(SENSOR).orElseThrow().limits());
        }

        @Test
        void anchorsAliasesAndMergeKeysWork() throws Exception {
            String text = with("limits:", "limits: &tank {ll: 5, l: 10, h: 85, hh: 95}") + """
                    - id: E01-LT102
                      name: 2号储罐液位
                      kind: level
                      range: [0, 100]
                      limits: *tank
                    - id: E01-LT103
                      name: 3号储罐液位
                      kind: level
                      range: [0, 100]
                      limits: {<<: *tank, hh: 90}
                    """.indent(10);
            Catalogue c = CatalogueLoader.parse(text, "t");
            assertEquals(new Limits(5.0, 10.0, 85.0, 95.0), c.sensor("E01-LT102").orElseThrow().limits());
            assertEquals(new Limits(5.0, 10.0, 85.0, 90.0), c.sensor("E01-LT103").orElseThrow().limits());
        }

        @Test
        void aByteOrderMarkAndWindowsLineEndsAreAccepted() throws Exception {
            Catalogue c = CatalogueLoader.parse("\uFEFF" + BASE.replace("\n", "\r\n"), "t");
            assertEquals(1, c.sensorCount());
        }

        @Test
        void emptySourceAndSensorListsAreAllowedWhileSomethingIsConnected() throws Exception {
            String text = BASE + """
                      - id: E02
                        name: 未接入企业
                        town: T01
                        sources: []
                      - id: E03
                        name: 部分接入企业
                        town: T01
                        sources:
                          - {id: E03-S1, name: 仓库, sensors: []}
                    """;
            Catalogue c = CatalogueLoader.parse(text, "t");
            assertEquals(3, c.enterprises().size());
            assertEquals(1, c.sensorCount());
        }

        @Test
        void idsOnlyNeedBeUniqueWithinTheirOwnNamespace() throws Exception {
            String text = with("- id: E01-S1", "- id: E01");
            Catalogue c = CatalogueLoader.parse(text, "t");
            assertEquals("E01", c.sensor(SENSOR).orElseThrow().source());
        }
    }

    @Nested
    class FileErrors {
        @Test
        void yamlSyntaxErrorGivesLineAndColumn() {
            CatalogueError e = onlyError(with("limits:", "limits: {ll: 5, l: 10, h: 85, hh: 95"), "catalogue", "(yaml)",
                    "YAML syntax error at line ", "column");
            assertTrue(e.message().contains("line 18") || e.message().contains("line 19"), e.message());
        }

        @Test
        void tabIndentationIsASyntaxError() {
            onlyError(BASE.replace("    town: T01", "\ttown: T01"), "catalogue", "(yaml)", "line 8, column 1", "TAB");
        }

        @Test
        void unquotedPercentIsExplained() {
            CatalogueError e = onlyError(with("unit:", "unit: %"), "catalogue", "(yaml)", "line 17",
                    "a value starting with % must be quoted");
            assertFalse(e.message().contains("indentation"), e.message());
        }

        @Test
        void duplicateKeyIsReported() {
            onlyError(with("kind: level", "kind: level\nkind: pressure"), "catalogue", "(yaml)",
                    "duplicate key \"kind\" at line 17", "first given at line 16");
        }

        @Test
        void secondDocumentIsReported() {
            onlyError(BASE + "---\nname: other\n", "catalogue", "(yaml)", "second YAML document");
        }

        @Test
        void unknownAliasIsReported() {
            List<CatalogueError> errors = errors(with("limits:", "limits: *nothing"));
            assertEquals("catalogue", errors.get(0).place());
            assertEquals("(yaml)", errors.get(0).field());
            assertTrue(errors.get(0).message().contains("*nothing"), errors.toString());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   \n\n", "# only a comment\n", "---\n"})
        void emptyFile(String text) {
            onlyError(text, "catalogue", "(file)", "holds no catalogue");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "- a\\n- b\\n | a list of 2 items",
            "just text\\n | text \"just text\"",
            "42\\n | number 42"})
        void fileThatIsNotAMapping(String text, String found) {
            onlyError(text.replace("\\n", "\n"), "catalogue", "(root)", "must be a YAML mapping", "found " + found);
        }

        @Test
        void missingFileCannotBeRead(@TempDir Path dir) {
            Path file = dir.resolve("nope.yaml");
            CatalogueException e = assertThrows(CatalogueException.class, () -> CatalogueLoader.load(file));
            assertEquals(file.toString(), e.origin());
            assertEquals(1, e.errors().size());
            assertEquals("catalogue", e.errors().get(0).place());
            assertEquals("(file)", e.errors().get(0).field());
            assertTrue(e.errors().get(0).message().contains("no such file"), e.errors().toString());
        }

        @Test
        void directoryCannotBeRead(@TempDir Path dir) {
            CatalogueException e = assertThrows(CatalogueException.class, () -> CatalogueLoader.load(dir));
            assertEquals(List.of("(file)"), e.errors().stream().map(CatalogueError::field).toList());
            assertTrue(e.errors().get(0).message().contains("is a directory"), e.errors().toString());
        }

        @Test
        void fileThatIsNotUtf8(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("gbk.yaml");
            Files.write(file, BASE.getBytes(Charset.forName("GBK")));
            CatalogueException e = assertThrows(CatalogueException.class, () -> CatalogueLoader.load(file));
            assertEquals(1, e.errors().size());
            assertEquals("(file)", e.errors().get(0).field());
            assertTrue(e.errors().get(0).message().contains("not UTF-8")
                    && e.errors().get(0).message().contains("line 4"), e.errors().toString());
        }

        @Test
        void fileLoadsLikeText(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("ok.yaml");
            Files.writeString(file, BASE, StandardCharsets.UTF_8);
            assertEquals(CatalogueLoader.parse(BASE, "x").sensors(), CatalogueLoader.load(file).sensors());
        }
    }

    @Nested
    class UnknownFields {
        @Test
        void typoInASensorSuggestsTheNearestField() {
            onlyError(with("limits:", "limts: {ll: 5, l: 10, h: 85, hh: 95}"), SENSOR, "limts",
                    "unknown field \"limts\"", "did you mean \"limits\"?");
        }

        @Test
        void typoInLimits() {
            onlyError(with("limits:", "limits: {ll: 5, l: 10, h: 85, HH: 95}"), SENSOR, "limits.HH",
                    "did you mean \"hh\"?");
        }

        @Test
        void fieldWithNoNearNameListsTheKnownOnes() {
            onlyError(with("deadband:", "colour: red"), SENSOR, "colour",
                    "known fields here: id, name, kind, unit, range, limits, deadband, rules, oel, outOfService");
        }

        @ParameterizedTest
        @CsvSource({
            "name: test catalogue, nmae: test catalogue, catalogue, nmae, name",
            "town: T01,             twon: T01,            E01,       twon, town",
            "grade: 2,              grades: 2,            E01-S1,    grades, grade",
            "deadband: 1.0,         dead_band: 1.0,       E01-LT101, dead_band, deadband"})
        void atEveryLevel(String line, String typo, String place, String field, String suggestion) {
            List<CatalogueError> errors = errors(with(line, typo));
            CatalogueError unknown = errors.stream().filter(e -> e.field().equals(field)).findFirst()
                    .orElseThrow(() -> new AssertionError("no error on " + field + ": " + errors));
            assertEquals(place, unknown.place());
            assertTrue(unknown.message().contains("did you mean \"" + suggestion + "\""), unknown.toString());
        }

        @Test
        void unknownTownField() {
            onlyError(with("name: 临港镇", "name: 临港镇\ncode: 330109"), "T01", "code", "unknown field \"code\"");
        }
    }

    @Nested
    class MissingFields {
        @ParameterizedTest
        @CsvSource({
            "'      name: 1号储罐液位', E01-LT101, name",
            "'kind: level',            E01-LT101, kind",
            "'range: [0, 100]',        E01-LT101, range",
            "'town: T01',              E01,       town",
            "'    name: 某某化工有限公司', E01, name",
            "'name: 临港镇',            T01,       name",
            "'name: 1号储罐区',          E01-S1,    name"})
        void requiredField(String line, String place, String field) {
            onlyError(without(line.strip()), place, field, "required field \"" + field + "\" is missing");
        }

        @Test
        void kindMissingListsTheKinds() {
            onlyError(without("kind: level"), SENSOR, "kind", "level, temperature, pressure, combustible_gas, toxic_gas");
        }

        @Test
        void sensorIdMissingIsReportedAtItsPath() {
            onlyError(with("- id: E01-LT101", "- name: 1号储罐液位").replaceFirst("\\n\\s+name: 1号储罐液位\\n", "\n"),
                    SENSOR_PATH, "id", "required field \"id\" is missing");
        }

        @Test
        void errorsOfASensorWithoutIdAreReportedAtItsPath() {
            String text = with("- id: E01-LT101", "- name: 1号储罐液位").replaceFirst("\\n\\s+name: 1号储罐液位\\n", "\n");
            text = with(text, "kind: level", "kind: lvl");
            List<CatalogueError> errors = errors(text);
            assertEquals(List.of(SENSOR_PATH + ":id", SENSOR_PATH + ":kind"),
                    errors.stream().map(e -> e.place() + ":" + e.field()).toList());
        }

        @Test
        void enterpriseIdMissing() {
            onlyError(without("- id: E01").replace("    name: 某某化工有限公司", "  - name: 某某化工有限公司"),
                    "enterprises[0]", "id", "is missing");
        }

        @Test
        void sourceIdMissing() {
            onlyError(without("- id: E01-S1").replace("        name: 1号储罐区", "      - name: 1号储罐区"),
                    "enterprises[0].sources[0]", "id", "is missing");
        }

        @Test
        void sourcesListMissing() {
            String text = BASE.substring(0, BASE.indexOf("    sources:"));
            List<CatalogueError> errors = errors(text);
            assertEquals("E01", errors.get(0).place());
            assertEquals("sources", errors.get(0).field());
            assertTrue(errors.get(0).message().contains("required field \"sources\" is missing"), errors.toString());
        }

        @Test
        void sensorsListMissing() {
            String text = BASE.substring(0, BASE.indexOf("        sensors:"));
            List<CatalogueError> errors = errors(text);
            assertEquals("E01-S1", errors.get(0).place());
            assertEquals("sensors", errors.get(0).field());
        }

        @Test
        void sensorsListWithoutValue() {
            String text = BASE.substring(0, BASE.indexOf("        sensors:")) + "        sensors:\n";
            List<CatalogueError> errors = errors(text);
            assertEquals("E01-S1", errors.get(0).place());
            assertEquals("sensors", errors.get(0).field());
            assertTrue(errors.get(0).message().contains("has no value") && errors.get(0).message().contains("sensors: []"),
                    errors.toString());
        }

        @Test
        void rootListsMissing() {
            List<CatalogueError> errors = errors("name: x\n");
            assertEquals(List.of("catalogue:towns", "catalogue:enterprises"),
                    errors.stream().map(e -> e.place() + ":" + e.field()).toList());
        }

        @Test
        void listThatIsNotAList() {
            onlyError(BASE.replace("  - id: T01\n    name: 临港镇\n", "  T01: 临港镇\n"), "catalogue", "towns",
                    "expected a list", "found a mapping (keys T01)");
        }

        @Test
        void listItemThatIsNotAMapping() {
            onlyError(with("- id: T01", "- T01").replace("    name: 临港镇\n", ""), "catalogue", "towns[0]",
                    "expected a mapping with fields id, name", "found text \"T01\"");
        }

        @Test
        void nameThatIsNotText() {
            onlyError(with("name: 1号储罐液位", "name: 0101"), SENSOR, "name", "found number 0101", "quotes");
        }

        @Test
        void emptyName() {
            onlyError(with("name: 1号储罐液位", "name: \"  \""), SENSOR, "name", "must not be empty");
        }
    }

    @Nested
    class Ids {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "E01 LT101 | contains a space at position 4",
            "E01/LT101 | contains '/' at position 4",
            "E01+LT101 | contains '+' at position 4",
            "-E01      | starts with '-'",
            "储罐1     | starts with '储'",
            "E01-液位  | contains '液' at position 5"})
        void malformedSensorIdIsReportedAtThePath(String id, String problem) {
            onlyError(with("- id: E01-LT101", "- id: \"" + id + "\""), SENSOR_PATH, "id", problem,
                    "A-Z, a-z, 0-9, '.', '_' and '-'", "MQTT");
        }

        @Test
        void emptyId() {
            onlyError(with("- id: E01-LT101", "- id: \"\""), SENSOR_PATH, "id", "must not be empty");
        }

        @Test
        void idThatIsNotText() {
            onlyError(with("- id: E01-LT101", "- id: 101"), SENSOR_PATH, "id", "found number 101", "id: \"101\"");
        }

        @Test
        void referenceToATownWhoseIdIsAlreadyReportedIsNotReportedAgain() {
            onlyError(with("- id: T01", "- id: \"T01 \""), "towns[0]", "id", "contains a space");
        }

        @Test
        void tooLongId() {
            onlyError(with("- id: E01-LT101", "- id: " + "E".repeat(65)), SENSOR_PATH, "id", "65 characters", "at most 64");
        }

        @Test
        void wordsThatYaml11TookForBooleansAreIds() throws Exception {
            assertTrue(CatalogueLoader.parse(with("- id: E01-LT101", "- id: NO"), "t").sensor("NO").isPresent());
        }

        @Test
        void dottedAndUnderscoredIdsAreFine() throws Exception {
            assertTrue(CatalogueLoader.parse(with("- id: E01-LT101", "- id: e01.lt_101-a"), "t").sensor("e01.lt_101-a").isPresent());
        }

        @Test
        void duplicateSensorIdAcrossEnterprises() {
            String text = BASE + """
                      - id: E02
                        name: 另一企业
                        town: T01
                        sources:
                          - id: E02-S1
                            name: 仓库
                            sensors:
                              - {id: E01-LT101, name: 重复, kind: level, range: [0, 100]}
                    """;
            onlyError(text, SENSOR, "id", "sensor id \"E01-LT101\" is defined twice",
                    "at enterprises[0].sources[0].sensors[0] (line 14)", "enterprises[1].sources[0].sensors[0]");
        }

        @Test
        void duplicateTownEnterpriseAndSourceIds() {
            String text = BASE.replace("towns:\n", "towns:\n  - {id: T01, name: 重复镇}\n") + """
                      - id: E01
                        name: 重复企业
                        town: T01
                        sources:
                          - id: E01-S1
                            name: 重复区
                            sensors:
                              - {id: E01-LT102, name: 液位, kind: level, range: [0, 100]}
                    """;
            List<CatalogueError> errors = errors(text);
            assertEquals(List.of("T01:id", "E01:id", "E01-S1:id"), errors.stream().map(e -> e.place() + ":" + e.field()).toList());
            assertTrue(errors.get(0).message().contains("town id \"T01\" is defined twice"), errors.toString());
            assertTrue(errors.get(1).message().contains("enterprise id \"E01\""), errors.toString());
            assertTrue(errors.get(2).message().contains("source id \"E01-S1\""), errors.toString());
        }
    }

    @Nested
    class References {
        @Test
        void enterpriseTownMustExist() {
            onlyError(with("town: T01", "town: T1"), "E01", "town", "town \"T1\" is not defined", "did you mean \"T01\"?",
                    "defined towns: T01");
        }
    }

    @Nested
    class SensorFields {
        @Test
        void unknownKindListsTheValidCodes() {
            onlyError(with("kind: level", "kind: levle"), SENSOR, "kind", "unknown kind \"levle\"", "did you mean \"level\"?",
                    "valid kinds: level, temperature, pressure, combustible_gas, toxic_gas");
        }

        @Test
        void unitMismatch() {
            onlyError(with("unit:", "unit: \"%LEL\""), SENSOR, "unit", "unit \"%LEL\" does not match kind level",
                    "write unit: \"%\"");
        }

        @Test
        void unitIsCaseSensitive() {
            String text = with("kind: level", "kind: temperature");
            text = with(text, "unit:", "unit: c");
            text = with(text, "limits:", "limits: {h: 60}");
            onlyError(text, SENSOR, "unit", "\"C\"");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "range: [0]             | two numbers [min, max] (e.g. range: [0, 100]), found a list of 1 item",
            "range: [0, 50, 100]    | found a list of 3 items",
            "range: 100             | found number 100",
            "range: {min: 0, max: 100} | found a mapping (keys min, max)",
            "range: [0, \"100\"]    | range max (second value) must be a number, found text \"100\"; write the number without quotes",
            "range: [low, 100]      | range min (first value) must be a number, found text \"low\"",
            "range: [100, 0]        | range min 100 must be less than max 0",
            "range: [50, 50]        | range min 50 must be less than max 50"})
        void badRange(String line, String message) {
            onlyError(with("range:", line.strip()).replace("limits: {ll: 5, l: 10, h: 85, hh: 95}", "limits: {}"),
                    SENSOR, "range", message.strip());
        }

        @Test
        void limitThatIsNotANumber() {
            onlyError(with("limits:", "limits: {ll: 5, l: 10, h: \"85\", hh: 95}"), SENSOR, "limits.h",
                    "h must be a number, found text \"85\"");
        }

        @Test
        void limitThatIsABoolean() {
            onlyError(with("limits:", "limits: {ll: 5, l: 10, h: true, hh: 95}"), SENSOR, "limits.h", "found boolean true");
        }

        @Test
        void yesAndNoAreText() {
            onlyError(with("limits:", "limits: {ll: 5, l: 10, h: yes, hh: 95}"), SENSOR, "limits.h", "found text \"yes\"");
        }

        @Test
        void infinityIsRejectedByTheYamlReader() {
            onlyError(with("range:", "range: [0, .inf]"), "catalogue", "(yaml)", "line 18", "'.inf'");
        }

        @Test
        void limitsThatAreNotAMapping() {
            onlyError(with("limits:", "limits: [5, 10, 85, 95]"), SENSOR, "limits", "expected a mapping of alarm limits");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "{ll: 5, l: 10, h: 85, hh: 80} | limits.hh | hh 80 must be greater than h 85",
            "{ll: 5, l: 90, h: 85, hh: 95} | limits.h  | h 85 must be greater than l 90",
            "{ll: 10, l: 10}               | limits.l  | l 10 must be greater than ll 10",
            "{ll: 50, h: 40}               | limits.h  | h 40 must be greater than ll 50",
            "{l: 96, hh: 95}               | limits.hh | hh 95 must be greater than l 96"})
        void limitsOutOfOrder(String limits, String field, String message) {
            onlyError(with("limits:", "limits: " + limits.strip()), SENSOR, field.strip(), message.strip(),
                    "ordered ll < l < h < hh");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "{h: 85, hh: 105} | limits.hh | hh 105 % lies outside the instrument range [0, 100]",
            "{ll: -1, h: 85}  | limits.ll | ll -1 % lies outside the instrument range [0, 100]"})
        void limitOutsideTheRange(String limits, String field, String message) {
            onlyError(with("limits:", "limits: " + limits.strip()), SENSOR, field.strip(), message.strip());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "deadband: -0.5  | deadband -0.5 is negative",
            "deadband: 100   | deadband 100 is not smaller than the range span 100",
            "deadband: 250.0 | deadband 250 is not smaller than the range span 100",
            "deadband: \"1\" | deadband must be a number, found text \"1\""})
        void badDeadband(String line, String message) {
            onlyError(with("deadband:", line.strip()), SENSOR, "deadband", message.strip());
        }

        @Test
        void defaultDeadbandWiderThanTheRange() {
            String text = without("deadband:");
            text = with(text, "kind: level", "kind: pressure");
            text = with(text, "unit:", "unit: MPa");
            text = with(text, "range:", "range: [0, 0.01]");
            text = with(text, "limits:", "limits: {h: 0.006}");
            onlyError(text, SENSOR, "deadband", "default deadband of kind pressure (0.02 MPa)", "range span 0.01");
        }

        @Test
        void zeroDeadbandIsAllowed() throws Exception {
            assertEquals(0.0, CatalogueLoader.parse(with("deadband:", "deadband: 0"), "t").sensor(SENSOR).orElseThrow().deadband());
        }
    }

    @Nested
    class Grades {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "grade: 0      | found number 0",
            "grade: 5      | found number 5",
            "grade: 2.5    | found number 2.5",
            "grade: \"2\"  | found text \"2\"",
            "grade: 二级   | found text \"二级\"",
            "grade: [1, 2] | found a list of 2 items"})
        void gradeMustBeAWholeNumberFrom1To4(String line, String found) {
            onlyError(with("grade:", line.strip()), "E01-S1", "grade", found.strip(), "1 (most severe) to 4", "GB 18218-2018");
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 4})
        void validGrades(int grade) throws Exception {
            assertEquals(grade, CatalogueLoader.parse(with("grade:", "grade: " + grade), "t").sensor(SENSOR).orElseThrow().sourceGrade());
        }
    }

    @Nested
    class Regulations {
        String combustible(String limits) {
            String text = with("kind: level", "kind: combustible_gas");
            text = with(text, "unit:", "unit: \"%LEL\"");
            return with(text, "limits:", "limits: " + limits);
        }

        @Test
        void combustibleFirstLevelAbove25PercentLel() {
            exactError(combustible("{h: 30, hh: 40}"), SENSOR, "limits.h", "h 30 %LEL is laxer than GB/T 50493-2019"
                    + " clause 5.5.2 allows: the first-level combustible gas alarm must be set at or below 25 %LEL (line 19)");
        }

        @Test
        void combustibleSecondLevelAbove50PercentLel() {
            exactError(combustible("{h: 20, hh: 60}"), SENSOR, "limits.hh", "hh 60 %LEL is laxer than GB/T 50493-2019"
                    + " clause 5.5.2 allows: the second-level combustible gas alarm must be set at or below 50 %LEL (line 19)");
        }

        @Test
        void bothLaxLimitsAreReported() {
            List<CatalogueError> errors = errors(combustible("{h: 26, hh: 51}"));
            assertEquals(List.of("limits.h", "limits.hh"), errors.stream().map(CatalogueError::field).toList());
        }

        /** BASE as a toxic gas detector with limits and, unless null, oel (a line after deadband, line 21). */
        String toxic(String limits, String oel) {
            String text = with("kind: level", "kind: toxic_gas");
            text = with(text, "unit:", "unit: ppm");
            text = with(text, "limits:", "limits: " + limits);
            return oel == null ? text : with(text, "deadband:", "deadband: 1.0\noel: " + oel);
        }

        @Test
        void toxicFirstLevelAbove100PercentOel() {
            exactError(toxic("{h: 8, hh: 14}", "7"), SENSOR, "limits.h", "h 8 ppm is laxer than GB/T 50493-2019"
                    + " clause 5.5.2 allows: the first-level toxic gas alarm must be set at or below 100 % OEL, 7 ppm"
                    + " (oel 7 ppm) (line 19)");
        }

        @Test
        void toxicSecondLevelAbove200PercentOel() {
            exactError(toxic("{h: 5, hh: 15}", "7"), SENSOR, "limits.hh", "hh 15 ppm is laxer than GB/T 50493-2019"
                    + " clause 5.5.2 allows: the second-level toxic gas alarm must be set at or below 200 % OEL, 14 ppm"
                    + " (oel 7 ppm) (line 19)");
        }

        @Test
        void bothLaxToxicLimitsAreReported() {
            List<CatalogueError> errors = errors(toxic("{h: 60, hh: 90}", "28"));
            assertEquals(List.of("limits.h", "limits.hh"), errors.stream().map(CatalogueError::field).toList());
            assertTrue(errors.get(1).message().contains("at or below 200 % OEL, 56 ppm"), errors.toString());
        }

        @Test
        void toxicLimitsAtTheStandardsCeilingAreAllowed() throws Exception {
            Sensor s = CatalogueLoader.parse(toxic("{h: 7, hh: 14}", "7"), "t").sensor(SENSOR).orElseThrow();
            assertEquals(new Limits(null, null, 7.0, 14.0), s.limits());
            assertEquals(7.0, s.rules().oel());
            // 200 % of 0.33 is 0.66 exactly, whatever binary floating point makes of 2 x 0.33
            Sensor cl2 = CatalogueLoader.parse(toxic("{h: 0.33, hh: 0.66}", "0.33").replace("deadband: 1.0",
                    "deadband: 0.1").replace("range: [0, 100]", "range: [0, 10]"), "t").sensor(SENSOR).orElseThrow();
            assertEquals(new Limits(null, null, 0.33, 0.66), cl2.limits());
        }

        @Test
        void toxicWithoutLimitsNeedsItsOelAllTheSame() throws Exception {
            Sensor s = CatalogueLoader.parse(with(toxic("{}", "0.33"), "limits:", null), "t").sensor(SENSOR).orElseThrow();
            assertEquals(Limits.NONE, s.limits());
            assertEquals(0.33, s.rules().oel());
            onlyError(with(toxic("{}", null), "limits:", null), SENSOR, "oel", "required field \"oel\" is missing");
        }

        @Test
        void toxicWithoutOelIsRejectedAndItsLimitsAreNotCheckedAgainstNothing() {
            exactError(toxic("{h: 60, hh: 90}", null), SENSOR, "oel", "required field \"oel\" is missing; a toxic_gas"
                    + " sensor needs the occupational exposure limit (OEL) of its gas in ppm, against which GB/T 50493-2019"
                    + " clause 5.5.2 checks h and hh, e.g. oel: 7 for H2S (line 14)");
        }

        @Test
        void toxicWithAnEmptyOel() {
            onlyError(toxic("{h: 5, hh: 10}", ""), SENSOR, "oel", "required field \"oel\" has no value");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "0        | oel 0 must be greater than 0; it is the occupational exposure limit of the gas in ppm (line 21)",
            "-7       | oel -7 must be greater than 0; it is the occupational exposure limit of the gas in ppm (line 21)",
            "seven    | oel must be a number, found text \"seven\" (line 21)",
            "'\"7\"'  | oel must be a number, found text \"7\"; write the number without quotes (line 21)",
            "[7, 14]  | oel must be a number, found a list of 2 items (line 21)"})
        void toxicOelMustBeAPositiveNumber(String oel, String message) {
            exactError(toxic("{h: 5, hh: 10}", oel), SENSOR, "oel", message);
        }

        @ParameterizedTest
        @CsvSource({
            "level,           '%',    '{h: 85}'",
            "temperature,     C,      '{h: 85}'",
            "pressure,        MPa,    '{h: 85}'",
            "combustible_gas, '%LEL', '{h: 20}'"})
        void oelOnAnyOtherKindIsRejected(String kind, String unit, String limits) {
            String text = with("kind: level", "kind: " + kind);
            text = with(text, "unit:", "unit: \"" + unit + "\"");
            text = with(text, "limits:", "limits: " + limits);
            text = with(text, "deadband:", "deadband: 1.0\noel: 20");
            exactError(text, SENSOR, "oel", "oel is only for toxic_gas sensors (GB/T 50493-2019 clause 5.5.2 sets their"
                    + " alarms against it); remove it from this " + kind + " sensor (line 21)");
        }
    }

    /** BASE with a rules line after deadband (line 21). */
    static String withRules(String rules) {
        return with("deadband:", "deadband: 1.0\nrules: " + rules);
    }

    /** BASE with a defaults block before towns (its kind entries on lines 3..). */
    static String withDefaults(String block) {
        return with("towns:", "defaults:\n" + block.strip().indent(2) + "towns:");
    }

    static RuleSettings rulesOf(String text) throws CatalogueException {
        return CatalogueLoader.parse(text, "t").sensor(SENSOR).orElseThrow().rules();
    }

    static final long S = 1_000L;
    static final long MIN = 60 * S;

    @Nested
    class Rules {
        @Test
        void everySettingAtOnce() throws Exception {
            RuleSettings r = rulesOf(withRules("{onDelay: 10s, offDelay: 30s, staleAfter: 90s, rocLimit: 5,"
                    + " rocWindow: 60s, forecastHorizon: 15min, flatline: 30min, flatlineEpsilon: 0.01, priority: 1}"));
            assertEquals(new RuleSettings(10 * S, 30 * S, 90 * S, 5.0, 60 * S, 15 * MIN, 30 * MIN, 0.01, 1, null, false), r);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "onDelay: 10s          | 10000, , , , , , , , ",
            "offDelay: 30s         | , 30000, , , , , , , ",
            "staleAfter: 90s       | , , 90000, , , , , , ",
            "rocLimit: 2.5         | , , , 2.5, , , , , ",
            "rocWindow: 2m         | , , , , 120000, , , , ",
            "forecastHorizon: 15m  | , , , , , 900000, , , ",
            "flatline: 30m         | , , , , , , 1800000, , ",
            "flatlineEpsilon: 0.01 | , , , , , , , 0.01, ",
            "priority: 3           | , , , , , , , , 3"})
        void eachSettingLandsInItsOwnComponentAndNoOther(String setting, String expected) throws Exception {
            String[] e = (expected + ",x").split(",", -1);
            RuleSettings want = new RuleSettings(lng(e[0]), lng(e[1]), lng(e[2]), dbl(e[3]), lng(e[4]), lng(e[5]),
                    lng(e[6]), dbl(e[7]), e[8].isBlank() ? null : Integer.valueOf(e[8].strip()), null, false);
            assertEquals(want, rulesOf(withRules("{" + setting + "}")));
        }

        private static Long lng(String s) {
            return s.isBlank() ? null : Long.valueOf(s.strip());
        }

        private static Double dbl(String s) {
            return s.isBlank() ? null : Double.valueOf(s.strip());
        }

        @ParameterizedTest
        @CsvSource({
            "90,      90000",
            "90s,     90000",
            "1.5s,    1500",
            "1m30s,   90000",
            "2m,      120000",
            "15min,   900000",
            "1h30min, 5400000",
            "1h,      3600000",
            "PT90S,   90000",
            "'\"45s\"', 45000"})
        void durationsInTheProjectsSyntax(String written, long ms) throws Exception {
            assertEquals(ms, rulesOf(withRules("{flatline: " + written + "}")).flatlineMs(), "flatline has no upper bound");
        }

        @Test
        void flatlineZeroTurnsTheRuleOff() throws Exception {
            assertEquals(0L, rulesOf(withRules("{flatline: 0s}")).flatlineMs());
            assertEquals(0L, rulesOf(withRules("{flatline: 0}")).flatlineMs());
        }

        @Test
        void blockStyleWorksLikeFlowStyle() throws Exception {
            RuleSettings r = rulesOf(with("deadband:", "deadband: 1.0\nrules:\n  onDelay: 10s\n  priority: 2"));
            assertEquals(10 * S, r.onDelayMs());
            assertEquals(2, r.priority());
        }

        @Test
        void noRulesIsEveryDefault() throws Exception {
            assertEquals(RuleSettings.DEFAULTS, rulesOf(BASE));
            assertEquals(RuleSettings.DEFAULTS, rulesOf(withRules("")), "an empty value counts as not given");
            assertEquals(RuleSettings.DEFAULTS, rulesOf(withRules("{}")));
            assertEquals(RuleSettings.DEFAULTS, rulesOf(withRules("{onDelay: ~}")));
        }

        @Test
        void theBoundsThemselvesAreAllowed() throws Exception {
            RuleSettings low = rulesOf(withRules("{onDelay: 1ms, offDelay: 1ms, staleAfter: 5s, rocWindow: 10s,"
                    + " forecastHorizon: 1m, flatline: 0s, flatlineEpsilon: 0, priority: 1, rocLimit: 0.001}"));
            assertEquals(new RuleSettings(1L, 1L, 5 * S, 0.001, 10 * S, MIN, 0L, 0.0, 1, null, false), low);
            RuleSettings high = rulesOf(withRules("{onDelay: 1h, offDelay: 60m, staleAfter: 24h, rocWindow: 1h,"
                    + " forecastHorizon: 1d, flatline: 7d, priority: 4}"));
            assertEquals(new RuleSettings(60 * MIN, 60 * MIN, 24 * 60 * MIN, null, 60 * MIN, 24 * 60 * MIN,
                    7 * 24 * 60 * MIN, null, 4, null, false), high);
        }

        @Test
        void outOfService() throws Exception {
            assertTrue(rulesOf(with("deadband:", "deadband: 1.0\noutOfService: true")).outOfService());
            assertEquals(RuleSettings.DEFAULTS, rulesOf(with("deadband:", "deadband: 1.0\noutOfService: false")));
        }

        @Test
        void rulesWorkThroughAnchorsAndMergeKeys() throws Exception {
            String text = withRules("&slow {onDelay: 30s, offDelay: 1m}") + """
                    - id: E01-LT102
                      name: 2号储罐液位
                      kind: level
                      range: [0, 100]
                      rules: {<<: *slow, offDelay: 2m}
                    """.indent(10);
            Catalogue c = CatalogueLoader.parse(text, "t");
            assertEquals(60 * S, c.sensor(SENSOR).orElseThrow().rules().offDelayMs());
            RuleSettings r = c.sensor("E01-LT102").orElseThrow().rules();
            assertEquals(30 * S, r.onDelayMs());
            assertEquals(2 * MIN, r.offDelayMs());
        }
    }

    @Nested
    class RuleErrors {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "onDelay: 0s             | rules.onDelay         | onDelay 0s is out of range: it must be positive and at most 1h",
            "onDelay: 2h             | rules.onDelay         | onDelay 2h is out of range: it must be positive and at most 1h",
            "onDelay: 7200           | rules.onDelay         | onDelay 7200s is out of range: it must be positive and at most 1h",
            "offDelay: 61m           | rules.offDelay        | offDelay 61m is out of range: it must be positive and at most 1h",
            "offDelay: -5s           | rules.offDelay        | offDelay -5s is out of range: it must be positive and at most 1h",
            "staleAfter: 4s          | rules.staleAfter      | staleAfter 4s is out of range: it must be between 5s and 24h",
            "staleAfter: 0s          | rules.staleAfter      | staleAfter 0s is out of range: it must be between 5s and 24h",
            "staleAfter: 25h         | rules.staleAfter      | staleAfter 25h is out of range: it must be between 5s and 24h",
            "rocWindow: 9s           | rules.rocWindow       | rocWindow 9s is out of range: it must be between 10s and 1h",
            "rocWindow: 2h           | rules.rocWindow       | rocWindow 2h is out of range: it must be between 10s and 1h",
            "forecastHorizon: 30s    | rules.forecastHorizon | forecastHorizon 30s is out of range: it must be between 1m and 24h",
            "forecastHorizon: 2d     | rules.forecastHorizon | forecastHorizon 2d is out of range: it must be between 1m and 24h",
            "flatline: -1s           | rules.flatline        | flatline -1s is out of range: it must be 0s (off) or positive",
            "onDelay: ten            | rules.onDelay         | onDelay must be a duration such as 90s, 2m, 1h, 1m30s, 500ms or plain seconds (90), found text \"ten\"",
            "onDelay: 10 sec         | rules.onDelay         | onDelay must be a duration such as 90s, 2m, 1h, 1m30s, 500ms or plain seconds (90), found text \"10 sec\"",
            "staleAfter: true        | rules.staleAfter      | staleAfter must be a duration such as 90s, 2m, 1h, 1m30s, 500ms or plain seconds (90), found boolean true",
            "rocLimit: 0             | rules.rocLimit        | rocLimit 0 must be greater than 0; it is a rate of change in the sensor's unit per minute",
            "rocLimit: -2            | rules.rocLimit        | rocLimit -2 must be greater than 0; it is a rate of change in the sensor's unit per minute",
            "rocLimit: fast          | rules.rocLimit        | rocLimit must be a number, found text \"fast\"",
            "flatlineEpsilon: -0.1   | rules.flatlineEpsilon | flatlineEpsilon -0.1 is negative; it must be 0 (bit-identical values) or more",
            "priority: 0             | rules.priority        | priority must be a whole number from 1 (highest) to 4, found number 0",
            "priority: 5             | rules.priority        | priority must be a whole number from 1 (highest) to 4, found number 5",
            "priority: 1.5           | rules.priority        | priority must be a whole number from 1 (highest) to 4, found number 1.5",
            "priority: high          | rules.priority        | priority must be a whole number from 1 (highest) to 4, found text \"high\"",
            "onDealy: 10s            | rules.onDealy         | unknown field \"onDealy\"; did you mean \"onDelay\"?",
            "stale: 90s              | rules.stale           | unknown field \"stale\"; known fields here: onDelay, offDelay, staleAfter, rocLimit, rocWindow, forecastHorizon, flatline, flatlineEpsilon, priority, compression",
            "oel: 7                  | rules.oel             | unknown field \"oel\"; oel is set on the sensor itself (next to limits), not under rules or defaults",
            "outOfService: true      | rules.outOfService    | unknown field \"outOfService\"; outOfService is set on the sensor itself (next to limits), not under rules or defaults"})
        void eachSettingIsChecked(String setting, String field, String message) {
            exactError(withRules("{" + setting + "}"), SENSOR, field, message + " (line 21)");
        }

        @Test
        void rulesMustBeAMapping() {
            exactError(withRules("10s"), SENSOR, "rules", "expected a mapping of rule settings such as"
                    + " {onDelay: 10s, staleAfter: 90s} (keys onDelay, offDelay, staleAfter, rocLimit, rocWindow,"
                    + " forecastHorizon, flatline, flatlineEpsilon, priority, compression), found text \"10s\" (line 21)");
        }

        @Test
        void outOfServiceMustBeABoolean() {
            exactError(with("deadband:", "deadband: 1.0\noutOfService: yes"), SENSOR, "outOfService",
                    "outOfService must be true or false, found text \"yes\" (line 21)");
        }

        @Test
        void everyBadSettingIsReportedNotJustTheFirst() {
            List<CatalogueError> errors = errors(withRules("{onDelay: 0s, staleAfter: 1s, rocLimit: 0, priority: 9,"
                    + " colour: red}"));
            assertEquals(List.of("rules.colour", "rules.onDelay", "rules.staleAfter", "rules.rocLimit", "rules.priority"),
                    errors.stream().map(CatalogueError::field).toList());
            assertTrue(errors.stream().allMatch(e -> e.place().equals(SENSOR)), errors.toString());
        }
    }

    @Nested
    class Defaults {
        @Test
        void aKindsDefaultsApplyToItsSensors() throws Exception {
            RuleSettings r = rulesOf(withDefaults("level: {staleAfter: 60s, onDelay: 5s}"));
            assertEquals(new RuleSettings(5 * S, null, 60 * S, null, null, null, null, null, null, null, false), r);
        }

        @Test
        void theSensorWinsKeyByKey() throws Exception {
            String text = withDefaults("level: {staleAfter: 60s, onDelay: 5s, priority: 3}");
            RuleSettings r = rulesOf(with(text, "deadband:", "deadband: 1.0\nrules: {onDelay: 10s, rocLimit: 2}"));
            assertEquals(new RuleSettings(10 * S, null, 60 * S, 2.0, null, null, null, null, 3, null, false), r);
        }

        @Test
        void anotherKindsDefaultsDoNotApply() throws Exception {
            String text = withDefaults("""
                    temperature: {staleAfter: 2m}
                    toxic_gas: {staleAfter: 30s}
                    """);
            assertEquals(RuleSettings.DEFAULTS, rulesOf(text));
        }

        @Test
        void defaultsMeetOelAndOutOfService() throws Exception {
            String text = withDefaults("toxic_gas: {staleAfter: 30s, flatline: 0s}");
            text = with(text, "kind: level", "kind: toxic_gas");
            text = with(text, "unit:", "unit: ppm");
            text = with(text, "limits:", "limits: {h: 5, hh: 10}");
            text = with(text, "deadband:", "deadband: 1.0\noel: 7\noutOfService: true");
            assertEquals(new RuleSettings(null, null, 30 * S, null, null, null, 0L, null, null, 7.0, true), rulesOf(text));
        }

        @Test
        void everyKindMayHaveDefaultsAndEmptyOnesAreFine() throws Exception {
            String text = withDefaults("""
                    level: {staleAfter: 60s}
                    temperature: {staleAfter: 60s}
                    pressure: {staleAfter: 60s}
                    combustible_gas: {staleAfter: 30s}
                    toxic_gas:
                    """);
            assertEquals(60 * S, rulesOf(text).staleAfterMs());
            assertEquals(RuleSettings.DEFAULTS, rulesOf(withDefaults("{}")));
        }

        @Test
        void unknownKind() {
            exactError(withDefaults("levl: {staleAfter: 60s}"), "catalogue", "defaults.levl",
                    "unknown field \"levl\"; did you mean \"level\"? (line 3)");
            exactError(withDefaults("gas: {staleAfter: 30s}"), "catalogue", "defaults.gas", "unknown field \"gas\"; known"
                    + " fields here: level, temperature, pressure, combustible_gas, toxic_gas (line 3)");
        }

        @Test
        void unknownSettingInADefault() {
            exactError(withDefaults("level: {stale_after: 60s}"), "catalogue", "defaults.level.stale_after",
                    "unknown field \"stale_after\"; did you mean \"staleAfter\"? (line 3)");
            exactError(withDefaults("toxic_gas: {oel: 7}"), "catalogue", "defaults.toxic_gas.oel", "unknown field \"oel\";"
                    + " oel is set on the sensor itself (next to limits), not under rules or defaults (line 3)");
        }

        @Test
        void aDefaultIsValidatedLikeASensorsOwn() {
            exactError(withDefaults("combustible_gas: {staleAfter: 2s}"), "catalogue", "defaults.combustible_gas.staleAfter",
                    "staleAfter 2s is out of range: it must be between 5s and 24h (line 3)");
            exactError(withDefaults("pressure: {priority: 7}"), "catalogue", "defaults.pressure.priority",
                    "priority must be a whole number from 1 (highest) to 4, found number 7 (line 3)");
        }

        @Test
        void defaultsMustBeMappings() {
            exactError(withDefaults("level: 60s"), "catalogue", "defaults.level", "expected a mapping of rule settings such"
                    + " as {onDelay: 10s, staleAfter: 90s} (keys onDelay, offDelay, staleAfter, rocLimit, rocWindow,"
                    + " forecastHorizon, flatline, flatlineEpsilon, priority, compression), found text \"60s\" (line 3)");
            exactError(with("towns:", "defaults: [level]\ntowns:"), "catalogue", "defaults", "expected a mapping from"
                    + " sensor kind to rule settings, such as {level: {staleAfter: 60s}, toxic_gas: {staleAfter: 30s}},"
                    + " found a list of 1 item (line 2)");
        }
    }

    @Nested
    class WholeCatalogue {
        @Test
        void catalogueWithoutSensors() {
            String text = BASE.substring(0, BASE.indexOf("        sensors:")) + "        sensors: []\n";
            onlyError(text, "catalogue", "enterprises", "defines no sensors");
        }

        @Test
        void catalogueWithoutEnterprises() {
            onlyError("towns: []\nenterprises: []\n", "catalogue", "enterprises", "defines no sensors", "0 enterprises");
        }

        @Test
        void everyErrorIsReportedNotJustTheFirst() throws Exception {
            List<CatalogueError> errors = errors(resource("several-errors.yaml"));
            List<String> where = errors.stream().map(e -> e.place() + " | " + e.field()).toList();
            assertEquals(List.of(
                    "catalogue | enterprise",
                    "T01 | id",
                    "towns[2] | id",
                    "E01 | town",
                    "E01-S1 | grade",
                    "E01-LT101 | limts",
                    "E01-LT101 | kind",
                    "E01-LT101 | limits.h",
                    "E01-LT101 | limits.hh",
                    "E01-LT101 | deadband",
                    "E01-GT101 | unit",
                    "E01-GT101 | range",
                    "E01-GT101 | limits.h",
                    "E01-GT101 | limits.hh",
                    "E01-GT101 | id",
                    "E01-GT101 | range",
                    "enterprises[0].sources[0].sensors[3] | id",
                    "enterprises[0].sources[0].sensors[3] | range",
                    "enterprises[0].sources[0].sensors[3] | oel",
                    "E01-PT101 | deadband",
                    "E01-S1 | sensors[5]"), where, () -> String.join("\n", errors.stream().map(Object::toString).toList()));
            for (CatalogueError e : errors) {
                assertTrue(e.message().matches(".*\\(line \\d+\\)$"), "every error of a file names its line: " + e);
            }
        }

        @Test
        void exceptionMessageListsEveryError() throws Exception {
            CatalogueException e = assertThrows(CatalogueException.class,
                    () -> CatalogueLoader.parse(resource("several-errors.yaml"), "several-errors.yaml"));
            assertTrue(e.getMessage().startsWith("catalogue several-errors.yaml has 21 errors:"), e.getMessage());
            assertEquals(22, e.getMessage().lines().count());
        }
    }
}
