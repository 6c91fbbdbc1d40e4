package com.hazardwatch.simulators.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplayTimingTest {
    static final long FIRST = 1732262400000L; // 2024-11-22T08:00:00Z
    static final long NOW = 1795000000000L;

    @Test
    void realTimeKeepsTheRecordedSpacingAndShiftsTheFirstRowToNow() {
        ReplayTiming t = new ReplayTiming(FIRST, Speed.REAL_TIME, true, NOW);
        assertEquals(NOW, t.eventMillis(FIRST));
        assertEquals(NOW + 90_500, t.eventMillis(FIRST + 90_500));
        assertEquals(0, t.dueNanos(FIRST));
        assertEquals(90_500_000_000L, t.dueNanos(FIRST + 90_500));
        assertEquals(NOW - FIRST, t.shiftMillis());
        assertEquals(0, t.aheadOfClockMillis(FIRST + 300_000), "at real time the stamps are the clock");
    }

    @Test
    void fasterPlaysSoonerButKeepsTheSpacingOfTheStamps() {
        ReplayTiming t = new ReplayTiming(FIRST, Speed.parse("10"), true, NOW);
        assertEquals(30_000_000_000L, t.dueNanos(FIRST + 300_000), "5 min of recording in 30 s");
        assertEquals(NOW + 300_000, t.eventMillis(FIRST + 300_000));
        assertEquals(270_000, t.aheadOfClockMillis(FIRST + 300_000), "d x (1 - 1/speed) ahead of the clock");
        ReplayTiming half = new ReplayTiming(FIRST, Speed.parse("0.5"), true, NOW);
        assertEquals(20_000_000_000L, half.dueNanos(FIRST + 10_000));
        assertEquals(-10_000, half.aheadOfClockMillis(FIRST + 10_000));
        ReplayTiming third = new ReplayTiming(FIRST, Speed.parse("3"), true, NOW);
        assertEquals(333_333_333L, third.dueNanos(FIRST + 1_000), "rounded to the nanosecond");
    }

    @Test
    void maxPlaysEverythingAtOnce() {
        ReplayTiming t = new ReplayTiming(FIRST, Speed.MAX, true, NOW);
        assertEquals(0, t.dueNanos(FIRST + 3_600_000));
        assertEquals(NOW + 3_600_000, t.eventMillis(FIRST + 3_600_000));
        assertEquals(0, ReplayTiming.wallNanos(3_600_000, Speed.MAX));
        assertEquals(360_000_000_000L, ReplayTiming.wallNanos(3_600_000, Speed.parse("10x")));
    }

    @Test
    void withoutShiftTheRecordedTimesGoOut() {
        ReplayTiming t = new ReplayTiming(FIRST, Speed.parse("20"), false, NOW);
        assertEquals(FIRST + 5_000, t.eventMillis(FIRST + 5_000));
        assertEquals(0, t.shiftMillis());
        assertEquals(250_000_000L, t.dueNanos(FIRST + 5_000));
        assertTrue(t.aheadOfClockMillis(FIRST) < 0, "history is behind the clock");
    }

    @Test
    void speedsParseAndPrint() {
        assertEquals(1.0, Speed.parse("1").factor());
        assertEquals(10.0, Speed.parse(" 10x ").factor());
        assertEquals(0.5, Speed.parse("0.5").factor());
        assertEquals(Speed.MAX, Speed.parse("MAX"));
        assertEquals("10x", Speed.parse("10").toString());
        assertEquals("0.5x", Speed.parse("0.5").toString());
        assertEquals("max", Speed.MAX.toString());
        for (String bad : new String[] {"0", "-1", "fast", "", "1e3", "2000000"}) {
            assertEquals("'" + bad + "' is not a speed; expected " + Speed.ACCEPTED,
                    assertThrows(IllegalArgumentException.class, () -> Speed.parse(bad)).getMessage(), bad);
        }
    }

    @Test
    void shiftsPrintInDaysWhenLong() {
        assertEquals("+2m30s", ReplayStats.shift(150_000));
        assertEquals("-1h05m", ReplayStats.shift(-3_900_000));
        assertEquals("+730d 2h", ReplayStats.shift(730L * 86_400_000 + 7_200_000));
        assertEquals("+1d", ReplayStats.shift(86_400_000));
    }
}
