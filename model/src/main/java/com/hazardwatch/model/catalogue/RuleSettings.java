package com.hazardwatch.model.catalogue;

import java.io.Serializable;

/**
 * A sensor's own rule settings from the catalogue (docs/rules.md). Every field may be null: null means the default for
 * the sensor's kind, which the monitoring job's {@code RuleDefaults} supplies. Durations are in milliseconds.
 *
 * @param onDelayMs a limit condition must hold this long (event time) before it raises
 * @param offDelayMs a limit condition must be clear this long (event time) before it clears
 * @param staleAfterMs silence (processing time) after which the sensor is STALE
 * @param rocLimit rate-of-change limit, units per minute
 * @param rocWindowMs the trend window of rate of change and forecast
 * @param forecastHorizonMs forecast warns when HH or LL is reached within this
 * @param flatlineMs unchanged this long while neighbours report raises FLATLINE; 0 turns the rule off
 * @param flatlineEpsilon "unchanged" means within this of the first value of the run
 * @param priority 1 (highest) .. 4 for every alarm of the sensor, instead of the default by type and grade
 * @param oel occupational exposure limit of the gas a toxic-gas detector measures, in the sensor's unit (GB/T
 *     50493-2019 checks H and HH against it); required for toxic gas, not allowed for other kinds
 * @param outOfService the sensor is out of service for maintenance: its alarms are tracked but not notified
 * @param compression how raw readings are thinned before storage (docs/storage.md); null: every reading is stored
 */
public record RuleSettings(
        Long onDelayMs,
        Long offDelayMs,
        Long staleAfterMs,
        Double rocLimit,
        Long rocWindowMs,
        Long forecastHorizonMs,
        Long flatlineMs,
        Double flatlineEpsilon,
        Integer priority,
        Double oel,
        boolean outOfService,
        Compression compression) implements Serializable {

    /** Every setting at its default, in service. */
    public static final RuleSettings DEFAULTS =
            new RuleSettings(null, null, null, null, null, null, null, null, null, null, false);

    /** Without storage compression. */
    public RuleSettings(Long onDelayMs, Long offDelayMs, Long staleAfterMs, Double rocLimit, Long rocWindowMs,
                        Long forecastHorizonMs, Long flatlineMs, Double flatlineEpsilon, Integer priority, Double oel,
                        boolean outOfService) {
        this(onDelayMs, offDelayMs, staleAfterMs, rocLimit, rocWindowMs, forecastHorizonMs, flatlineMs, flatlineEpsilon,
                priority, oel, outOfService, null);
    }

    /** Null-safe: a missing value is 0 ms. */
    public long onDelay() {
        return onDelayMs == null ? 0L : onDelayMs;
    }

    /** Null-safe: a missing value is 0 ms. */
    public long offDelay() {
        return offDelayMs == null ? 0L : offDelayMs;
    }

    public RuleSettings withOutOfService(boolean oos) {
        return new RuleSettings(onDelayMs, offDelayMs, staleAfterMs, rocLimit, rocWindowMs, forecastHorizonMs, flatlineMs,
                flatlineEpsilon, priority, oel, oos, compression);
    }

    public RuleSettings withCompression(Compression c) {
        return new RuleSettings(onDelayMs, offDelayMs, staleAfterMs, rocLimit, rocWindowMs, forecastHorizonMs, flatlineMs,
                flatlineEpsilon, priority, oel, outOfService, c);
    }
}
