package com.hazardwatch.notifications.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.notifications.Alarms;
import com.hazardwatch.notifications.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EscalatorTest {
    static final Map<Level, List<String>> ON_DUTY = Map.of(Level.ENTERPRISE, List.of("e1"), Level.TOWN, List.of("t1"),
            Level.DISTRICT, List.of("cc1", "cc2"));
    static final List<Duration> TIMES = List.of(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofMinutes(60));

    final Escalator esc = new Escalator(TIMES, (level, enterprise, at) -> ON_DUTY.get(level));
    long now = 1_000_000;

    @Test
    void unacknowledgedAlarmGoesFromEnterpriseToTownToDistrictOnItsPrioritysTime() {
        List<Escalator.Decision> first = esc.onEvent(Alarms.raise("A1", "E01-LT101", 1, now), now);
        assertEquals(1, first.size());
        assertEquals(Level.ENTERPRISE, first.get(0).level());
        assertEquals(Kind.ALARM, first.get(0).kind());
        assertEquals(List.of("e1"), first.get(0).recipients());

        assertEquals(List.of(), esc.due(now + 5 * 60_000 - 1), "not before P1's 5 minutes");
        List<Escalator.Decision> town = esc.due(now + 5 * 60_000);
        assertEquals(1, town.size());
        assertEquals(Level.TOWN, town.get(0).level());
        assertEquals(Kind.ESCALATION, town.get(0).kind());
        assertEquals(Level.ENTERPRISE, town.get(0).from());
        assertEquals(5 * 60_000, town.get(0).waitedMillis());
        assertEquals(List.of("t1"), town.get(0).recipients());

        List<Escalator.Decision> district = esc.due(now + 10 * 60_000);
        assertEquals(Level.DISTRICT, district.get(0).level());
        assertEquals(List.of("cc1", "cc2"), district.get(0).recipients());
        assertEquals(List.of(), esc.due(now + 15 * 60_000), "nothing above the district");
        assertTrue(esc.pending().isEmpty());
    }

    @Test
    void lowerPriorityWaitsLonger() {
        esc.onEvent(Alarms.raise("A3", "E01-LT101", 3, now), now);
        assertEquals(List.of(), esc.due(now + 29 * 60_000));
        assertEquals(Level.TOWN, esc.due(now + 30 * 60_000).get(0).level());
    }

    @Test
    void anAckStopsTheEscalation() {
        esc.onEvent(Alarms.raise("A1", "E01-LT101", 1, now), now);
        assertEquals(List.of(), esc.onEvent(Alarms.ack("A1", "E01-LT101", 1, now + 60_000), now + 60_000));
        assertEquals(List.of(), esc.due(now + 60 * 60_000));
        assertTrue(esc.pending().isEmpty());
    }

    @Test
    void endingShelvingOrOutOfServiceStopIt() {
        for (AlarmState stop : List.of(AlarmState.RTN_UNACK, AlarmState.NORMAL, AlarmState.SHELVED, AlarmState.OUT_OF_SERVICE,
                AlarmState.SUPPRESSED)) {
            Escalator e = new Escalator(TIMES, (level, enterprise, at) -> ON_DUTY.get(level));
            e.onEvent(Alarms.raise("A1", "E01-LT101", 1, now), now);
            e.onEvent(Alarms.event("A1", "E01-LT101", "E01", AlarmType.HIGH_HIGH, AlarmTransition.CLEAR, stop, 1, false, now + 1), now + 1);
            assertEquals(List.of(), e.due(now + 60 * 60_000), stop.name());
        }
    }

    @Test
    void notifyFalseNotifiesNobody() {
        assertEquals(List.of(), esc.onEvent(Alarms.event("A1", "E01-LT101", "E01", AlarmType.HIGH_HIGH, AlarmTransition.RAISE,
                AlarmState.ACTIVE_UNACK, 1, false, now), now), "chattering: notify false");
        assertEquals(List.of(), esc.due(now + 60 * 60_000));
    }

    @Test
    void escalationToHhNotifiesTheLevelReachedAndShortensTheClock() {
        esc.onEvent(Alarms.raise("A1", "E01-LT101", 3, now), now); // HIGH, P3: 30 min
        esc.due(now + 30 * 60_000); // now at TOWN
        long t = now + 31 * 60_000;
        List<Escalator.Decision> hh = esc.onEvent(Alarms.event("A1", "E01-LT101", "E01", AlarmType.HIGH_HIGH,
                AlarmTransition.ESCALATE, AlarmState.ACTIVE_UNACK, 1, true, t), t);
        assertEquals(1, hh.size());
        assertEquals(Level.TOWN, hh.get(0).level());
        assertEquals(Kind.ALARM, hh.get(0).kind());
        assertEquals(Level.DISTRICT, esc.due(t + 5 * 60_000).get(0).level(), "P1's 5 minutes from the ESCALATE");
    }

    @Test
    void aLevelWithNobodyOnDutyIsSkipped() {
        Escalator e = new Escalator(TIMES, (level, enterprise, at) -> level == Level.ENTERPRISE ? List.of() : ON_DUTY.get(level));
        assertEquals(Level.TOWN, e.onEvent(Alarms.raise("A1", "E01-LT101", 1, now), now).get(0).level());
    }

    @Test
    void decisionKeysAreTheSameForTheSameInput() {
        Escalator other = new Escalator(TIMES, (level, enterprise, at) -> ON_DUTY.get(level));
        String a = esc.onEvent(Alarms.raise("A1", "E01-LT101", 1, now), now).get(0).key();
        String b = other.onEvent(Alarms.raise("A1", "E01-LT101", 1, now), now + 999).get(0).key();
        assertEquals(a, b);
        assertEquals(esc.due(now + 5 * 60_000).get(0).key(), other.due(now + 6 * 60_000).get(0).key());
    }
}
