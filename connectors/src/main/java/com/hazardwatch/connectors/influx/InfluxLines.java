package com.hazardwatch.connectors.influx;

import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.Reading;
import java.util.concurrent.TimeUnit;
import org.influxdb.dto.Point;

/**
 * The InfluxDB contract (database hazardwatch), one method per measurement:
 * <ul>
 *   <li>reading: tags enterprise, source, sensor, kind; fields value (float), quality (string); time = reading ts</li>
 *   <li>alarm: tags enterprise, source, sensor, type; fields state, transition, value, limit, alarm_id; time = ts of the
 *       reading that caused the event</li>
 * </ul>
 */
public final class InfluxLines {
    public static final String READING = "reading";
    public static final String ALARM = "alarm";

    private InfluxLines() {}

    public static String reading(Reading r) {
        return Point.measurement(READING)
                .time(r.ts(), TimeUnit.MILLISECONDS)
                .tag("enterprise", r.enterprise())
                .tag("source", r.source())
                .tag("sensor", r.sensor())
                .tag("kind", r.kind())
                .addField("value", r.value())
                .addField("quality", r.quality().code())
                .build()
                .lineProtocol(TimeUnit.MILLISECONDS);
    }

    public static String alarm(AlarmEvent a) {
        return Point.measurement(ALARM)
                .time(a.ts(), TimeUnit.MILLISECONDS)
                .tag("enterprise", a.enterprise())
                .tag("source", a.source())
                .tag("sensor", a.sensor())
                .tag("type", a.type().name())
                .addField("state", a.state().name())
                .addField("transition", a.transition().name())
                .addField("value", a.value())
                .addField("limit", a.limit())
                .addField("alarm_id", a.alarmId())
                .build()
                .lineProtocol(TimeUnit.MILLISECONDS);
    }
}
