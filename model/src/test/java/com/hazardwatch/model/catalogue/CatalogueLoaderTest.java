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
                    "known fields here: id, name, kind, unit, range, limits, deadband");
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
            onlyError(combustible("{h: 30, hh: 40}"), SENSOR, "limits.h", "GB/T 50493-2019", "h 30 %LEL",
                    "first-level", "at or below 25 %LEL");
        }

        @Test
        void combustibleSecondLevelAbove50PercentLel() {
            onlyError(combustible("{h: 20, hh: 60}"), SENSOR, "limits.hh", "GB/T 50493-2019", "hh 60 %LEL",
                    "second-level", "at or below 50 %LEL");
        }

        @Test
        void bothLaxLimitsAreReported() {
            List<CatalogueError> errors = errors(combustible("{h: 26, hh: 51}"));
            assertEquals(List.of("limits.h", "limits.hh"), errors.stream().map(CatalogueError::field).toList());
        }

        @Test
        void toxicGasIsNotYetCheckedAgainstAnOel() throws Exception {
            String text = with("kind: level", "kind: toxic_gas");
            text = with(text, "unit:", "unit: ppm");
            text = with(text, "limits:", "limits: {h: 60, hh: 90}");
            assertEquals(SensorKind.TOXIC_GAS, CatalogueLoader.parse(text, "t").sensor(SENSOR).orElseThrow().kind());
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
            assertTrue(e.getMessage().startsWith("catalogue several-errors.yaml has 20 errors:"), e.getMessage());
            assertEquals(21, e.getMessage().lines().count());
        }
    }
}
