package com.hazardwatch.model.catalogue;

import java.io.Serializable;
import java.util.List;

public record Enterprise(String id, String name, String town, List<Source> sources) implements Serializable {
    public Enterprise {
        sources = List.copyOf(sources);
    }

    public boolean hasMajorHazard() {
        return sources.stream().anyMatch(Source::isMajorHazard);
    }
}
