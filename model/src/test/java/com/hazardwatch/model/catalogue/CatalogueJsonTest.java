package com.hazardwatch.model.catalogue;

import static com.hazardwatch.model.catalogue.CatalogueLoaderTest.with;
import static com.hazardwatch.model.catalogue.CatalogueLoaderTest.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazardwatch.model.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueJsonTest {
    static List<String> keys(JsonNode o) {
        List<String> keys = new ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static JsonNode onlySensor(String yaml) throws Exception {
        JsonNode array = Json.mapper().readTree(CatalogueJson.toJson(CatalogueLoader.parse(yaml, "t")));
        assertTrue(array.isArray());
        assertEquals(1, array.size());
        return array.get(0);
    }

    @Test
    void oneObjectPerSensorWithEveryField() throws Exception {
        JsonNode s = onlySensor(CatalogueLoaderTest.BASE);
        assertEquals(List.of("id", "name", "enterprise", "town", "source", "sourceGrade", "kind", "unit", "range",
                "limits", "deadband"), keys(s));
        assertEquals("E01-LT101", s.get("id").asText());
        assertEquals("1号储罐液位", s.get("name").asText());
        assertEquals("E01", s.get("enterprise").asText());
        assertEquals("T01", s.get("town").asText());
        assertEquals("E01-S1", s.get("source").asText());
        assertEquals(2, s.get("sourceGrade").asInt());
        assertEquals("level", s.get("kind").asText());
        assertEquals("%", s.get("unit").asText());
        assertEquals(0.0, s.get("range").get("min").asDouble());
        assertEquals(100.0, s.get("range").get("max").asDouble());
        assertEquals(List.of("min", "max"), keys(s.get("range")));
        assertEquals(List.of("ll", "l", "h", "hh"), keys(s.get("limits")));
        assertEquals(95.0, s.get("limits").get("hh").asDouble());
        assertEquals(1.0, s.get("deadband").asDouble());
    }

    @Test
    void unsetLimitsAndGradeAreAbsent() throws Exception {
        JsonNode s = onlySensor(without("grade:").replace("limits: {ll: 5, l: 10, h: 85, hh: 95}", "limits: {h: 85}"));
        assertFalse(s.has("sourceGrade"), s.toString());
        assertEquals(List.of("h"), keys(s.get("limits")));
        assertFalse(s.get("limits").has("ll") || s.get("limits").has("l") || s.get("limits").has("hh"));
    }

    @Test
    void noLimitsGiveAnEmptyObject() throws Exception {
        JsonNode s = onlySensor(without("limits:"));
        assertTrue(s.get("limits").isObject() && s.get("limits").isEmpty(), s.toString());
    }

    @Test
    void defaultsAreApplied() throws Exception {
        String yaml = without("deadband:");
        yaml = with(yaml, "unit:", "kind: combustible_gas");
        yaml = without_(yaml, "kind: level");
        yaml = with(yaml, "limits:", "limits: {h: 20, hh: 40}");
        JsonNode s = onlySensor(yaml);
        assertEquals("combustible_gas", s.get("kind").asText());
        assertEquals("%LEL", s.get("unit").asText(), "the kind's unit");
        assertEquals(2.0, s.get("deadband").asDouble(), "the kind's default deadband");
    }

    private static String without_(String text, String line) {
        return with(text, line, null);
    }

    @Test
    void isPrettyPrinted() throws Exception {
        String json = CatalogueJson.toJson(CatalogueLoader.parse(CatalogueLoaderTest.BASE, "t"));
        assertTrue(json.startsWith("[ {") && json.contains("\n  \"id\" : \"E01-LT101\""), json);
    }

    @Test
    void demoCatalogueRoundTrips() throws Exception {
        Catalogue c = CatalogueLoader.load(CatalogueLoaderTest.demo());
        String json = CatalogueJson.toJson(c);
        JsonNode array = Json.mapper().readTree(json);
        assertEquals(233, array.size());
        assertEquals(c.sensorCount(), array.size());
        assertEquals("E01-LT101", array.get(0).get("id").asText());
        assertEquals(c.sensors(), CatalogueJson.sensorsFromJson(json), "every sensor reads back equal");
    }

    @Test
    void aSensorWithEveryRuleSettingRoundTrips() throws Exception {
        String yaml = with("kind: level", "kind: toxic_gas");
        yaml = with(yaml, "unit:", "unit: ppm");
        yaml = with(yaml, "limits:", "limits: {h: 5, hh: 10}");
        yaml = with(yaml, "deadband:", """
                deadband: 1.0
                rules: {onDelay: 10s, offDelay: 30s, staleAfter: 90s, rocLimit: 2.5, rocWindow: 2m,
                        forecastHorizon: 15min, flatline: 30m, flatlineEpsilon: 0.01, priority: 1}
                oel: 7
                outOfService: true""");
        Catalogue c = CatalogueLoader.parse(yaml, "t");
        Sensor s = c.sensor("E01-LT101").orElseThrow();
        assertEquals(new RuleSettings(10_000L, 30_000L, 90_000L, 2.5, 120_000L, 900_000L, 1_800_000L, 0.01, 1, 7.0, true),
                s.rules());

        JsonNode rules = onlySensor(yaml).get("rules");
        assertEquals(List.of("onDelayMs", "offDelayMs", "staleAfterMs", "rocLimit", "rocWindowMs", "forecastHorizonMs",
                "flatlineMs", "flatlineEpsilon", "priority", "oel", "outOfService"), keys(rules));
        assertEquals(900_000L, rules.get("forecastHorizonMs").longValue());
        assertTrue(rules.get("outOfService").booleanValue());

        assertEquals(List.of(s), CatalogueJson.sensorsFromJson(CatalogueJson.toJson(c)), "reads back equal");
    }

    @Test
    void settingsFromTheDefaultsTravelWithTheSensor() throws Exception {
        String yaml = CatalogueLoaderTest.withDefaults("level: {staleAfter: 60s, flatline: 0s}");
        JsonNode rules = onlySensor(yaml).get("rules");
        assertEquals(List.of("staleAfterMs", "flatlineMs"), keys(rules));
        assertEquals(60_000L, rules.get("staleAfterMs").longValue());
        assertEquals(0L, rules.get("flatlineMs").longValue(), "flatline 0s (off) is kept, not dropped as unset");
        Catalogue c = CatalogueLoader.parse(yaml, "t");
        assertEquals(c.sensors(), CatalogueJson.sensorsFromJson(CatalogueJson.toJson(c)));
    }

    @Test
    void readingBackRejectsWhatIsNotSuchAnArray() {
        assertThrows(IllegalArgumentException.class, () -> CatalogueJson.sensorsFromJson("{}"));
        assertThrows(IllegalArgumentException.class, () -> CatalogueJson.sensorsFromJson("[{\"id\": \"x\"}]"));
        assertThrows(IllegalArgumentException.class, () -> CatalogueJson.sensorsFromJson("not json"));
    }
}
