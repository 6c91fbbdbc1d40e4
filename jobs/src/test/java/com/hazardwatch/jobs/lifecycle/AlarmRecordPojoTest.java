package com.hazardwatch.jobs.lifecycle;

import com.hazardwatch.model.event.LifecycleEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.model.event.OperatorCommand;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** AlarmRecord lives in Flink keyed state: it must be a POJO to Flink, with no field falling back to Kryo. */
class AlarmRecordPojoTest {
    @Test
    void isAFlinkPojoWithoutGenericFields() {
        TypeInformation<AlarmRecord> info = TypeInformation.of(AlarmRecord.class);
        PojoTypeInfo<AlarmRecord> pojo = assertInstanceOf(PojoTypeInfo.class, info);
        for (int i = 0; i < pojo.getArity(); i++) {
            assertFalse(pojo.getTypeAt(i) instanceof GenericTypeInfo, "field " + pojo.getFieldNames()[i] + " would use Kryo");
        }
        List<String> fields = Arrays.asList(pojo.getFieldNames());
        for (String f : List.of("alarmId", "sensor", "enterprise", "source", "town", "type", "priority", "conditionActive",
                "acknowledged", "state", "shelvedUntil", "shelvedBy", "stateBeforeSuppression", "lastValue", "limit",
                "raisedAt", "lastChangeAt")) {
            assertEquals(true, fields.contains(f), f + " in " + fields);
        }
    }

    @Test
    void theEventsAndCommandsThatFlowBetweenOperatorsAreFlinkPojosToo() {
        for (Class<?> c : List.of(LifecycleEvent.class, OperatorCommand.class)) {
            PojoTypeInfo<?> pojo = assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(c), c.getName());
            for (int i = 0; i < pojo.getArity(); i++) {
                assertFalse(pojo.getTypeAt(i) instanceof GenericTypeInfo, c.getSimpleName() + "." + pojo.getFieldNames()[i]);
            }
        }
    }

    @Test
    void roundTripsThroughItsSerializerWithGenericTypesDisabled() throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<AlarmRecord> ser = TypeInformation.of(AlarmRecord.class).createSerializer(config);

        AlarmRecord r = new AlarmRecord();
        r.alarmId = "E01-LT101:HI:1000";
        r.sensor = "E01-LT101";
        r.enterprise = "E01";
        r.source = "E01-S1";
        r.town = "T01";
        r.sourceGrade = 2;
        r.type = AlarmType.HIGH_HIGH;
        r.priority = 1;
        r.conditionActive = true;
        r.state = AlarmState.SUPPRESSED;
        r.suppressed = true;
        r.suppressionReason = "link down";
        r.stateBeforeSuppression = AlarmState.SHELVED;
        r.shelved = true;
        r.shelvedUntil = 5000;
        r.shelvedBy = "zhang.wei";
        r.lastValue = 96.5;
        r.limit = 95.0;
        r.raisedAt = 1000;
        r.lastChangeAt = 4000;

        DataOutputSerializer out = new DataOutputSerializer(256);
        ser.serialize(r, out);
        AlarmRecord back = ser.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertEquals(r, back);
        assertEquals(new AlarmRecord(), ser.deserialize(new DataInputDeserializer(serialize(ser, new AlarmRecord()))));
    }

    @Test
    void copyEqualsAndToStringCarryTheTown() {
        AlarmRecord r = new AlarmRecord();
        r.alarmId = "E01-LT101:HI:1000";
        r.town = "T01";
        AlarmRecord c = r.copy();
        assertEquals("T01", c.town);
        assertEquals(r, c);
        c.town = "T02";
        assertFalse(r.equals(c), "records in different towns differ");
        assertEquals(true, r.toString().contains("T01"), r.toString());
    }

    private static byte[] serialize(TypeSerializer<AlarmRecord> ser, AlarmRecord r) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        ser.serialize(r, out);
        return out.getCopyOfBuffer();
    }
}
