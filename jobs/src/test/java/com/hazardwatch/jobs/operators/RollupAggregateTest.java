package com.hazardwatch.jobs.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import org.junit.jupiter.api.Test;

/** The rollup's arithmetic alone, without Flink. */
class RollupAggregateTest {
    static final long T0 = 1_732_262_400_000L; // a minute's start

    static Reading r(long ts, double v) {
        return new Reading("E01-LT101", "E01", "E01-S1", "level", ts, v, Quality.GOOD, ts);
    }

    @Test
    void minutesAreHalfOpen() {
        assertEquals(T0, RollupAggregate.minuteOf(T0));
        assertEquals(T0, RollupAggregate.minuteOf(T0 + 59_999));
        assertEquals(T0 + 60_000, RollupAggregate.minuteOf(T0 + 60_000));
        assertEquals(T0 - 60_000, RollupAggregate.minuteOf(T0 - 1));
        assertEquals(T0 + 59_999, RollupAggregate.endOf(T0));
        assertEquals(-60_000, RollupAggregate.minuteOf(-1));
    }

    @Test
    void meanMinMaxLastCount() {
        RollupAggregate a = RollupAggregate.first(r(T0 + 10_000, 4.0)).add(r(T0 + 50_000, 1.0)).add(r(T0 + 20_000, 10.0))
                .add(r(T0, 5.0));
        assertEquals(4, a.count);
        assertEquals(5.0, a.mean(), 1e-12);
        assertEquals(1.0, a.min);
        assertEquals(10.0, a.max);
        assertEquals(1.0, a.last, "the newest reading's value, not the last to arrive");
        assertEquals(T0, a.minute);
        assertEquals("E01-LT101", a.sensor);
        assertEquals("level", a.kind);
    }

    @Test
    void onEqualTimestampsTheLaterArrivalIsLast() {
        assertEquals(7.0, RollupAggregate.first(r(T0 + 1, 3.0)).add(r(T0 + 1, 7.0)).last);
    }

    @Test
    void aReadingOfAnotherMinuteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RollupAggregate.first(r(T0, 1.0)).add(r(T0 + 60_000, 2.0)));
    }
}
