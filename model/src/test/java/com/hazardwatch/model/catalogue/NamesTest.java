package com.hazardwatch.model.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {
    @ParameterizedTest
    @CsvSource({
        "limts, limits",
        "limtis, limits",
        "deadbnad, deadband",
        "Range, range",
        "HH, hh",
        "sensor, sensors",
        "knid, kind"})
    void typosFindTheirField(String typed, String expected) {
        List<String> known = List.of("id", "name", "kind", "unit", "range", "limits", "deadband", "sensors", "hh");
        assertEquals(Optional.of(expected), Names.nearest(typed, known));
    }

    @Test
    void unrelatedNamesFindNothing() {
        assertEquals(Optional.empty(), Names.nearest("colour", List.of("id", "name", "kind", "unit", "range")));
        assertEquals(Optional.empty(), Names.nearest("type", List.of("id", "name", "kind", "unit", "range")));
    }

    @Test
    void distanceCountsASwapAsOneEdit() {
        assertEquals(1, Names.distance("ab", "ba"));
        assertEquals(3, Names.distance("kitten", "sitting"));
    }

    @Test
    void longListsAreCut() {
        assertEquals("a, b, ... (3 in all)", Names.list(List.of("a", "b", "c"), 2));
        assertEquals("a, b, c", Names.list(List.of("a", "b", "c"), 3));
    }
}
