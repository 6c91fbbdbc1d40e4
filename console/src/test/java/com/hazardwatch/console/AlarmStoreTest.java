package com.hazardwatch.console;

import static com.hazardwatch.testsupport.TestAlarms.alarmId;
import static com.hazardwatch.testsupport.TestAlarms.raise;
import static com.hazardwatch.testsupport.TestAlarms.transition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.testsupport.TestCatalogues;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AlarmStoreTest {
    static final long T0 = 1_800_000_000_000L;
    final MutableClock clock = new MutableClock(Instant.ofEpochMilli(T0 + 3_600_000));
    final Catalogue catalogue = TestCatalogues.parse(TestCatalogues.TWO_TOWNS);
    final AlarmStore store = new AlarmStore(catalogue, clock);

    @Test
    void rebuildKeepsWhatStandsAndDropsWhatEnded() {
        String hi = alarmId("E01-LT101", "HI", T0);
        String tt = alarmId("E01-TT101", "HI", T0 + 1000);
        store.apply(raise(hi, "E01-LT101", AlarmType.HIGH, 3, 86, 85, T0));
        store.apply(transition(hi, "E01-LT101", AlarmType.HIGH_HIGH, AlarmTransition.ESCALATE, AlarmState.ACTIVE_UNACK, 1, 96, 95, T0 + 500, null, null));
        store.apply(transition(hi, "E01-LT101", AlarmType.HIGH_HIGH, AlarmTransition.ACK, AlarmState.ACTIVE_ACK, 1, 96, 95, T0 + 900, "zhang.wei", "pump stopped"));
        store.apply(raise(tt, "E01-TT101", AlarmType.HIGH, 3, 41, 40, T0 + 1000));
        store.apply(transition(tt, "E01-TT101", AlarmType.HIGH, AlarmTransition.CLEAR, AlarmState.RTN_UNACK, 3, 38, 39, T0 + 2000, null, null));
        store.apply(transition(tt, "E01-TT101", AlarmType.HIGH, AlarmTransition.ACK, AlarmState.NORMAL, 3, 38, 39, T0 + 3000, "li.na", null));

        List<AlarmView> standing = store.standing(AlarmFilter.ALL);
        assertEquals(1, standing.size());
        AlarmView v = standing.get(0);
        assertEquals(hi, v.alarmId());
        assertEquals("ACTIVE_ACK", v.state());
        assertEquals("HIGH_HIGH", v.type());
        assertEquals(1, v.priority());
        assertEquals("zhang.wei", v.operator());
        assertEquals("临港镇", v.townName());
        assertEquals("澜涛石化仓储有限公司", v.enterpriseName());
        assertEquals("1号球罐液位", v.sensorName());
        assertEquals(T0, v.raisedAt());
        assertEquals(3, store.transitions(hi).size());
        assertEquals(3, store.transitions(tt).size(), "an ended alarm's transitions come from the history");
        assertEquals("NORMAL", store.alarm(tt).orElseThrow().state());
        assertEquals(6, store.history().size());
        assertEquals(Map.of("T01", 1), store.standingByTown());
    }

    @Test
    void ordersByPriorityThenNewestRaisedFirst() {
        store.apply(raise(alarmId("E01-LT101", "HI", T0), "E01-LT101", AlarmType.HIGH, 3, 86, 85, T0));
        store.apply(raise(alarmId("E01-TT101", "HI", T0 + 10), "E01-TT101", AlarmType.HIGH_HIGH, 1, 51, 50, T0 + 10));
        store.apply(raise(alarmId("E01-PT101", "HI", T0 + 20), "E01-PT101", AlarmType.HIGH, 3, 1.9, 1.8, T0 + 20));
        store.apply(raise(alarmId("E02-GT101", "HI", T0 + 5), "E02-GT101", AlarmType.HIGH, 2, 21, 20, T0 + 5));
        store.apply(raise(alarmId("E02-GT101", "ST", T0 + 30), "E02-GT101", AlarmType.STALE, 0, Double.NaN, Double.NaN, T0 + 30));
        List<String> order = store.standing(AlarmFilter.ALL).stream().map(AlarmView::alarmId).toList();
        assertEquals(List.of(alarmId("E01-TT101", "HI", T0 + 10), alarmId("E02-GT101", "HI", T0 + 5),
                alarmId("E01-PT101", "HI", T0 + 20), alarmId("E01-LT101", "HI", T0), alarmId("E02-GT101", "ST", T0 + 30)), order,
                "priority 1 first, an unknown priority (0) last; within a priority the newest raise first");
    }

    @Test
    void filtersByTownEnterpriseSourceStateAndType() {
        store.apply(raise(alarmId("E01-LT101", "HI", T0), "E01-LT101", AlarmType.HIGH, 3, 86, 85, T0));
        store.apply(raise(alarmId("E02-GT101", "HI", T0 + 5), "E02-GT101", AlarmType.HIGH_HIGH, 2, 41, 40, T0 + 5));
        store.apply(transition(alarmId("E01-TT101", "HI", T0), "E01-TT101", AlarmType.HIGH, AlarmTransition.SHELVE,
                AlarmState.SHELVED, 3, 41, 40, T0 + 9, "li.na", "recalibration"));
        assertEquals(List.of("E02-GT101"), sensors(new AlarmFilter("T02", null, null, null, null)));
        assertEquals(List.of("E01-LT101", "E01-TT101"), sensors(new AlarmFilter(null, "E01", null, null, null)), "same priority and raise time: by id");
        assertEquals(List.of("E02-GT101"), sensors(new AlarmFilter(null, null, "E02-S1", null, null)));
        assertEquals(List.of("E01-TT101"), sensors(new AlarmFilter(null, null, null, "SHELVED", null)));
        assertEquals(List.of("E02-GT101"), sensors(new AlarmFilter(null, null, null, null, "HIGH_HIGH")));
        assertEquals(List.of(), sensors(new AlarmFilter("T02", null, null, "SHELVED", null)));
        assertEquals(3, sensors(AlarmFilter.of(Map.of("town", "", "state", " "))).size(), "blank filters match everything");
    }

    private List<String> sensors(AlarmFilter f) {
        return store.standing(f).stream().map(AlarmView::sensor).toList();
    }

    @Test
    void rejectedAnswerChangesNothingButIsInTheHistoryAndAnswersTheCommand() {
        String hi = alarmId("E01-LT101", "HI", T0);
        store.apply(raise(hi, "E01-LT101", AlarmType.HIGH, 3, 86, 85, T0));
        CompletableFuture<LifecycleEvent> answer = store.answerTo("zhang.wei", T0 + 5000);
        List<AlarmStore.Update> heard = new ArrayList<>();
        store.addListener(heard::add);
        store.apply(transition(hi, "E01-LT101", AlarmType.HIGH, AlarmTransition.REJECTED, AlarmState.ACTIVE_UNACK, 3, 86, 85,
                T0 + 5000, "zhang.wei", null));
        assertTrue(answer.isDone());
        assertEquals(AlarmTransition.REJECTED, answer.join().transition());
        assertEquals("ACTIVE_UNACK", store.standing(AlarmFilter.ALL).get(0).state());
        assertEquals("RAISE", store.standing(AlarmFilter.ALL).get(0).transition());
        assertEquals(1, heard.size());
        assertTrue(heard.get(0).standing());
        assertEquals(2, store.transitions(hi).size());
    }

    @Test
    void answerIsMatchedByOperatorAndTs() {
        CompletableFuture<LifecycleEvent> answer = store.answerTo("li.na", T0 + 7);
        store.apply(transition(alarmId("E01-LT101", "HI", T0), "E01-LT101", AlarmType.HIGH, AlarmTransition.ACK,
                AlarmState.ACTIVE_ACK, 3, 86, 85, T0 + 7, "zhang.wei", null));
        assertFalse(answer.isDone(), "another operator's transition is not the answer");
        store.apply(transition(alarmId("E01-LT101", "HI", T0), "E01-LT101", AlarmType.HIGH, AlarmTransition.ACK,
                AlarmState.ACTIVE_ACK, 3, 86, 85, T0 + 7, "li.na", null));
        assertTrue(answer.isDone());
    }

    @Test
    void historyKeepsEightDays() {
        store.apply(raise(alarmId("E01-LT101", "HI", T0), "E01-LT101", AlarmType.HIGH, 3, 86, 85, T0));
        store.apply(transition(alarmId("E01-LT101", "HI", T0), "E01-LT101", AlarmType.HIGH, AlarmTransition.CLEAR,
                AlarmState.RTN_UNACK, 3, 80, 84, T0 + 60_000, null, null));
        assertEquals(2, store.history().size());
        clock.advance(AlarmStore.HISTORY.minus(Duration.ofHours(1)).plusSeconds(30));
        assertEquals(1, store.history().size(), "the transition older than 8 days is dropped");
        assertEquals(1, store.standing(AlarmFilter.ALL).size(), "a standing alarm stays whatever its age");
        assertEquals(2, store.transitions(alarmId("E01-LT101", "HI", T0)).size(), "with all its transitions");
        assertEquals(80.0, store.standing(AlarmFilter.ALL).get(0).value());
    }
}
