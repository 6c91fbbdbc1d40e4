package com.hazardwatch.simulators.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnMappingTest {
    @Test
    void mapsHeadersAndLeavesOthersAsTheyAre() {
        ColumnMapping m = ColumnMapping.parse(List.of("LT-101=E01-LT101, TT-101 = E01-TT101", "PT-101=E01-PT101"));
        assertEquals(Map.of("LT-101", "E01-LT101", "TT-101", "E01-TT101", "PT-101", "E01-PT101"), m.pairs());
        assertEquals("E01-LT101", m.sensorFor("LT-101"));
        assertEquals("E05-TT101", m.sensorFor("E05-TT101"));
        assertTrue(m.maps("TT-101"));
        assertFalse(m.maps("E05-TT101"));
        assertEquals(List.of("PT-101"), m.unused(List.of("LT-101", "TT-101", "E05-TT101")));
        assertEquals("LT-101=E01-LT101,TT-101=E01-TT101,PT-101=E01-PT101", m.toString());
    }

    @Test
    void rejectsWhatIsNotAPairAndAHeaderMappedTwice() {
        assertEquals("'LT-101' is not HEADER=SENSOR_ID, e.g. LT-101=E01-LT101",
                assertThrows(IllegalArgumentException.class, () -> ColumnMapping.parse(List.of("LT-101"))).getMessage());
        assertEquals("'=E01-LT101' is not HEADER=SENSOR_ID, e.g. LT-101=E01-LT101",
                assertThrows(IllegalArgumentException.class, () -> ColumnMapping.parse(List.of("=E01-LT101"))).getMessage());
        assertEquals("'A=B=C' is not HEADER=SENSOR_ID, e.g. LT-101=E01-LT101",
                assertThrows(IllegalArgumentException.class, () -> ColumnMapping.parse(List.of("A=B=C"))).getMessage());
        assertEquals("header LT-101 is mapped twice: to E01-LT101 and to E01-LT102",
                assertThrows(IllegalArgumentException.class,
                        () -> ColumnMapping.parse(List.of("LT-101=E01-LT101", "LT-101=E01-LT102"))).getMessage());
        assertEquals(1, ColumnMapping.parse(List.of("LT-101=E01-LT101", "LT-101=E01-LT101")).pairs().size());
    }

    @Test
    void loadsAFileAndNamesTheLinesOfItsProblems(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tags.txt");
        Files.writeString(f, "# historian tags\nLT-101=E01-LT101\n\n  TT-101 = E01-TT101  \n");
        ColumnMapping m = ColumnMapping.load(f);
        assertEquals(Map.of("LT-101", "E01-LT101", "TT-101", "E01-TT101"), m.pairs());
        assertEquals("header TT-101 is mapped twice: to E01-TT101 and to E01-TT102",
                assertThrows(IllegalArgumentException.class,
                        () -> m.and(ColumnMapping.parse(List.of("TT-101=E01-TT102")))).getMessage());

        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "LT-101=E01-LT101\nTT-101\nLT-101=E01-LT102\n");
        assertEquals("bad.txt line 2: 'TT-101' is not HEADER=SENSOR_ID, e.g. LT-101=E01-LT101\n"
                        + "bad.txt line 3: header LT-101 is mapped twice: to E01-LT101 and to E01-LT102",
                assertThrows(IllegalArgumentException.class, () -> ColumnMapping.load(bad)).getMessage());
    }
}
