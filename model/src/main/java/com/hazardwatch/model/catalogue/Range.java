package com.hazardwatch.model.catalogue;

import java.io.Serializable;

/** Instrument range: what the transmitter can measure, min < max. */
public record Range(double min, double max) implements Serializable {
    public boolean contains(double v) {
        return v >= min && v <= max;
    }
}
