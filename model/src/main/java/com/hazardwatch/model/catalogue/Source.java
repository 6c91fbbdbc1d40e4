package com.hazardwatch.model.catalogue;

import java.io.Serializable;

/**
 * A hazard source or process unit of an enterprise.
 * grade is the GB 18218-2018 major-hazard grade (1 most severe .. 4), or null for a unit that is not a major hazard source.
 */
public record Source(String id, String name, Integer grade) implements Serializable {
    public boolean isMajorHazard() {
        return grade != null;
    }
}
