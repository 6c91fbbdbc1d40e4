package com.hazardwatch.model.catalogue;

import java.util.Arrays;
import java.util.Optional;

/** What a sensing point measures; the code is how catalogues and payloads spell it. */
public enum SensorKind {
    TANK_LEVEL("level", "%"),
    TEMPERATURE("temperature", "C"),
    PRESSURE("pressure", "MPa"),
    COMBUSTIBLE_GAS("combustible_gas", "%LEL"),
    TOXIC_GAS("toxic_gas", "ppm");

    private final String code;
    private final String unit;

    SensorKind(String code, String unit) {
        this.code = code;
        this.unit = unit;
    }

    public String code() {
        return code;
    }

    /** The unit every sensor of this kind must use. */
    public String unit() {
        return unit;
    }

    /**
     * The deadband (hysteresis, in this kind's unit) a sensor gets when its catalogue entry sets none:
     * level 1 %, temperature 1 C, pressure 0.02 MPa, combustible gas 2 %LEL, toxic gas 1 ppm.
     */
    public double defaultDeadband() {
        return switch (this) {
            case TANK_LEVEL -> 1.0;
            case TEMPERATURE -> 1.0;
            case PRESSURE -> 0.02;
            case COMBUSTIBLE_GAS -> 2.0;
            case TOXIC_GAS -> 1.0;
        };
    }

    public static Optional<SensorKind> fromCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
