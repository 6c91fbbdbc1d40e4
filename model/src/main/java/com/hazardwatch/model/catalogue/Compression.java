package com.hazardwatch.model.catalogue;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a sensor's raw readings are thinned before they are stored (catalogue rule {@code compression: {method, deviation}},
 * docs/storage.md). Alarm rules always see every reading; only storage is thinned.
 *
 * @param method deadband or swinging-door
 * @param deviation the error bound, in the sensor's unit, greater than 0
 */
public record Compression(Method method, double deviation) implements Serializable {
    /** A compression method and its catalogue code. */
    public enum Method {
        /** Store a reading when it differs from the last stored one by more than the deviation. */
        DEADBAND("deadband"),
        /** Swinging door trending (Bristol 1990): store the points where the door closes. */
        SWINGING_DOOR("swinging-door");

        private final String code;

        Method(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Optional<Method> fromCode(String code) {
            return Arrays.stream(values()).filter(m -> m.code.equals(code.toLowerCase(Locale.ROOT))).findFirst();
        }

        public static String codes() {
            return Arrays.stream(values()).map(Method::code).collect(Collectors.joining(", "));
        }
    }

    public Compression {
        if (method == null) {
            throw new IllegalArgumentException("compression method is missing; one of " + Method.codes());
        }
        if (!(deviation > 0) || !Double.isFinite(deviation)) {
            throw new IllegalArgumentException("compression deviation must be a finite number above 0, found " + deviation);
        }
    }
}
