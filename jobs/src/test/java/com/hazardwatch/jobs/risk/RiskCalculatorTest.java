package com.hazardwatch.jobs.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.RiskLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskCalculatorTest {

    @Test
    void contributionIsPriorityWeightTimesGradeFactor() {
        assertEquals(40.0, RiskCalculator.contribution(1, 1));
        assertEquals(30.0, RiskCalculator.contribution(1, 2));
        assertEquals(20.0, RiskCalculator.contribution(1, 3));
        assertEquals(15.0, RiskCalculator.contribution(1, 4));
        assertEquals(10.0, RiskCalculator.contribution(1, null));
        assertEquals(5.0, RiskCalculator.contribution(2, null));
        assertEquals(2.0, RiskCalculator.contribution(3, null));
        assertEquals(1.0, RiskCalculator.contribution(4, null));
        assertEquals(1.5, RiskCalculator.contribution(4, 4));
        assertEquals(6.0, RiskCalculator.contribution(3, 2));
        assertThrows(IllegalArgumentException.class, () -> RiskCalculator.priorityWeight(0));
        assertThrows(IllegalArgumentException.class, () -> RiskCalculator.priorityWeight(5));
        assertThrows(IllegalArgumentException.class, () -> RiskCalculator.gradeFactor(5));
    }

    @Test
    void sourceLevelThresholdsAtTheBoundaries() {
        assertEquals(RiskLevel.BLUE, RiskCalculator.sourceLevel(0));
        assertEquals(RiskLevel.BLUE, RiskCalculator.sourceLevel(3.99));
        assertEquals(RiskLevel.YELLOW, RiskCalculator.sourceLevel(4));
        assertEquals(RiskLevel.YELLOW, RiskCalculator.sourceLevel(9.99));
        assertEquals(RiskLevel.ORANGE, RiskCalculator.sourceLevel(10));
        assertEquals(RiskLevel.ORANGE, RiskCalculator.sourceLevel(19.99));
        assertEquals(RiskLevel.RED, RiskCalculator.sourceLevel(20));
        assertEquals(RiskLevel.RED, RiskCalculator.sourceLevel(1000));
        // one priority-1 alarm on a grade-3 source is red on its own; one priority-4 alarm on an ungraded unit is blue
        assertEquals(RiskLevel.RED, RiskCalculator.sourceLevel(RiskCalculator.contribution(1, 3)));
        assertEquals(RiskLevel.BLUE, RiskCalculator.sourceLevel(RiskCalculator.contribution(4, null)));
    }

    @Test
    void highestOfLevels() {
        assertEquals(RiskLevel.BLUE, RiskCalculator.highest(List.of()));
        assertEquals(RiskLevel.ORANGE, RiskCalculator.highest(List.of(RiskLevel.YELLOW, RiskLevel.ORANGE, RiskLevel.BLUE)));
        assertEquals(RiskLevel.RED, RiskLevel.max(RiskLevel.RED, RiskLevel.YELLOW));
        assertEquals(RiskLevel.YELLOW, RiskLevel.max(null, RiskLevel.YELLOW));
        assertTrue(RiskLevel.RED.isAtLeast(RiskLevel.ORANGE));
        assertFalse(RiskLevel.BLUE.isAtLeast(RiskLevel.YELLOW));
    }

    @Test
    void namesOfTheColours() {
        assertEquals(List.of("蓝", "黄", "橙", "红"), List.of(RiskLevel.values()).stream().map(RiskLevel::chinese).toList());
        assertEquals(List.of("blue", "yellow", "orange", "red"), List.of(RiskLevel.values()).stream().map(RiskLevel::english).toList());
    }

    @Test
    void onlyActiveAlarmsStand() {
        assertTrue(RiskCalculator.stands(AlarmState.ACTIVE_UNACK));
        assertTrue(RiskCalculator.stands(AlarmState.ACTIVE_ACK));
        for (AlarmState s : List.of(AlarmState.NORMAL, AlarmState.RTN_UNACK, AlarmState.SHELVED, AlarmState.SUPPRESSED,
                AlarmState.OUT_OF_SERVICE)) {
            assertFalse(RiskCalculator.stands(s), s.name());
        }
    }
}
