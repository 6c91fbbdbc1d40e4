package com.hazardwatch.model.catalogue;

/**
 * One thing wrong with a catalogue file.
 *
 * @param place where: a sensor, source, enterprise or town id when one is known, else a path such as enterprises[3]
 * @param field the field at fault, e.g. limits.hh
 * @param message what is wrong, in words a catalogue author can act on
 */
public record CatalogueError(String place, String field, String message) {
    @Override
    public String toString() {
        return place + ": " + field + ": " + message;
    }
}
