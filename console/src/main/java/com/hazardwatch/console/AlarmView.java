package com.hazardwatch.console;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.Source;
import com.hazardwatch.model.catalogue.Town;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.LifecycleEvent;
import java.util.Optional;

/**
 * One alarm as the console shows it: its latest transition with the catalogue's names beside the ids. Serialised by
 * Jackson as the rows of the live list ({@code /api/alarms}, the SSE stream).
 *
 * @param raisedAt when the alarm was raised (the ts in its id), epoch ms
 * @param lastTs event time of its latest transition
 */
public record AlarmView(
        String alarmId, String sensor, String sensorName, String enterprise, String enterpriseName, String town,
        String townName, String source, String sourceName, String type, String state, String underlying,
        String transition, int priority, Double value, Double limit, String unit, String detail, long raisedAt,
        long lastTs, String operator, String comment, String reason, Long shelvedUntil) {

    public static AlarmView of(LifecycleEvent e, Catalogue c) {
        AlarmEvent a = e.event();
        Optional<Sensor> sensor = c.sensor(a.sensor());
        Optional<Enterprise> ent = c.enterprise(a.enterprise());
        String town = sensor.map(Sensor::town).orElse(ent.map(Enterprise::town).orElse(null));
        String townName = town == null ? null : c.towns().stream().filter(t -> t.id().equals(town)).map(Town::name)
                .findFirst().orElse(town);
        String sourceName = a.source() == null ? null : ent.flatMap(en -> en.sources().stream()
                .filter(s -> s.id().equals(a.source())).map(Source::name).findFirst()).orElse(a.source());
        String sensorName = sensor.map(Sensor::name).orElse(ent.filter(en -> en.id().equals(a.sensor()))
                .map(Enterprise::name).orElse(a.sensor().equals(a.source()) ? sourceName : a.sensor()));
        return new AlarmView(a.alarmId(), a.sensor(), sensorName, a.enterprise(), ent.map(Enterprise::name)
                .orElse(a.enterprise()), town, townName, a.source(), sourceName,
                a.type() == null ? null : a.type().name(), a.state() == null ? null : a.state().name(),
                e.underlying() == null ? null : e.underlying().name(), a.transition().name(), e.priority(),
                finite(a.value()), finite(a.limit()), sensor.map(Sensor::unit).orElse(null), a.detail(),
                raisedAtOf(a), a.ts(), e.operator(), e.comment(), e.reason(), e.shelvedUntil());
    }

    /** The raise time in the alarm's id ({owner}:{class}:{ts}), else the event's ts. */
    static long raisedAtOf(AlarmEvent a) {
        String id = a.alarmId();
        int i = id == null ? -1 : id.lastIndexOf(':');
        if (i >= 0) {
            try {
                return Long.parseLong(id.substring(i + 1));
            } catch (NumberFormatException ignored) {
                // not an engine id
            }
        }
        return a.ts();
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
