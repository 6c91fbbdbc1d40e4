package com.hazardwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.CatalogueLoader;
import com.hazardwatch.model.event.AlarmEvent;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmTransition;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.simulators.Scenario;
import com.hazardwatch.simulators.Scenarios;
import com.hazardwatch.simulators.SimulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's plan, its alarm lines and its checklist, against the hw.alarms contract; no services. */
class DemoCommandTest {
    private static final long T0 = 1_718_000_000_000L;

    static Catalogue demo() throws Exception {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path f = d.resolve("config/catalogue/demo-district.yaml");
            if (Files.isRegularFile(f)) {
                return CatalogueLoader.load(f);
            }
        }
        throw new AssertionError("no demo catalogue above " + Path.of("").toAbsolutePath());
    }

    private static AlarmEvent ev(String id, String sensor, String enterprise, AlarmType type, AlarmTransition t,
            AlarmState state, double value, double limit, long atSeconds, String detail) {
        return new AlarmEvent(id, sensor, enterprise, null, type, t, state, value, limit, T0 + atSeconds * 1000,
                T0 + atSeconds * 1000 + 50, detail);
    }

    private static AlarmEvent ev(String id, String sensor, String enterprise, AlarmType type, AlarmTransition t, long at,
            String detail) {
        AlarmState state = t == AlarmTransition.CLEAR ? AlarmState.RTN_UNACK : AlarmState.ACTIVE_UNACK;
        return ev(id, sensor, enterprise, type, t, state, Double.NaN, Double.NaN, at, detail);
    }

    private static final String HI = "E01-LT101:HI:" + (T0 + 35_000);
    private static final String STALE = "E05-TT101:STALE:" + (T0 + 70_000);
    private static final String LINK = "E14:LINK_DOWN:" + (T0 + 70_000);

    /** What the job should emit for the demo's three scenarios, in order. */
    private static List<AlarmEvent> everything() {
        List<AlarmEvent> l = new ArrayList<>();
        l.add(ev("E01-LT101:FC:" + (T0 + 20_000), "E01-LT101", "E01", AlarmType.FORECAST_HH, AlarmTransition.RAISE, 20, "HH in 30 s"));
        l.add(ev("E01-LT101:ROC:" + (T0 + 22_000), "E01-LT101", "E01", AlarmType.RATE_OF_CHANGE, AlarmTransition.RAISE, 22,
                "rising 68 %/min"));
        l.add(ev(HI, "E01-LT101", "E01", AlarmType.HIGH, AlarmTransition.RAISE, AlarmState.ACTIVE_UNACK, 85.8, 85, 35,
                "85.8 % >= H 85 %"));
        l.add(ev("E14-GT101:STALE:" + (T0 + 40_000), "E14-GT101", "E14", AlarmType.STALE, AlarmTransition.RAISE, 40, "silent 30 s"));
        l.add(ev(HI, "E01-LT101", "E01", AlarmType.HIGH_HIGH, AlarmTransition.ESCALATE, AlarmState.ACTIVE_UNACK, 95.9, 95, 44,
                "95.9 % >= HH 95 %"));
        l.add(ev(STALE, "E05-TT101", "E05", AlarmType.STALE, AlarmTransition.RAISE, 70, "silent 60 s"));
        l.add(ev(LINK, "E14", "E14", AlarmType.LINK_DOWN, AlarmTransition.RAISE, 70, "3 of 3 sensors silent"));
        l.add(ev("E14-GT101:STALE:" + (T0 + 40_000), "E14-GT101", "E14", AlarmType.STALE, AlarmTransition.SUPPRESS,
                AlarmState.SUPPRESSED, Double.NaN, Double.NaN, 70, null));
        l.add(ev(HI, "E01-LT101", "E01", AlarmType.HIGH, AlarmTransition.CLEAR, AlarmState.RTN_UNACK, 83.3, 84, 62,
                "83.3 % <= H - deadband 84 %"));
        l.add(ev(STALE, "E05-TT101", "E05", AlarmType.STALE, AlarmTransition.CLEAR, 111, "reports again"));
        l.add(ev(LINK, "E14", "E14", AlarmType.LINK_DOWN, AlarmTransition.CLEAR, 111, "E14-PT101 reports again"));
        return l;
    }

    private static DemoCommand.Expectations expect(Duration ran) throws Exception {
        return DemoCommand.Expectations.of(demo(), ran);
    }

    @Test
    void theDemoPlaysItsThreeScenariosOnTheDemoCatalogue() throws Exception {
        Catalogue demo = demo();
        SimulatorOptions o = SimulatorOptions.builder().scenarios(DemoCommand.scenarios()).build();
        List<Scenario> s = Scenarios.createAll(o, demo);
        assertEquals(List.of("overfill", "gateway-outage", "dead-sensor"), s.stream().map(Scenario::name).toList());
        assertEquals(List.of("E01-LT101", "E14", "E05-TT101"), s.stream().map(Scenario::target).toList());
        assertTrue(s.stream().allMatch(x -> x.start().equals(Duration.ofSeconds(10))));
        assertTrue(s.get(1).silent("E14-PT101", 109_999) && !s.get(1).silent("E14-PT101", 110_000));
        // the stale periods of the catalogue: 60 s for the temperature sensor and for E14's pressure transmitter
        DemoCommand.Expectations x = expect(DemoCommand.DEFAULT_FOR);
        assertEquals(Duration.ofSeconds(60), x.deadStale());
        assertEquals(Duration.ofSeconds(60), x.linkStale());
        assertTrue(x.longEnough());
        assertFalse(expect(Duration.ofSeconds(100)).longEnough());
        assertTrue(x.timeline().contains("STALE for E05-TT101 at about +1m10s and LINK_DOWN for E14 at about +1m10s"),
                x.timeline());
        // the default --for leaves room after the last clear
        assertTrue(DemoCommand.DEFAULT_FOR.compareTo(DemoCommand.NEEDED) > 0);
    }

    @Test
    void helpSaysWhatTheDemoPlaysAndWhen() {
        String h = DemoCommand.HELP;
        for (String s : List.of("default\n150s", "E01-LT101", "E14", "E05-TT101", "+10s to +1m50s", "LINK_DOWN", "STALE",
                "RATE_OF_CHANGE", "FORECAST_HH", "Exit status 0 when every line is yes")) {
            assertTrue(h.contains(s), s + " in:\n" + h);
        }
    }

    @Test
    void alarmLinesShowNoDataAlarmsReadably() {
        String limit = DemoCommand.alarmLine(ev(HI, "E01-LT101", "E01", AlarmType.HIGH_HIGH, AlarmTransition.ESCALATE,
                AlarmState.ACTIVE_UNACK, 95.9, 95, 44, "95.9 % >= HH 95 %"));
        assertTrue(limit.startsWith("ALARM ESCALATE   HIGH_HIGH      E01-LT101  value 95.90 (limit 95.00) at "), limit);
        assertTrue(limit.endsWith("  95.9 % >= HH 95 %, id " + HI), limit);

        String link = DemoCommand.alarmLine(everything().get(6));
        assertTrue(link.startsWith("ALARM RAISE      LINK_DOWN      E14        enterprise: no data from any of its sensors at "), link);
        assertTrue(link.endsWith("3 of 3 sensors silent, id " + LINK), link);
        assertFalse(link.contains("NaN"), link);

        String stale = DemoCommand.alarmLine(everything().get(5));
        assertTrue(stale.startsWith("ALARM RAISE      STALE          E05-TT101  no data (sensor of E05) at "), stale);
        String back = DemoCommand.alarmLine(everything().get(9));
        assertTrue(back.startsWith("ALARM CLEAR      STALE          E05-TT101  reports again (sensor of E05) at "), back);
        String linkBack = DemoCommand.alarmLine(everything().get(10));
        assertTrue(linkBack.startsWith("ALARM CLEAR      LINK_DOWN      E14        enterprise: its sensors report again at "), linkBack);
        String suppressed = DemoCommand.alarmLine(everything().get(7));
        assertTrue(suppressed.contains("SUPPRESS") && suppressed.contains("[SUPPRESSED]") && !suppressed.contains("null"),
                suppressed);
    }

    @Test
    void everyExpectedAlarmMakesEveryLineYes() throws Exception {
        List<DemoCommand.Check> checks = DemoCommand.checklist(everything(), expect(DemoCommand.DEFAULT_FOR));
        assertEquals(List.of("limit", "rate of change", "forecast", "dead sensor", "gateway outage"),
                checks.stream().map(DemoCommand.Check::name).toList());
        assertTrue(DemoCommand.passed(checks), checks.toString());
        String out = DemoCommand.render(checks);
        assertTrue(out.contains("yes  limit           HIGH_HIGH raised and cleared on E01-LT101"), out);
        assertTrue(out.contains("id " + HI + " \"95.9 % >= HH 95 %\"; cleared \"83.3 % <= H - deadband 84 %\""), out);
        assertTrue(out.contains("id " + STALE + " \"silent 60 s\"; cleared \"reports again\""), out);
        assertTrue(out.contains("LINK_DOWN raised and cleared for E14") && out.contains("id " + LINK)
                && out.contains("STALE of E14-GT101 shown SUPPRESSED"), out);
        assertTrue(out.contains("rising 68 %/min") && out.contains("HH in 30 s"), out);
        assertTrue(out.endsWith("Demo passed: every line of the checklist is yes.\n"), out);
        assertFalse(out.contains("NO "), out);
    }

    @Test
    void whatIsMissingIsNamedWithWhatToTry() throws Exception {
        List<AlarmEvent> l = new ArrayList<>(everything());
        l.removeIf(e -> e.type() == AlarmType.LINK_DOWN || (e.type() == AlarmType.STALE && e.transition() == AlarmTransition.CLEAR));
        l.removeIf(e -> e.type() == AlarmType.RATE_OF_CHANGE);
        // alarms of other sensors and enterprises do not count
        l.add(ev("E20:LINK_DOWN:1", "E20", "E20", AlarmType.LINK_DOWN, AlarmTransition.RAISE, 80, null));
        l.add(ev("E20:LINK_DOWN:1", "E20", "E20", AlarmType.LINK_DOWN, AlarmTransition.CLEAR, 90, null));
        l.add(ev("E02-LT101:ROC:1", "E02-LT101", "E02", AlarmType.RATE_OF_CHANGE, AlarmTransition.RAISE, 30, null));
        List<DemoCommand.Check> checks = DemoCommand.checklist(l, expect(Duration.ofSeconds(100)));
        assertFalse(DemoCommand.passed(checks));
        String out = DemoCommand.render(checks);
        assertTrue(out.contains("yes  limit"), out);
        assertTrue(out.contains("NO   rate of change  RATE_OF_CHANGE raised on E01-LT101"), out);
        assertTrue(out.contains("no RATE_OF_CHANGE on E01-LT101"), out);
        assertTrue(out.contains("NO   dead sensor") && out.contains("id " + STALE + " \"silent 60 s\"; not cleared"), out);
        assertTrue(out.contains("NO   gateway outage") && out.contains("no LINK_DOWN for E14; STALE of E14-GT101 shown SUPPRESSED"),
                out);
        assertTrue(out.contains("Demo incomplete: missing rate of change, dead sensor, gateway outage."), out);
        assertTrue(out.contains("  dead sensor: its first reading after +1m50s clears it: run longer (--for 150s)"), out);
        assertTrue(out.contains("  gateway outage: every sensor of E14 is silent from +10s to +1m50s; LINK_DOWN is due once all "
                + "are STALE, at about +1m10s"), out);
        assertTrue(out.contains("rocLimit in bin/hazardwatch catalogue show --json"), out);

        // a HIGH_HIGH never cleared, nothing else
        List<AlarmEvent> onlyRaise = everything().subList(0, 5);
        String none = DemoCommand.render(DemoCommand.checklist(onlyRaise, expect(DemoCommand.DEFAULT_FOR)));
        assertTrue(none.contains("NO   limit") && none.contains("; not cleared"), none);
        assertTrue(none.contains("  limit: it clears once the level is back below H - deadband, at about +62s: look at the job's log"),
                none);
        String empty = DemoCommand.render(DemoCommand.checklist(List.of(), expect(DemoCommand.DEFAULT_FOR)));
        assertTrue(empty.contains("no HIGH_HIGH on E01-LT101 (no alarm at all on it)"), empty);
        assertTrue(empty.contains("no STALE for E05-TT101") && empty.contains("STALE is due at about +1m10s"), empty);
    }

    @Test
    void alarmCountsByType() {
        assertEquals(" (HIGH_HIGH 1, HIGH 2, RATE_OF_CHANGE 1, FORECAST_HH 1, STALE 4, LINK_DOWN 2)",
                DemoCommand.byType(everything()));
        assertEquals("", DemoCommand.byType(List.of()));
    }
}
