package com.hazardwatch.connectors.influx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.LifecycleEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.Quality;
import com.hazardwatch.model.event.Reading;
import com.hazardwatch.model.event.RiskChange;
import com.hazardwatch.model.event.RiskLevel;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The hand-written lines must be exactly what influxdb-java's Point writes for the same data. */
class InfluxLinesTest {
    @ParameterizedTest
    @ValueSource(doubles = {42.5, 1.0, 0.0, -3.25, 0.1, 99.99, 0.001, 1234567.5, 0.35, 1.6})
    void readingLineIsPointsLine(double value) {
        Reading r = new Reading("E01-LT101", "E01", "E01-S1", "level", 1_732_262_400_123L, value, Quality.UNCERTAIN, 0);
        String expected = Point.measurement("reading").time(r.ts(), TimeUnit.MILLISECONDS)
                .tag("enterprise", r.enterprise()).tag("source", r.source()).tag("sensor", r.sensor()).tag("kind", r.kind())
                .addField("value", r.value()).addField("quality", r.quality().code())
                .build().lineProtocol(TimeUnit.MILLISECONDS);
        assertEquals(expected, InfluxLines.reading(r));
    }

    @Test
    void alarmLineIsPointsLineWithEscaping() {
        AlarmEvent a = new AlarmEvent("E01-LT101:HI:1", "E01-LT101", "E 01,x=y", "E01-S1", AlarmType.HIGH_HIGH,
                AlarmTransition.ESCALATE, AlarmState.ACTIVE_UNACK, 95.9, 95.0, 1_000L, 2_000L, "95.9 % >= HH \"95\" \\ %");
        String expected = Point.measurement("alarm").time(a.ts(), TimeUnit.MILLISECONDS)
                .tag("enterprise", a.enterprise()).tag("source", a.source()).tag("sensor", a.sensor()).tag("type", a.type().name())
                .addField("state", a.state().name()).addField("transition", a.transition().name())
                .addField("value", a.value()).addField("limit", a.limit()).addField("alarm_id", a.alarmId())
                .addField("detail", a.detail())
                .build().lineProtocol(TimeUnit.MILLISECONDS);
        assertEquals(expected, InfluxLines.alarm(a));
    }

    @Test
    void lifecycleTransitionLineIsPointsLine() {
        AlarmEvent a = new AlarmEvent("E01-LT101:HI:1", "E01-LT101", "E01", "E01-S1", AlarmType.HIGH_HIGH,
                AlarmTransition.ACK, AlarmState.ACTIVE_ACK, 95.9, 95.0, 1_000L, 2_000L, "95.9 % >= HH 95 %");
        LifecycleEvent e = new LifecycleEvent(a, 1, AlarmState.ACTIVE_ACK, "zhang.wei", "pumps \"stopped\"",
                "acknowledged by zhang.wei", null, false);
        String expected = Point.measurement("alarm").time(a.ts(), TimeUnit.MILLISECONDS)
                .tag("enterprise", a.enterprise()).tag("source", a.source()).tag("sensor", a.sensor()).tag("type", a.type().name())
                .addField("state", a.state().name()).addField("transition", a.transition().name())
                .addField("value", a.value()).addField("limit", a.limit()).addField("alarm_id", a.alarmId())
                .addField("detail", a.detail()).addField("priority", 1L).addField("operator", e.operator())
                .addField("comment", e.comment()).addField("reason", e.reason()).addField("notify", false)
                .build().lineProtocol(TimeUnit.MILLISECONDS);
        assertEquals(expected, InfluxLines.alarm(e));
    }

    @Test
    void tinyAndHugeValuesAreWrittenInPlainDecimal() {
        Reading r = new Reading("S", "E", "SRC", "level", 5L, 1e-5, Quality.GOOD, 0);
        assertEquals("reading,enterprise=E,kind=level,sensor=S,source=SRC quality=\"good\",value=0.00001 5", InfluxLines.reading(r));
        Reading big = new Reading("S", "E", "SRC", "level", 5L, 2.5e9, Quality.GOOD, 0);
        assertEquals("reading,enterprise=E,kind=level,sensor=S,source=SRC quality=\"good\",value=2500000000 5", InfluxLines.reading(big));
    }

    @ParameterizedTest
    @ValueSource(strings = {"source", "enterprise", "town"})
    void riskLineIsPointsLine(String scope) {
        for (RiskLevel level : RiskLevel.values()) {
            RiskChange c = new RiskChange(scope, "E 01,x=y", "T01", level, RiskLevel.YELLOW, 12.5, 1_732_262_430_000L, 9L);
            String expected = Point.measurement("risk").time(c.ts(), TimeUnit.MILLISECONDS)
                    .tag("scope", c.scope()).tag("id", c.id()).tag("town", c.town())
                    .addField("level", c.level().english()).addField("levelRank", (long) level.ordinal())
                    .addField("score", c.score()).addField("previous", c.previous().english())
                    .build().lineProtocol(TimeUnit.MILLISECONDS);
            assertEquals(expected, InfluxLines.risk(c));
        }
    }

    @Test
    void riskLineNamesTheLevelItsRankAndThePreviousLevel() {
        RiskChange c = new RiskChange("town", "T01", "T01", RiskLevel.RED, RiskLevel.BLUE, 40.0, 1_000L, 2_000L);
        assertEquals("risk,id=T01,scope=town,town=T01 level=\"red\",levelRank=3i,previous=\"blue\",score=40.0 1000",
                InfluxLines.risk(c));
    }

    @Test
    void rollupLineIsPointsLine() {
        String expected = Point.measurement("reading_1m").time(1_732_262_400_000L, TimeUnit.MILLISECONDS)
                .tag("enterprise", "E01").tag("source", "E01-S1").tag("sensor", "E01-LT101").tag("kind", "level")
                .addField("mean", 42.5).addField("min", 40.0).addField("max", 45.25).addField("last", 41.0)
                .addField("count", 4L)
                .build().lineProtocol(TimeUnit.MILLISECONDS);
        assertEquals(expected, InfluxLines.rollup("E01", "level", "E01-LT101", "E01-S1", 1_732_262_400_000L, 4, 42.5, 40.0,
                45.25, 41.0));
    }
}
