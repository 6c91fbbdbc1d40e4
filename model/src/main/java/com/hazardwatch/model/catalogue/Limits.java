package com.hazardwatch.model.catalogue;

import java.io.Serializable;

/**
 * Alarm limits of one sensor; any of them may be null (unset).
 * A valid set is ordered ll < l < h < hh wherever both ends are set.
 */
public record Limits(Double ll, Double l, Double h, Double hh) implements Serializable {
    public static final Limits NONE = new Limits(null, null, null, null);

    public boolean isEmpty() {
        return ll == null && l == null && h == null && hh == null;
    }
}
