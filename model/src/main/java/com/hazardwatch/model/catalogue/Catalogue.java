package com.hazardwatch.model.catalogue;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A validated catalogue: towns, enterprises with their sources, and every sensing point. Immutable. */
public final class Catalogue implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final List<Town> towns;
    private final List<Enterprise> enterprises;
    private final Map<String, Sensor> sensors;
    private final List<Sensor> sensorList;
    private final Map<String, Enterprise> enterprisesById;

    public Catalogue(String name, List<Town> towns, List<Enterprise> enterprises, List<Sensor> sensors) {
        this.name = name;
        this.towns = List.copyOf(towns);
        this.enterprises = List.copyOf(enterprises);
        Map<String, Sensor> byId = new LinkedHashMap<>();
        for (Sensor s : sensors) {
            if (byId.put(s.id(), s) != null) {
                throw new IllegalArgumentException("duplicate sensor id " + s.id());
            }
        }
        this.sensors = Collections.unmodifiableMap(byId);
        this.sensorList = List.copyOf(byId.values());
        Map<String, Enterprise> ents = new LinkedHashMap<>();
        for (Enterprise e : enterprises) {
            ents.put(e.id(), e);
        }
        this.enterprisesById = Collections.unmodifiableMap(ents);
    }

    public String name() {
        return name;
    }

    public List<Town> towns() {
        return towns;
    }

    public List<Enterprise> enterprises() {
        return enterprises;
    }

    /** Every sensor, in catalogue order. */
    public List<Sensor> sensors() {
        return sensorList;
    }

    public Optional<Sensor> sensor(String id) {
        return Optional.ofNullable(sensors.get(id));
    }

    public Optional<Enterprise> enterprise(String id) {
        return Optional.ofNullable(enterprisesById.get(id));
    }

    public int sensorCount() {
        return sensors.size();
    }
}
