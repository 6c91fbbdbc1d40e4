package com.hazardwatch.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.event.RiskChange;
import com.hazardwatch.model.event.RiskLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RiskCodecTest {
    static final RiskChange SOURCE_RED = new RiskChange(RiskChange.SOURCE, "E01-S1", "T01", RiskLevel.RED, RiskLevel.BLUE,
            40.0, 1_732_262_430_000L, 1_732_262_430_112L);

    private static String json(RiskChange c) {
        return new String(RiskCodec.toJson(c), StandardCharsets.UTF_8);
    }

    private static RiskChange parse(String json) throws IOException {
        return RiskCodec.fromJson(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesTheRecordFieldNamesWithLowercaseLevels() {
        assertEquals("{\"scope\":\"source\",\"id\":\"E01-S1\",\"town\":\"T01\",\"level\":\"red\",\"previous\":\"blue\","
                + "\"score\":40.0,\"ts\":1732262430000,\"emittedAt\":1732262430112}", json(SOURCE_RED));
    }

    @Test
    void roundTripsEveryScopeAndLevel() throws IOException {
        List<String> scopes = List.of(RiskChange.SOURCE, RiskChange.ENTERPRISE, RiskChange.TOWN);
        for (String scope : scopes) {
            for (RiskLevel from : RiskLevel.values()) {
                for (RiskLevel to : RiskLevel.values()) {
                    RiskChange c = new RiskChange(scope, "X,1 \"q\"", "T01", to, from, 12.5, 5, 6);
                    assertEquals(c, parse(json(c)));
                }
            }
        }
    }

    @Test
    void readsWhatAConsoleMightSendIgnoringUnknownFields() throws IOException {
        assertEquals(new RiskChange("town", "T01", "T01", RiskLevel.ORANGE, RiskLevel.YELLOW, 10, 1, 2),
                parse("{\"scope\":\"town\",\"id\":\"T01\",\"town\":\"T01\",\"level\":\"ORANGE\",\"previous\":\"yellow\","
                        + "\"score\":10,\"ts\":1,\"emittedAt\":2,\"extra\":true}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[]",
        "{\"scope\":\"district\",\"id\":\"x\",\"town\":\"T\",\"level\":\"red\",\"previous\":\"blue\",\"score\":1,\"ts\":1,\"emittedAt\":1}",
        "{\"scope\":\"town\",\"id\":\"x\",\"town\":\"T\",\"level\":\"purple\",\"previous\":\"blue\",\"score\":1,\"ts\":1,\"emittedAt\":1}",
        "{\"scope\":\"town\",\"town\":\"T\",\"level\":\"red\",\"previous\":\"blue\",\"score\":1,\"ts\":1,\"emittedAt\":1}",
        "{\"scope\":\"town\",\"id\":\"x\",\"town\":\"T\",\"level\":\"red\",\"previous\":\"blue\",\"score\":\"1\",\"ts\":1,\"emittedAt\":1}",
        "{\"scope\":\"town\",\"id\":\"x\",\"town\":\"T\",\"level\":\"red\",\"previous\":\"blue\",\"score\":1,\"emittedAt\":1}"})
    void rejectsWhatIsNotARiskChangeNamingTheProblem(String json) {
        IOException e = assertThrows(IOException.class, () -> parse(json), json);
        assertTrue(e.getMessage().contains("risk change"), e.getMessage());
    }
}
