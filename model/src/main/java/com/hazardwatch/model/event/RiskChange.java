package com.hazardwatch.model.event;

import java.io.Serializable;

/**
 * One change of a risk-map level (docs/rules.md "Risk roll-up"), as published on Kafka topic hw.risk (key = town id,
 * JSON: {@code com.hazardwatch.model.json.RiskCodec}) and stored in InfluxDB measurement {@code risk}. The job emits
 * one whenever the level of a hazard source, an enterprise or a town changes, never a level that stayed the same. A
 * Flink POJO (a record of POJO-serializable types), so it travels between operators without Kryo.
 *
 * @param scope {@link #SOURCE}, {@link #ENTERPRISE} or {@link #TOWN}: what {@code id} names
 * @param id the source, enterprise or town id
 * @param town the town the source or enterprise lies in (for a town, its own id)
 * @param level the level now
 * @param previous the level before this change
 * @param score for a source the sum of its standing alarms' contributions; for an enterprise or a town the highest
 *     such sum among its sources
 * @param ts event time of the alarm transition that caused the change, epoch ms
 * @param emittedAt processing time at which the job emitted the change, epoch ms
 */
public record RiskChange(
        String scope,
        String id,
        String town,
        RiskLevel level,
        RiskLevel previous,
        double score,
        long ts,
        long emittedAt) implements Serializable {

    public static final String SOURCE = "source";
    public static final String ENTERPRISE = "enterprise";
    public static final String TOWN = "town";

    /** Whether {@code scope} is one of source, enterprise, town. */
    public static boolean isScope(String scope) {
        return SOURCE.equals(scope) || ENTERPRISE.equals(scope) || TOWN.equals(scope);
    }
}
