package com.hazardwatch.jobs.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.hazardwatch.jobs.lifecycle.LifecycleInput;
import com.hazardwatch.jobs.risk.RiskInput;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.model.event.OperatorCommand;
import com.hazardwatch.model.event.RiskChange;
import com.hazardwatch.model.event.RiskLevel;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The risk operator on Flink's keyed operator harness, alone and fed by the lifecycle operator's side output. */
class RiskFunctionTest {
    static final long T0 = 1_732_262_400_000L;
    static final long PROCESSING = T0 + 500;

    private static KeyedOneInputStreamOperatorTestHarness<String, RiskInput, RiskChange> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new RiskFunction()),
                (RiskInput in) -> in.town, Types.STRING);
        h.open();
        h.setProcessingTime(PROCESSING);
        return h;
    }

    static List<RiskChange> drain(KeyedOneInputStreamOperatorTestHarness<String, RiskInput, RiskChange> h) {
        List<RiskChange> out = new ArrayList<>(h.extractOutputValues());
        h.getOutput().clear();
        return out;
    }

    static List<String> text(List<RiskChange> changes) {
        return changes.stream().map(c -> c.scope() + " " + c.id() + " " + c.previous().english() + "->" + c.level().english()
                + " " + c.score()).toList();
    }

    @Test
    void aPriorityOneAlarmOnAGradeOneSourceTurnsSourceEnterpriseAndTownRedAndItsClearTurnsThemBlue() throws Exception {
        try (var h = harness()) {
            h.processElement(new RiskInput("T01", "E01", "E01-S1", "E01-LT101:HI:1", 1, 1, true, T0), T0);
            List<RiskChange> red = drain(h);
            assertEquals(List.of(
                    new RiskChange("source", "E01-S1", "T01", RiskLevel.RED, RiskLevel.BLUE, 40.0, T0, PROCESSING),
                    new RiskChange("enterprise", "E01", "T01", RiskLevel.RED, RiskLevel.BLUE, 40.0, T0, PROCESSING),
                    new RiskChange("town", "T01", "T01", RiskLevel.RED, RiskLevel.BLUE, 40.0, T0, PROCESSING)), red);
            assertEquals(1, h.numKeyedStateEntries());

            h.processElement(new RiskInput("T01", "E01", "E01-S1", "E01-LT101:HI:1", 1, 1, true, T0 + 1000), T0 + 1000);
            assertEquals(List.of(), drain(h), "the same alarm standing again changes nothing");

            h.processElement(new RiskInput("T01", "E01", "E01-S1", "E01-LT101:HI:1", 1, 1, false, T0 + 60_000), T0 + 60_000);
            assertEquals(List.of(
                    new RiskChange("source", "E01-S1", "T01", RiskLevel.BLUE, RiskLevel.RED, 0.0, T0 + 60_000, PROCESSING),
                    new RiskChange("enterprise", "E01", "T01", RiskLevel.BLUE, RiskLevel.RED, 0.0, T0 + 60_000, PROCESSING),
                    new RiskChange("town", "T01", "T01", RiskLevel.BLUE, RiskLevel.RED, 0.0, T0 + 60_000, PROCESSING)), drain(h));
            assertEquals(0, h.numKeyedStateEntries(), "nothing stands in the town: no board kept");
        }
    }

    @Test
    void enterprisesTakeTheirHighestSourceAndTownsTheirHighestEnterprise() throws Exception {
        try (var h = harness()) {
            // priority 3 on a grade-2 source: 2 x 3 = 6, yellow
            h.processElement(new RiskInput("T01", "E01", "E01-S1", "a", 2, 3, true, T0), T0);
            assertEquals(List.of("source E01-S1 blue->yellow 6.0", "enterprise E01 blue->yellow 6.0", "town T01 blue->yellow 6.0"),
                    text(drain(h)));
            // priority 1 on a plain unit of another enterprise: 10 x 1 = 10, orange
            h.processElement(new RiskInput("T01", "E02", "E02-U1", "b", null, 1, true, T0 + 1), T0 + 1);
            assertEquals(List.of("source E02-U1 blue->orange 10.0", "enterprise E02 blue->orange 10.0",
                    "town T01 yellow->orange 10.0"), text(drain(h)));
            // another town is another key: T01 is untouched
            h.processElement(new RiskInput("T02", "E03", "E03-S1", "c", 4, 4, true, T0 + 2), T0 + 2);
            assertEquals(List.of(), drain(h), "priority 4 on a grade-4 source, 1 x 1.5, stays blue: no change at all");
            // a second alarm on E01-S1 (priority 2, 5 x 3 = 15) makes it red: 21
            h.processElement(new RiskInput("T01", "E01", "E01-S1", "d", 2, 2, true, T0 + 3), T0 + 3);
            assertEquals(List.of("source E01-S1 yellow->red 21.0", "enterprise E01 yellow->red 21.0",
                    "town T01 orange->red 21.0"), text(drain(h)));
            // the orange unit clears: only E02 moves, the town stays red
            h.processElement(new RiskInput("T01", "E02", "E02-U1", "b", null, 1, false, T0 + 4), T0 + 4);
            assertEquals(List.of("source E02-U1 orange->blue 0.0", "enterprise E02 orange->blue 0.0"), text(drain(h)));
        }
    }

    @Test
    void anAlarmThatNeverStoodOrHasNoSourceChangesNothing() throws Exception {
        try (var h = harness()) {
            h.processElement(new RiskInput("T01", "E01", "E01-S1", "x", 1, 1, false, T0), T0);
            h.processElement(new RiskInput("T01", "E01", null, "E01:LINK_DOWN:1", null, 2, true, T0), T0);
            assertEquals(List.of(), drain(h));
            assertEquals(0, h.numKeyedStateEntries());
        }
    }

    /** The lifecycle operator's RISK side output, fed to the risk operator: a HIGH_HIGH on a grade-1 source. */
    @Test
    void theLifecycleSideOutputDrivesTheRiskMap() throws Exception {
        String id = "E01-LT101:HI:" + T0;
        try (var lifecycle = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new LifecycleFunction()),
                (LifecycleInput in) -> in.owner, Types.STRING);
                var risk = harness()) {
            lifecycle.open();
            lifecycle.setProcessingTime(T0);
            lifecycle.processElement(condition(id, AlarmTransition.RAISE, T0), T0);
            lifecycle.processElement(LifecycleInput.command(OperatorCommand.ack(id, "li.na", null, T0 + 1000)), T0 + 1000);
            lifecycle.processElement(LifecycleInput.command(OperatorCommand.shelve(id, "li.na", "drill",
                    java.time.Duration.ofMinutes(5), T0 + 2000)), T0 + 2000);
            lifecycle.processElement(LifecycleInput.command(OperatorCommand.unshelve(id, "li.na", null, T0 + 3000)), T0 + 3000);
            lifecycle.processElement(condition(id, AlarmTransition.CLEAR, T0 + 4000), T0 + 4000);
            List<LifecycleEvent> events = lifecycle.extractOutputValues();
            assertEquals(List.of("RAISE ACTIVE_UNACK", "ACK ACTIVE_ACK", "SHELVE SHELVED", "UNSHELVE ACTIVE_UNACK",
                    "CLEAR RTN_UNACK"), events.stream().map(e -> e.transition() + " " + e.state()).toList());

            List<String> levels = new ArrayList<>();
            for (StreamRecord<RiskInput> r : lifecycle.getSideOutput(LifecycleFunction.RISK)) {
                risk.processElement(r.getValue(), r.getValue().ts);
                levels.add(String.join(", ", text(drain(risk))));
            }
            assertEquals(List.of(
                    "source E01-S1 blue->red 40.0, enterprise E01 blue->red 40.0, town T01 blue->red 40.0",
                    "",
                    "source E01-S1 red->blue 0.0, enterprise E01 red->blue 0.0, town T01 red->blue 0.0",
                    "source E01-S1 blue->red 40.0, enterprise E01 blue->red 40.0, town T01 blue->red 40.0",
                    "source E01-S1 red->blue 0.0, enterprise E01 red->blue 0.0, town T01 red->blue 0.0"), levels,
                    "raise, ack (still stands), shelve (does not), unshelve (stands again), clear");
            assertEquals(0, risk.numKeyedStateEntries());
        }
    }

    private static LifecycleInput condition(String id, AlarmTransition t, long ts) {
        AlarmState state = t == AlarmTransition.CLEAR ? AlarmState.RTN_UNACK : AlarmState.ACTIVE_UNACK;
        AlarmEvent e = new AlarmEvent(id, "E01-LT101", "E01", "E01-S1", AlarmType.HIGH_HIGH, t, state,
                t == AlarmTransition.CLEAR ? 90 : 96, t == AlarmTransition.CLEAR ? 94 : 95, ts, ts, null);
        return LifecycleInput.condition(e, "T01", 1, null);
    }

    @Test
    void riskChangesAreFlinkPojosThatSurviveTheirSerializer() throws Exception {
        PojoTypeInfo<?> pojo = assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(RiskChange.class));
        for (int i = 0; i < pojo.getArity(); i++) {
            assertFalse(pojo.getTypeAt(i) instanceof GenericTypeInfo, "RiskChange." + pojo.getFieldNames()[i]);
        }
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<RiskChange> ser = TypeInformation.of(RiskChange.class).createSerializer(config);
        RiskChange c = new RiskChange("town", "T01", "T01", RiskLevel.ORANGE, RiskLevel.RED, 12.5, T0, PROCESSING);
        DataOutputSerializer out = new DataOutputSerializer(64);
        ser.serialize(c, out);
        assertEquals(c, ser.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())));
    }
}
