package com.hazardwatch.jobs.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hazardwatch.model.event.AlarmType;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrioritiesTest {
    @ParameterizedTest(name = "{0}: grade 1 -> {1}, 2 -> {2}, 3 -> {3}, 4 -> {4}, none -> {5}")
    @CsvSource(delimiter = '|', value = {
        "HIGH_HIGH      | 1 | 1 | 2 | 2 | 2",
        "LOW_LOW        | 1 | 1 | 2 | 2 | 2",
        "AREA_GAS       | 1 | 1 | 1 | 1 | 1",
        "HIGH           | 2 | 2 | 3 | 3 | 3",
        "LOW            | 2 | 2 | 3 | 3 | 3",
        "FORECAST_HH    | 2 | 2 | 3 | 3 | 3",
        "FORECAST_LL    | 2 | 2 | 3 | 3 | 3",
        "RATE_OF_CHANGE | 3 | 3 | 3 | 3 | 3",
        "STALE          | 3 | 3 | 3 | 3 | 3",
        "FLATLINE       | 3 | 3 | 3 | 3 | 3",
        "FAULT          | 3 | 3 | 3 | 3 | 3",
        "LINK_DOWN      | 2 | 2 | 2 | 2 | 2",
        "CHATTERING     | 4 | 4 | 4 | 4 | 4",
    })
    void defaultPriorityByTypeAndGrade(AlarmType type, int g1, int g2, int g3, int g4, int none) {
        assertEquals(g1, Priorities.defaultFor(type, 1));
        assertEquals(g2, Priorities.defaultFor(type, 2));
        assertEquals(g3, Priorities.defaultFor(type, 3));
        assertEquals(g4, Priorities.defaultFor(type, 4));
        assertEquals(none, Priorities.defaultFor(type, null));
    }

    @Test
    void everyTypeHasAPriorityInRange() {
        for (AlarmType t : EnumSet.allOf(AlarmType.class)) {
            for (Integer g : new Integer[] {1, 2, 3, 4, null, 0, 7}) {
                int p = Priorities.defaultFor(t, g);
                assertEquals(true, p >= Priorities.HIGHEST && p <= Priorities.LOWEST, t + " grade " + g + " -> " + p);
            }
        }
    }

    @Test
    void gradesOutsideOneToFourCountAsNotMajor() {
        assertEquals(2, Priorities.defaultFor(AlarmType.HIGH_HIGH, 0));
        assertEquals(2, Priorities.defaultFor(AlarmType.HIGH_HIGH, 5));
    }

    @Test
    void typeIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> Priorities.defaultFor(null, 1));
    }
}
