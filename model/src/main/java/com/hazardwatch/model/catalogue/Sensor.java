package com.hazardwatch.model.catalogue;

import java.io.Serializable;

/**
 * One sensing point, with where it sits (town, enterprise, source) denormalised so that
 * stream operators need no further look-ups.
 *
 * @param sourceGrade GB 18218 grade of the source (1..4), or null when the source is not a major hazard source
 * @param rules the sensor's own rule settings (never null; {@link RuleSettings#DEFAULTS} when it has none)
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
        double deadband,
        RuleSettings rules) implements Serializable {

    public Sensor {
        if (rules == null) {
            rules = RuleSettings.DEFAULTS;
        }
    }

    /** A sensor with default rule settings. */
    public Sensor(String id, String name, String enterprise, String town, String source, Integer sourceGrade,
                  SensorKind kind, String unit, Range range, Limits limits, double deadband) {
        this(id, name, enterprise, town, source, sourceGrade, kind, unit, range, limits, deadband, RuleSettings.DEFAULTS);
    }

    /** The same sensor with other rule settings. */
    public Sensor withRules(RuleSettings r) {
        return new Sensor(id, name, enterprise, town, source, sourceGrade, kind, unit, range, limits, deadband, r);
    }

    /** The same sensor with other limits. */
    public Sensor withLimits(Limits l) {
        return new Sensor(id, name, enterprise, town, source, sourceGrade, kind, unit, range, l, deadband, rules);
    }
}
