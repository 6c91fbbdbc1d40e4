package com.hazardwatch.jobs.lifecycle;

import com.hazardwatch.model.event.LifecycleEvent;

import static com.hazardwatch.jobs.lifecycle.Fixtures.L;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every cell of the lifecycle table: each state (with the condition active or clear beneath the layers) against every
 * input. The rows are the table reported in docs/rules.md terms: outcome, the state shown after, the transition
 * emitted, whether it is notified, and for rejections a part of the reason.
 */
class AlarmStateTableTest {
    static final Map<String, Supplier<AlarmRecord>> FROM = Map.of(
            "ACTIVE_UNACK", Fixtures::activeUnack,
            "ACTIVE_ACK", Fixtures::activeAck,
            "RTN_UNACK", Fixtures::rtnUnack,
            "NORMAL", Fixtures::normal,
            "SHELVED", Fixtures::shelvedActive,
            "SHELVED_CLEAR", Fixtures::shelvedClear,
            "SUPPRESSED", Fixtures::suppressedActive,
            "SUPPRESSED_CLEAR", Fixtures::suppressedClear,
            "OUT_OF_SERVICE", Fixtures::outOfServiceActive,
            "OUT_OF_SERVICE_CLEAR", Fixtures::outOfServiceClear);

    static final String RETURN_ID = "E01-LT101:HI:10000";

    static final Map<String, Function<AlarmRecord, Step>> ACTION = Map.ofEntries(
            Map.entry("clear", r -> L.clear(r, 80.0, 84.0, Fixtures.T)),
            Map.entry("return", r -> L.raise(r, Fixtures.raiseEvent(RETURN_ID, AlarmType.HIGH, 87.0, 85.0, Fixtures.T), Fixtures.GRADE)),
            Map.entry("escalate", r -> L.escalate(r, AlarmType.HIGH_HIGH, 96.0, 95.0, Fixtures.T)),
            Map.entry("ack", r -> L.ack(r, Fixtures.ack(Fixtures.T))),
            Map.entry("shelve", r -> L.shelve(r, Fixtures.shelve(Fixtures.T), Fixtures.T)),
            Map.entry("unshelve", r -> L.unshelve(r, Fixtures.unshelve(Fixtures.T))),
            Map.entry("shelf-expiry", r -> L.shelfExpired(r, Fixtures.SHELF_END)),
            Map.entry("out-of-service", r -> L.outOfService(r, Fixtures.outOfService(Fixtures.T))),
            Map.entry("in-service", r -> L.inService(r, Fixtures.inService(Fixtures.T))),
            Map.entry("suppress", r -> L.suppress(r, "E01:LINK_DOWN:9000: link to E01 down", Fixtures.T)),
            Map.entry("unsuppress", r -> L.unsuppress(r, "E01 reporting again", Fixtures.T)));

    @ParameterizedTest(name = "{0} + {1} -> {2} {3} {4} notify={5} {6}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // from                | action         | outcome  | shown after    | transition     | notify | reason contains
        "ACTIVE_UNACK          | clear          | APPLIED  | RTN_UNACK      | CLEAR          | false  | -",
        "ACTIVE_UNACK          | return         | IGNORED  | ACTIVE_UNACK   | -              | false  | already active",
        "ACTIVE_UNACK          | escalate       | APPLIED  | ACTIVE_UNACK   | ESCALATE       | true   | -",
        "ACTIVE_UNACK          | ack            | APPLIED  | ACTIVE_ACK     | ACK            | false  | -",
        "ACTIVE_UNACK          | shelve         | APPLIED  | SHELVED        | SHELVE         | false  | -",
        "ACTIVE_UNACK          | unshelve       | REJECTED | ACTIVE_UNACK   | REJECTED       | false  | not shelved",
        "ACTIVE_UNACK          | shelf-expiry   | IGNORED  | ACTIVE_UNACK   | -              | false  | not shelved",
        "ACTIVE_UNACK          | out-of-service | APPLIED  | OUT_OF_SERVICE | OUT_OF_SERVICE | false  | -",
        "ACTIVE_UNACK          | in-service     | REJECTED | ACTIVE_UNACK   | REJECTED       | false  | not out of service",
        "ACTIVE_UNACK          | suppress       | APPLIED  | SUPPRESSED     | SUPPRESS       | false  | -",
        "ACTIVE_UNACK          | unsuppress     | IGNORED  | ACTIVE_UNACK   | -              | false  | not suppressed",

        "ACTIVE_ACK            | clear          | APPLIED  | NORMAL         | CLEAR          | false  | -",
        "ACTIVE_ACK            | return         | IGNORED  | ACTIVE_ACK     | -              | false  | already active",
        "ACTIVE_ACK            | escalate       | APPLIED  | ACTIVE_UNACK   | ESCALATE       | true   | -",
        "ACTIVE_ACK            | ack            | REJECTED | ACTIVE_ACK     | REJECTED       | false  | already acknowledged by li.na",
        "ACTIVE_ACK            | shelve         | APPLIED  | SHELVED        | SHELVE         | false  | -",
        "ACTIVE_ACK            | unshelve       | REJECTED | ACTIVE_ACK     | REJECTED       | false  | not shelved",
        "ACTIVE_ACK            | shelf-expiry   | IGNORED  | ACTIVE_ACK     | -              | false  | not shelved",
        "ACTIVE_ACK            | out-of-service | APPLIED  | OUT_OF_SERVICE | OUT_OF_SERVICE | false  | -",
        "ACTIVE_ACK            | in-service     | REJECTED | ACTIVE_ACK     | REJECTED       | false  | not out of service",
        "ACTIVE_ACK            | suppress       | APPLIED  | SUPPRESSED     | SUPPRESS       | false  | -",
        "ACTIVE_ACK            | unsuppress     | IGNORED  | ACTIVE_ACK     | -              | false  | not suppressed",

        "RTN_UNACK             | clear          | IGNORED  | RTN_UNACK      | -              | false  | already clear",
        "RTN_UNACK             | return         | APPLIED  | ACTIVE_UNACK   | RETURN         | true   | -",
        "RTN_UNACK             | escalate       | IGNORED  | RTN_UNACK      | -              | false  | not active",
        "RTN_UNACK             | ack            | APPLIED  | NORMAL         | ACK            | false  | -",
        "RTN_UNACK             | shelve         | APPLIED  | SHELVED        | SHELVE         | false  | -",
        "RTN_UNACK             | unshelve       | REJECTED | RTN_UNACK      | REJECTED       | false  | not shelved",
        "RTN_UNACK             | shelf-expiry   | IGNORED  | RTN_UNACK      | -              | false  | not shelved",
        "RTN_UNACK             | out-of-service | APPLIED  | OUT_OF_SERVICE | OUT_OF_SERVICE | false  | -",
        "RTN_UNACK             | in-service     | REJECTED | RTN_UNACK      | REJECTED       | false  | not out of service",
        "RTN_UNACK             | suppress       | APPLIED  | SUPPRESSED     | SUPPRESS       | false  | -",
        "RTN_UNACK             | unsuppress     | IGNORED  | RTN_UNACK      | -              | false  | not suppressed",

        "NORMAL                | clear          | IGNORED  | NORMAL         | -              | false  | already clear",
        "NORMAL                | return         | APPLIED  | ACTIVE_UNACK   | RAISE          | true   | -",
        "NORMAL                | escalate       | IGNORED  | NORMAL         | -              | false  | not active",
        "NORMAL                | ack            | REJECTED | NORMAL         | REJECTED       | false  | not active",
        "NORMAL                | shelve         | REJECTED | NORMAL         | REJECTED       | false  | not active",
        "NORMAL                | unshelve       | REJECTED | NORMAL         | REJECTED       | false  | not shelved",
        "NORMAL                | shelf-expiry   | IGNORED  | NORMAL         | -              | false  | not shelved",
        "NORMAL                | out-of-service | REJECTED | NORMAL         | REJECTED       | false  | not active",
        "NORMAL                | in-service     | REJECTED | NORMAL         | REJECTED       | false  | not out of service",
        "NORMAL                | suppress       | IGNORED  | NORMAL         | -              | false  | has ended",
        "NORMAL                | unsuppress     | IGNORED  | NORMAL         | -              | false  | not suppressed",

        "SHELVED               | clear          | APPLIED  | SHELVED        | CLEAR          | false  | -",
        "SHELVED               | return         | IGNORED  | SHELVED        | -              | false  | already active",
        "SHELVED               | escalate       | APPLIED  | SHELVED        | ESCALATE       | false  | -",
        "SHELVED               | ack            | REJECTED | SHELVED        | REJECTED       | false  | shelved by zhang.wei",
        "SHELVED               | shelve         | REJECTED | SHELVED        | REJECTED       | false  | already shelved by zhang.wei",
        "SHELVED               | unshelve       | APPLIED  | ACTIVE_UNACK   | UNSHELVE       | true   | -",
        "SHELVED               | shelf-expiry   | APPLIED  | ACTIVE_UNACK   | UNSHELVE       | true   | -",
        "SHELVED               | out-of-service | APPLIED  | OUT_OF_SERVICE | OUT_OF_SERVICE | false  | -",
        "SHELVED               | in-service     | REJECTED | SHELVED        | REJECTED       | false  | not out of service",
        "SHELVED               | suppress       | APPLIED  | SUPPRESSED     | SUPPRESS       | false  | -",
        "SHELVED               | unsuppress     | IGNORED  | SHELVED        | -              | false  | not suppressed",

        "SHELVED_CLEAR         | clear          | IGNORED  | SHELVED        | -              | false  | already clear",
        "SHELVED_CLEAR         | return         | APPLIED  | SHELVED        | RETURN         | false  | -",
        "SHELVED_CLEAR         | escalate       | IGNORED  | SHELVED        | -              | false  | not active",
        "SHELVED_CLEAR         | ack            | REJECTED | SHELVED        | REJECTED       | false  | shelved by zhang.wei",
        "SHELVED_CLEAR         | shelve         | REJECTED | SHELVED        | REJECTED       | false  | already shelved",
        "SHELVED_CLEAR         | unshelve       | APPLIED  | NORMAL         | UNSHELVE       | false  | -",
        "SHELVED_CLEAR         | shelf-expiry   | APPLIED  | NORMAL         | UNSHELVE       | false  | -",
        "SHELVED_CLEAR         | out-of-service | APPLIED  | OUT_OF_SERVICE | OUT_OF_SERVICE | false  | -",
        "SHELVED_CLEAR         | in-service     | REJECTED | SHELVED        | REJECTED       | false  | not out of service",
        "SHELVED_CLEAR         | suppress       | APPLIED  | SUPPRESSED     | SUPPRESS       | false  | -",
        "SHELVED_CLEAR         | unsuppress     | IGNORED  | SHELVED        | -              | false  | not suppressed",

        "SUPPRESSED            | clear          | APPLIED  | SUPPRESSED     | CLEAR          | false  | -",
        "SUPPRESSED            | return         | IGNORED  | SUPPRESSED     | -              | false  | already active",
        "SUPPRESSED            | escalate       | APPLIED  | SUPPRESSED     | ESCALATE       | false  | -",
        "SUPPRESSED            | ack            | REJECTED | SUPPRESSED     | REJECTED       | false  | suppressed by design",
        "SUPPRESSED            | shelve         | REJECTED | SUPPRESSED     | REJECTED       | false  | suppressed by design",
        "SUPPRESSED            | unshelve       | REJECTED | SUPPRESSED     | REJECTED       | false  | not shelved",
        "SUPPRESSED            | shelf-expiry   | IGNORED  | SUPPRESSED     | -              | false  | not shelved",
        "SUPPRESSED            | out-of-service | APPLIED  | OUT_OF_SERVICE | OUT_OF_SERVICE | false  | -",
        "SUPPRESSED            | in-service     | REJECTED | SUPPRESSED     | REJECTED       | false  | not out of service",
        "SUPPRESSED            | suppress       | IGNORED  | SUPPRESSED     | -              | false  | already suppressed",
        "SUPPRESSED            | unsuppress     | APPLIED  | ACTIVE_UNACK   | UNSUPPRESS     | false  | -",

        "SUPPRESSED_CLEAR      | clear          | IGNORED  | SUPPRESSED     | -              | false  | already clear",
        "SUPPRESSED_CLEAR      | return         | APPLIED  | SUPPRESSED     | RETURN         | false  | -",
        "SUPPRESSED_CLEAR      | escalate       | IGNORED  | SUPPRESSED     | -              | false  | not active",
        "SUPPRESSED_CLEAR      | ack            | REJECTED | SUPPRESSED     | REJECTED       | false  | suppressed by design",
        "SUPPRESSED_CLEAR      | shelve         | REJECTED | SUPPRESSED     | REJECTED       | false  | suppressed by design",
        "SUPPRESSED_CLEAR      | unshelve       | REJECTED | SUPPRESSED     | REJECTED       | false  | not shelved",
        "SUPPRESSED_CLEAR      | shelf-expiry   | IGNORED  | SUPPRESSED     | -              | false  | not shelved",
        "SUPPRESSED_CLEAR      | out-of-service | APPLIED  | OUT_OF_SERVICE | OUT_OF_SERVICE | false  | -",
        "SUPPRESSED_CLEAR      | in-service     | REJECTED | SUPPRESSED     | REJECTED       | false  | not out of service",
        "SUPPRESSED_CLEAR      | suppress       | IGNORED  | SUPPRESSED     | -              | false  | already suppressed",
        "SUPPRESSED_CLEAR      | unsuppress     | APPLIED  | NORMAL         | UNSUPPRESS     | false  | -",

        "OUT_OF_SERVICE        | clear          | APPLIED  | OUT_OF_SERVICE | CLEAR          | false  | -",
        "OUT_OF_SERVICE        | return         | IGNORED  | OUT_OF_SERVICE | -              | false  | already active",
        "OUT_OF_SERVICE        | escalate       | APPLIED  | OUT_OF_SERVICE | ESCALATE       | false  | -",
        "OUT_OF_SERVICE        | ack            | REJECTED | OUT_OF_SERVICE | REJECTED       | false  | out of service since",
        "OUT_OF_SERVICE        | shelve         | REJECTED | OUT_OF_SERVICE | REJECTED       | false  | out of service wins over shelving",
        "OUT_OF_SERVICE        | unshelve       | REJECTED | OUT_OF_SERVICE | REJECTED       | false  | not shelved",
        "OUT_OF_SERVICE        | shelf-expiry   | IGNORED  | OUT_OF_SERVICE | -              | false  | not shelved",
        "OUT_OF_SERVICE        | out-of-service | REJECTED | OUT_OF_SERVICE | REJECTED       | false  | already out of service: sensor E01-LT101",
        "OUT_OF_SERVICE        | in-service     | APPLIED  | ACTIVE_UNACK   | IN_SERVICE     | true   | -",
        "OUT_OF_SERVICE        | suppress       | APPLIED  | OUT_OF_SERVICE | SUPPRESS       | false  | -",
        "OUT_OF_SERVICE        | unsuppress     | IGNORED  | OUT_OF_SERVICE | -              | false  | not suppressed",

        "OUT_OF_SERVICE_CLEAR  | clear          | IGNORED  | OUT_OF_SERVICE | -              | false  | already clear",
        "OUT_OF_SERVICE_CLEAR  | return         | APPLIED  | OUT_OF_SERVICE | RETURN         | false  | -",
        "OUT_OF_SERVICE_CLEAR  | escalate       | IGNORED  | OUT_OF_SERVICE | -              | false  | not active",
        "OUT_OF_SERVICE_CLEAR  | ack            | REJECTED | OUT_OF_SERVICE | REJECTED       | false  | out of service since",
        "OUT_OF_SERVICE_CLEAR  | shelve         | REJECTED | OUT_OF_SERVICE | REJECTED       | false  | out of service wins over shelving",
        "OUT_OF_SERVICE_CLEAR  | unshelve       | REJECTED | OUT_OF_SERVICE | REJECTED       | false  | not shelved",
        "OUT_OF_SERVICE_CLEAR  | shelf-expiry   | IGNORED  | OUT_OF_SERVICE | -              | false  | not shelved",
        "OUT_OF_SERVICE_CLEAR  | out-of-service | REJECTED | OUT_OF_SERVICE | REJECTED       | false  | already out of service: sensor E01-LT101",
        "OUT_OF_SERVICE_CLEAR  | in-service     | APPLIED  | NORMAL         | IN_SERVICE     | false  | -",
        "OUT_OF_SERVICE_CLEAR  | suppress       | APPLIED  | OUT_OF_SERVICE | SUPPRESS       | false  | -",
        "OUT_OF_SERVICE_CLEAR  | unsuppress     | IGNORED  | OUT_OF_SERVICE | -              | false  | not suppressed",
    })
    void cell(String from, String action, Step.Outcome outcome, AlarmState shownAfter, AlarmTransition transition,
            boolean notify, String reasonContains) {
        AlarmRecord before = FROM.get(from).get();
        AlarmRecord untouched = before.copy();
        Step step = ACTION.get(action).apply(before);

        assertEquals(untouched, before, "the input record must not be modified");
        assertEquals(outcome, step.outcome(), step.toString());
        assertEquals(shownAfter, step.record().state, step.toString());
        assertEquals(AlarmLifecycle.shown(step.record()), step.record().state, "state is in step with the layers");
        assertEquals(outcome == Step.Outcome.APPLIED && shownAfter == AlarmState.NORMAL, step.ended(), "episode ended");
        if (reasonContains != null) {
            assertTrue(step.reason().contains(reasonContains), "reason '" + step.reason() + "' should contain '" + reasonContains + "'");
        }
        switch (outcome) {
            case IGNORED -> {
                assertSame(before, step.record());
                assertEquals(0, step.events().size());
            }
            case REJECTED -> {
                assertSame(before, step.record());
                LifecycleEvent e = step.event();
                assertEquals(AlarmTransition.REJECTED, e.transition());
                assertEquals(before.state, e.state());
                assertEquals(step.reason(), e.reason());
                assertEquals(Fixtures.ID, e.event().alarmId());
                assertEquals(Fixtures.T, e.ts());
                assertNotEquals(AlarmLifecycle.SYSTEM, e.operator());
            }
            case APPLIED -> {
                LifecycleEvent e = step.event();
                assertEquals(transition, e.transition());
                assertEquals(shownAfter, e.state());
                assertEquals(notify, e.shouldNotify(), "notify");
                assertEquals(AlarmLifecycle.baseState(step.record()), e.underlying());
                assertEquals(step.record().priority, e.priority());
                assertEquals(from.equals("NORMAL") ? RETURN_ID : Fixtures.ID, e.event().alarmId());
                assertTrue(e.reason() != null && !e.reason().isBlank(), "every event says why");
                assertTrue(e.operator() != null && !e.operator().isBlank(), "every event says who");
                assertEquals(action.equals("shelf-expiry") ? Fixtures.SHELF_END : Fixtures.T, e.ts(), "when");
                assertEquals(e.ts(), step.record().lastChangeAt);
            }
        }
        if (transition == null) {
            assertEquals(false, notify);
        }
    }
}
