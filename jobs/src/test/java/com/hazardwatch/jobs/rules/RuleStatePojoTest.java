package com.hazardwatch.jobs.rules;

import static com.hazardwatch.jobs.rules.RuleFixtures.GAS1;
import static com.hazardwatch.jobs.rules.RuleFixtures.GAS2;
import static com.hazardwatch.jobs.rules.RuleFixtures.LEVEL;
import static com.hazardwatch.jobs.rules.RuleFixtures.SEC;
import static com.hazardwatch.jobs.rules.RuleFixtures.T0;
import static com.hazardwatch.jobs.rules.RuleFixtures.reading;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every state class of the rules is a Flink POJO, so keyed state serializes it field by field, without Kryo. */
class RuleStatePojoTest {

    @ParameterizedTest
    @ValueSource(classes = {TrendWindow.class, RocState.class, ForecastState.class, FaultState.class,
            FlatlineState.class, ChatteringDetector.class, GasCorrelation.class})
    void isAFlinkPojo(Class<?> type) {
        PojoTypeInfo<?> t = assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(type), type.getSimpleName());
        for (int i = 0; i < t.getArity(); i++) {
            assertFalse(t.getPojoFieldAt(i).getTypeInformation() instanceof GenericTypeInfo,
                    "no field falls back to Kryo: " + t.getPojoFieldAt(i));
        }
    }

    static <T> T roundTrip(Class<T> type, T value) throws IOException {
        TypeSerializer<T> s = TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        s.serialize(value, out);
        return s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void stateSurvivesSerializationAndCarriesOn() throws IOException {
        RocState roc = new RocState();
        for (int i = 0; i < 40; i++) {
            RateOfChangeRule.evaluate(LEVEL, roc, reading(LEVEL, T0 + i * 2 * SEC, 40 + 0.2 * i), 0);
        }
        RocState back = roundTrip(RocState.class, roc);
        assertEquals(roc.alarmId, back.alarmId);
        assertEquals(roc.trend.slope(), back.trend.slope());
        RateOfChangeRule.evaluate(LEVEL, roc, reading(LEVEL, T0 + 80 * SEC, 56), 0);
        RateOfChangeRule.evaluate(LEVEL, back, reading(LEVEL, T0 + 80 * SEC, 56), 0);
        assertEquals(roc.trend.slope(), back.trend.slope());

        ChatteringDetector d = new ChatteringDetector();
        for (int i = 0; i < 7; i++) {
            d.onRaise(LEVEL, "HI", T0 + i * SEC, 0);
        }
        ChatteringDetector d2 = roundTrip(ChatteringDetector.class, d);
        assertEquals(d.nextCheckAt(), d2.nextCheckAt());
        assertEquals(d.alarmId, d2.alarmId);
        assertArrayEquals(d.raises, d2.raises);

        GasCorrelation g = new GasCorrelation();
        g.onAlarm(GAS1, true, T0, 0);
        g.onAlarm(GAS2, true, T0 + SEC, 0);
        GasCorrelation g2 = roundTrip(GasCorrelation.class, g);
        assertArrayEquals(g.sensors, g2.sensors);
        assertEquals(g.onAlarm(GAS1, false, T0 + 5 * SEC, 0), g2.onAlarm(GAS1, false, T0 + 5 * SEC, 0));
    }
}
