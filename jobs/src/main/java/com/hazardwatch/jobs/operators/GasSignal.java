package com.hazardwatch.jobs.operators;

import com.hazardwatch.model.catalogue.Sensor;

/**
 * A gas detector's limit alarm came or went, for the per-source {@link CorrelationFunction}.
 *
 * @param sensor the detector
 * @param inAlarm whether its high-side limit alarm stands after this change
 * @param ts event time of the reading that changed it
 */
public record GasSignal(Sensor sensor, boolean inAlarm, long ts) {}
