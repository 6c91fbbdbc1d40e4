package com.hazardwatch.simulators.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.testsupport.RepoFiles;
import com.hazardwatch.testsupport.TestCatalogues;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingParserTest {
    static final Catalogue CATALOGUE = TestCatalogues.threeSensors();

    static RecordingParser.Result parse(String csv) throws Exception {
        return parse(csv, ColumnMapping.NONE, false);
    }

    static RecordingParser.Result parse(String csv, ColumnMapping mapping, boolean skip) throws Exception {
        return RecordingParser.parse("test.csv", new StringReader(csv), CATALOGUE, mapping, skip);
    }

    static List<String> problems(RecordingParser.Result r) {
        return r.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void readsEpochMillisAndIsoWithOffsetEmptyCellsCommentsAndQuotes() throws Exception {
        RecordingParser.Result r = parse("""
                \uFEFF# a comment before the header
                ts,E01-LT101,"E01-TT101",E01-PT101

                1732262400000,55.5,21.4,1.02
                # a comment between rows
                2024-11-22T16:00:05+08:00,,21.5,
                2024-11-22T08:00:10.250Z , 56 ,-1.5e1, "1.030"
                2024-11-22 16:00:15+08:00,57,,
                """);
        assertEquals(List.of(), problems(r));
        Recording rec = r.recording();
        assertEquals("ts", rec.timestampHeader());
        assertEquals(List.of("E01-LT101", "E01-TT101", "E01-PT101"), rec.columns().stream().map(c -> c.sensor().id()).toList());
        assertEquals(List.of(2, 3, 4), rec.columns().stream().map(Recording.Column::number).toList());
        assertEquals(4, rec.rows().size());
        assertEquals(List.of(4, 6, 7, 8), rec.rows().stream().map(Recording.Row::line).toList());
        assertEquals(List.of(1732262400000L, 1732262405000L, 1732262410250L, 1732262415000L),
                rec.rows().stream().map(Recording.Row::recordedMillis).toList());
        assertArrayEquals(new double[] {55.5, 21.4, 1.02}, rec.rows().get(0).values());
        assertArrayEquals(new double[] {Double.NaN, 21.5, Double.NaN}, rec.rows().get(1).values());
        assertArrayEquals(new double[] {56, -15, 1.03}, rec.rows().get(2).values());
        assertEquals(8, rec.readings());
        assertEquals(15_000, rec.spanMillis());
    }

    @Test
    void reportsEveryProblemWithLineAndColumnAtOnce() throws Exception {
        RecordingParser.Result r = parse("""
                ts,E01-LT101,LT-9,E01-TT101,,E01-LT101
                2024-11-22T08:00:00,1,2,3,4,5
                2024-11-22T08:00:05+08:00,x,,NaN,,
                2024-11-22T08:00:01+08:00,1,2,3,4,5
                1732262400,1,,,,
                yesterday,1,2
                1732262405000,1,,,,
                1732262405000,2,,7,,
                1732262404000,,,,,
                """);
        assertNull(r.recording());
        assertEquals(List.of(
                "line 1, column 3 (LT-9): 'LT-9' is not a sensor of catalogue catalogue topic test (3 sensors); "
                        + "name the column by sensor id, or map it: --map LT-9=SENSOR_ID",
                "line 1, column 5: empty header; every column after the timestamp names a sensor",
                "line 1, column 6 (E01-LT101): E01-LT101 is also column 2; one column per sensor",
                "line 2, column 1 (ts): '2024-11-22T08:00:00' has no zone offset; add one, e.g. 2024-11-22T08:00:00+08:00 or 2024-11-22T08:00:00Z",
                "line 3, column 2 (E01-LT101): 'x' is not a number",
                "line 3, column 4 (E01-TT101): 'NaN' is not a number",
                "line 4, column 1 (ts): '2024-11-22T08:00:01+08:00' is earlier than '2024-11-22T08:00:05+08:00' on line 3: "
                        + "timestamps must not go backwards",
                "line 5, column 1 (ts): '1732262400' is before 1973 as epoch milliseconds (seconds?); expected "
                        + RecordingParser.TIMESTAMPS,
                "line 6: 3 cells, the header has 6",
                "line 8, column 2 (E01-LT101): a second reading of E01-LT101 at '1732262405000' (the first is on line 7); "
                        + "one reading per sensor and time",
                "line 9, column 1 (ts): '1732262404000' is earlier than '1732262405000' on line 8: timestamps must not go backwards"),
                problems(r));
    }

    @Test
    void aTimestampThatIsNoneSaysWhatIsAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordingParser.timestamp("yesterday"));
        assertEquals("'yesterday' is not a timestamp; expected epoch milliseconds (1732262400000) or ISO-8601 with a zone offset "
                + "(2024-11-22T08:00:00+08:00, 2024-11-22T00:00:00Z)", e.getMessage());
        assertEquals("no timestamp; expected " + RecordingParser.TIMESTAMPS,
                assertThrows(IllegalArgumentException.class, () -> RecordingParser.timestamp("")).getMessage());
        assertEquals(1732262400123L, RecordingParser.timestamp("2024-11-22T16:00:00.123+08:00"));
    }

    @Test
    void skipBadRowsLeavesOutAndCountsTheRowsWithProblemsButNotThoseOfTheHeader() throws Exception {
        String csv = """
                ts,E01-LT101,E01-TT101
                1732262400000,1,2
                1732262405000,x,2
                1732262399000,3,4
                1732262410000,5,
                oops,6,7
                """;
        RecordingParser.Result r = parse(csv, ColumnMapping.NONE, true);
        assertEquals(List.of(), problems(r));
        assertEquals(3, r.skippedRows());
        assertEquals(List.of(
                "line 3, column 2 (E01-LT101): 'x' is not a number",
                "line 4, column 1 (ts): '1732262399000' is earlier than '1732262400000' on line 2: timestamps must not go backwards",
                "line 6, column 1 (ts): 'oops' is not a timestamp; expected " + RecordingParser.TIMESTAMPS),
                r.skipped().stream().map(Problem::toString).toList());
        assertEquals(List.of(2, 5), r.recording().rows().stream().map(Recording.Row::line).toList());

        RecordingParser.Result header = parse("ts,E01-LT101,E99\n1732262400000,1,2\n1732262405000,x,2\n", ColumnMapping.NONE, true);
        assertEquals(List.of("line 1, column 3 (E99): 'E99' is not a sensor of catalogue catalogue topic test (3 sensors); "
                + "name the column by sensor id, or map it: --map E99=SENSOR_ID"), problems(header));
        assertEquals(1, header.skippedRows());
    }

    @Test
    void aRowSkippedForGoingBackwardsLeavesTheLastGoodTimeAsReference() throws Exception {
        RecordingParser.Result r = parse("ts,E01-LT101\n1732262410000,1\n1732262400000,2\n1732262405000,3\n1732262415000,4\n",
                ColumnMapping.NONE, true);
        assertEquals(2, r.skippedRows());
        assertEquals(List.of("line 3, column 1 (ts): '1732262400000' is earlier than '1732262410000' on line 2: timestamps must not go backwards",
                "line 4, column 1 (ts): '1732262405000' is earlier than '1732262410000' on line 2: timestamps must not go backwards"),
                r.skipped().stream().map(Problem::toString).toList());
    }

    @Test
    void mappedHeadersNameTheirSensors() throws Exception {
        ColumnMapping m = ColumnMapping.parse(List.of("LT-101=E01-LT101,TT-101=E01-TT101", "PT-9=E09-PT999"));
        RecordingParser.Result r = parse("time,LT-101,TT-101,PT-9\n1732262400000,1,2,3\n", m, false);
        assertEquals(List.of("line 1, column 4 (PT-9): mapped to E09-PT999, which is not a sensor of catalogue catalogue topic test"),
                problems(r));
        RecordingParser.Result ok = parse("time,LT-101,TT-101,E01-PT101\n1732262400000,1,2,3\n", m, false);
        assertEquals(List.of("E01-LT101", "E01-TT101", "E01-PT101"),
                ok.recording().columns().stream().map(c -> c.sensor().id()).toList());
        assertEquals(List.of("LT-101", "TT-101", "E01-PT101"), ok.recording().columns().stream().map(Recording.Column::header).toList());
    }

    @Test
    void anEmptyFileOrOneWithoutRowsOrSensorsIsAProblem() throws Exception {
        assertEquals(List.of("line 1: no header row; expected a timestamp column, then one column per sensor, e.g. ts,E01-LT101,E01-TT101"),
                problems(parse("")));
        assertEquals(List.of("line 2: no rows after the header; nothing to replay"), problems(parse("# x\nts,E01-LT101\n\n")));
        assertEquals(List.of("line 1: no sensor columns; expected a timestamp column, then one column per sensor, e.g. ts,E01-LT101,E01-TT101"),
                problems(parse("ts\n1732262400000\n")));
        assertEquals(List.of("line 1: no good rows: all 1 rows have problems"),
                problems(parse("ts,E01-LT101\nx,1\n", ColumnMapping.NONE, true)));
    }

    @Test
    void theShippedExampleIsValidAgainstTheDemoCatalogueAndRaisesHigh() throws Exception {
        Catalogue demo = CatalogueLoader.load(RepoFiles.demoCatalogue());
        RecordingParser.Result r = RecordingParser.parse(RepoFiles.root().resolve("simulators/replay/example.csv"), demo,
                ColumnMapping.NONE, false);
        assertEquals(List.of(), problems(r));
        Recording rec = r.recording();
        assertTrue(rec.spanMillis() >= 3 * 60_000, "a few minutes: " + rec.spanMillis());
        int level = rec.columns().stream().map(c -> c.sensor().id()).toList().indexOf("E01-LT102");
        double h = demo.sensor("E01-LT102").orElseThrow().limits().h();
        long above = rec.rows().stream().filter(row -> row.values()[level] > h).count();
        assertTrue(above >= 5, "a period above H: " + above + " rows");
        assertTrue(rec.rows().get(rec.rows().size() - 1).values()[level] < h - 1, "back below H - deadband at the end");
    }
}
