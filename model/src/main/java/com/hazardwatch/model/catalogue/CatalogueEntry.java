package com.hazardwatch.model.catalogue;

import java.io.Serializable;

/**
 * One record of the compacted Kafka topic hw.catalogue (key = sensor id): the whole definition of one sensor as of a
 * catalogue revision, or its removal. {@code hazardwatch catalogue push} publishes one per changed, added or removed
 * sensor; the bridge and the monitoring job apply them while running. Of two entries for a sensor the one with the
 * higher revision wins, so replaying the topic, or a job starting from its catalogue file (revision 0) while reading
 * the topic, ends in the same state.
 *
 * @param sensorId the sensor
 * @param enterprise the sensor's enterprise (also on a removal, so that per-enterprise state can be routed)
 * @param revision when the catalogue was pushed, epoch ms; 0 for the catalogue file a job or bridge starts with
 * @param sensor the definition, or null when the sensor was removed from the catalogue
 */
public record CatalogueEntry(String sensorId, String enterprise, long revision, Sensor sensor) implements Serializable {

    public static CatalogueEntry of(Sensor s, long revision) {
        return new CatalogueEntry(s.id(), s.enterprise(), revision, s);
    }

    public static CatalogueEntry removal(String sensorId, String enterprise, long revision) {
        return new CatalogueEntry(sensorId, enterprise, revision, null);
    }

    public boolean removed() {
        return sensor == null;
    }
}
