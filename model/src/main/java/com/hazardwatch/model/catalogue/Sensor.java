package com.hazardwatch.model.catalogue;

import java.io.Serializable;

/**
 * One sensing point, with where it sits (town, enterprise, source) denormalised so that
 * stream operators need no further look-ups.
 *
 * @param sourceGrade GB 18218 grade of the source (1..4), or null when the source is not a major hazard source
 */
public record Sensor(
        String id,
        String name,
        String enterprise,
        String town,
        String source,
        Integer sourceGrade,
        SensorKind kind,
        String unit,
        Range range,
        Limits limits,
        double deadband) implements Serializable {}
