package com.hazardwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.testsupport.RepoFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --scale N on simulate and on run/demo: both sides of a load test see the same N-fold catalogue. */
class ScaleOptionTest {
    @Test
    void simulateTakesAScaleAndRefusesNonsense() throws Exception {
        assertEquals(5, SimulateCommand.parse(List.of("--scale", "5")).scale);
        assertEquals(1, SimulateCommand.parse(List.of()).scale);
        SimulateCommand.UsageException zero = assertThrows(SimulateCommand.UsageException.class,
                () -> SimulateCommand.parse(List.of("--scale", "0")));
        assertTrue(zero.getMessage().startsWith("--scale: 0 is not accepted; expected copies of the catalogue, 1 to 10000"),
                zero.getMessage());
        assertThrows(SimulateCommand.UsageException.class, () -> SimulateCommand.parse(List.of("--scale", "ten")));
    }

    @Test
    void runAndDemoLoadTheSameScaledCatalogue() throws Exception {
        PipelineOptions o = PipelineOptions.parse(List.of("--catalogue", RepoFiles.demoCatalogue().toString(), "--scale", "3"));
        assertEquals(3, o.scale());
        Catalogue c = o.loadCatalogue();
        assertEquals(3 * 233, c.sensorCount());
        assertTrue(c.sensor("E01-LT101-C2").isPresent(), "copy 2 of E01-LT101");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> PipelineOptions.parse(List.of("--scale", "0")));
        assertEquals("--scale: 0 copies; accepted 1 to 10000", bad.getMessage());
    }
}
