package com.hazardwatch.jobs.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.jobs.risk.RiskBoard.Change;
import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Source;
import com.hazardwatch.model.catalogue.Town;
import com.hazardwatch.model.event.RiskLevel;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class RiskBoardTest {

    /** Town T01: E01 (sources S1, S2), E02 (S3); town T02: E03 (S4). */
    static RiskBoard board() {
        RiskBoard b = new RiskBoard();
        b.register("S1", "E01", "T01");
        b.register("S2", "E01", "T01");
        b.register("S3", "E02", "T01");
        b.register("S4", "E03", "T02");
        return b;
    }

    static List<String> text(List<Change> changes) {
        List<String> out = new ArrayList<>();
        for (Change c : changes) {
            out.add(c.scope() + " " + c.id() + " " + c.from() + "->" + c.to());
        }
        return out;
    }

    @Test
    void rollsUpToEnterpriseAndTownAndReportsOnlyChanges() {
        RiskBoard b = board();
        assertEquals(List.of("SOURCE S1 BLUE->YELLOW", "ENTERPRISE E01 BLUE->YELLOW", "TOWN T01 BLUE->YELLOW"),
                text(b.put("a1", "S1", 5)));
        assertEquals(List.of("SOURCE S2 BLUE->ORANGE", "ENTERPRISE E01 YELLOW->ORANGE", "TOWN T01 YELLOW->ORANGE"),
                text(b.put("a2", "S2", 10)));
        assertEquals(List.of(), text(b.put("a3", "S1", 1)), "S1 at 6 is still yellow");
        assertEquals(List.of("SOURCE S3 BLUE->YELLOW", "ENTERPRISE E02 BLUE->YELLOW"), text(b.put("a4", "S3", 4)),
                "the town stays orange");
        assertEquals(List.of("SOURCE S2 ORANGE->BLUE", "ENTERPRISE E01 ORANGE->YELLOW", "TOWN T01 ORANGE->YELLOW"),
                text(b.remove("a2")));
        assertEquals(List.of(), text(b.remove("a2")), "removing an alarm that does not stand changes nothing");
        assertEquals(List.of(), text(b.put("a1", "S1", 5)), "the same contribution again changes nothing");
        assertEquals(List.of("SOURCE S4 BLUE->RED", "ENTERPRISE E03 BLUE->RED", "TOWN T02 BLUE->RED"),
                text(b.apply("area", "S4", RiskCalculator.contribution(1, 2))));
        assertEquals(RiskLevel.YELLOW, b.levelOfTown("T01"));
        assertEquals(RiskLevel.RED, b.levelOfTown("T02"));
        assertEquals(30.0, b.score("S4"));
    }

    @Test
    void thresholdsAreReachedExactlyBySums() {
        RiskBoard b = board();
        b.put("a", "S1", 1.5);
        b.put("b", "S1", 1.5);
        assertEquals(List.of("SOURCE S1 BLUE->YELLOW", "ENTERPRISE E01 BLUE->YELLOW", "TOWN T01 BLUE->YELLOW"),
                text(b.put("c", "S1", 1)), "1.5 + 1.5 + 1 = 4");
        b.put("d", "S1", 6);
        assertEquals(RiskLevel.ORANGE, b.levelOfSource("S1"), "10");
        b.put("e", "S1", 9.5);
        assertEquals(RiskLevel.ORANGE, b.levelOfSource("S1"), "19.5");
        List<Change> red = b.put("f", "S1", 0.5);
        assertEquals(RiskLevel.RED, b.levelOfSource("S1"), "20");
        assertEquals("SOURCE S1 ORANGE->RED", text(red).get(0));
    }

    @Test
    void changingAContributionOrMovingAnAlarmUpdatesBothSides() {
        RiskBoard b = board();
        b.put("x", "S1", 10);
        assertEquals(List.of("SOURCE S1 ORANGE->RED", "ENTERPRISE E01 ORANGE->RED", "TOWN T01 ORANGE->RED"),
                text(b.put("x", "S1", 20)), "an escalated alarm contributes more");
        assertEquals(List.of("SOURCE S1 RED->BLUE", "SOURCE S3 BLUE->RED", "ENTERPRISE E01 RED->BLUE",
                "ENTERPRISE E02 BLUE->RED"), text(b.put("x", "S3", 20)), "T01 stays red");
        assertEquals(0.0, b.score("S1"));
    }

    @Test
    void removingEveryAlarmLeavesAnEmptyBoard() {
        RiskBoard b = board();
        b.put("a", "S1", 0.1);
        b.put("b", "S1", 0.2);
        b.put("c", "S1", 3.8);
        assertEquals(RiskLevel.YELLOW, b.levelOfSource("S1"));
        b.remove("a");
        b.remove("b");
        b.remove("c");
        assertEquals(0.0, b.score("S1"), "exactly 0, whatever rounding the sums carried");
        assertTrue(b.alarmSource.isEmpty() && b.sourceScore.isEmpty() && b.sourceAlarms.isEmpty());
        assertTrue(b.sourceLevel.isEmpty() && b.enterpriseLevel.isEmpty() && b.townLevel.isEmpty(), "BLUE is not stored");
    }

    @Test
    void anUnregisteredSourceChangesOnlyItself() {
        RiskBoard b = board();
        assertEquals(List.of("SOURCE X9 BLUE->RED"), text(b.put("a", "X9", 25)));
    }

    @Test
    void changesCarryTheScores() {
        RiskBoard b = board();
        b.put("a", "S1", 4);
        List<Change> c = b.put("b", "S2", 12);
        assertEquals(12.0, c.get(0).score());
        assertEquals(12.0, c.get(1).score(), "the enterprise's highest source score");
        assertEquals(12.0, c.get(2).score(), "the town's highest source score");
    }

    @Test
    void builtFromACatalogue() {
        Catalogue cat = new Catalogue("t", List.of(new Town("T01", "town")),
                List.of(new Enterprise("E01", "ent", "T01", List.of(new Source("E01-S1", "tank farm", 1), new Source("E01-S2", "unit", null)))),
                List.of());
        RiskBoard b = RiskBoard.of(cat);
        assertEquals(List.of("SOURCE E01-S2 BLUE->YELLOW", "ENTERPRISE E01 BLUE->YELLOW", "TOWN T01 BLUE->YELLOW"),
                text(b.put("a", "E01-S2", RiskCalculator.contribution(2, null))));
        assertEquals(List.of("SOURCE E01-S1 BLUE->RED", "ENTERPRISE E01 YELLOW->RED", "TOWN T01 YELLOW->RED"),
                text(b.put("b", "E01-S1", RiskCalculator.contribution(2, 1))));
    }

    @Test
    void sameInputSameChanges() {
        List<List<String>> runs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            RiskBoard b = board();
            List<String> out = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String src = "S" + (1 + i % 4);
                out.addAll(text(i % 3 == 2 ? b.remove("a" + (i - 2)) : b.put("a" + i, src, (i % 7) * 1.5)));
            }
            runs.add(out);
        }
        assertEquals(runs.get(0), runs.get(1));
    }

    @Test
    void isAFlinkPojo() {
        PojoTypeInfo<?> t = assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(RiskBoard.class));
        for (int i = 0; i < t.getArity(); i++) {
            assertFalse(t.getPojoFieldAt(i).getTypeInformation() instanceof GenericTypeInfo,
                    "no field falls back to Kryo: " + t.getPojoFieldAt(i));
        }
    }
}
