package com.hazardwatch.simulators.verify;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.event.AlarmState;
import com.hazardwatch.model.event.AlarmType;
import com.hazardwatch.simulators.Scenario;
import com.hazardwatch.simulators.script.ExpectedAlarm;
import com.hazardwatch.simulators.script.ForbiddenAlarm;
import com.hazardwatch.simulators.script.ScenarioScript;
import com.hazardwatch.simulators.verify.VerificationReport.ExpectationResult;
import com.hazardwatch.simulators.verify.VerificationReport.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the hw.alarms transitions seen during a run against what a scenario script expects and forbids: a pure
 * function, no clock, no Kafka ({@code simulate --verify} and the scenario integration test feed it).
 *
 * <p>Times: every offset of a script counts from the simulator's start; a transition's time is when it reached
 * hw.alarms ({@code emittedAt}), so a window means "on the duty officer's console between +from and +to".
 * Transitions emitted before the start are ignored (they cannot be the script's doing).
 *
 * <ul>
 *   <li><b>Expected</b>: hit by the first transition that {@link ExpectedAlarm#matches matches} it (RAISE also matches
 *       an ESCALATE or a RETURN to the type) emitted within [start + from, start + to]; otherwise a MISS, saying
 *       whether it came too early, too late or never. The delay of a hit is its {@code emittedAt} minus when its
 *       condition began: the event time ({@code ts}) of the reading that met it, or, for a STALE or LINK_DOWN raise
 *       (whose {@code ts} is the engine's own clock), the moment the script silenced the sensor (for LINK_DOWN the
 *       last of the enterprise's silenced sensors to go quiet), taken from the script's {@link Scenario#silent}.
 *   <li><b>Forbidden</b>: every RAISE, ESCALATE or RETURN matching a forbidden alarm within its window (to the end of
 *       the script when it gives no end) fails the scenario, suppressed or not. A forbidden alarm naming no owner
 *       applies to the script's own owners (below), as several scripts may run at once.
 *   <li><b>Unexpected</b>: a RAISE, ESCALATE or RETURN on one of the script's own owners (the sensors its scenario
 *       plays on, and every owner its expectations name: the enterprise of an expected LINK_DOWN, the source of an
 *       expected AREA_GAS) that no expectation names (type, owner and transition; time aside, so an expected alarm
 *       that came too late is a MISS, not also unexpected) and that is not part of an alarm that does (the RAISE HIGH
 *       whose ESCALATE HIGH_HIGH was expected: same alarm id). It fails the scenario: a drill with spurious alarms
 *       is no passed drill. The script format has no "tolerated" list: a script accepts an alarm by expecting it.
 *       Not counted: raises already SUPPRESSED (a child's STALE under LINK_DOWN: never annunciated), and STALE or
 *       LINK_DOWN raised after the simulator stopped (the end of the run is a silence of its own).
 * </ul>
 */
public final class ScriptVerifier {
    /** How finely the script's silences are looked up for the delay of STALE and LINK_DOWN. */
    static final long PROBE_STEP_MS = 100;

    private ScriptVerifier() {}

    /**
     * Verifies one script.
     *
     * @param script what was played and what it must and must not cause
     * @param start the simulator's start (its offsets count from here)
     * @param runEnd when the simulator stopped, or null while unknown: STALE and LINK_DOWN raised from then on are not
     *     unexpected
     * @param seen the hw.alarms transitions read since before the start, any owner, in any order
     * @param catalogue to find the silenced sensors of an enterprise or source for the delay of LINK_DOWN; null to take
     *     every sensor the script silences
     */
    public static VerificationReport verify(ScenarioScript script, Instant start, Instant runEnd, List<SeenAlarm> seen,
            Catalogue catalogue) {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(start, "start");
        long t0 = start.toEpochMilli();
        List<SeenAlarm> run = seen.stream().filter(a -> a.emittedAt() >= t0)
                .sorted(Comparator.comparingLong(SeenAlarm::emittedAt)).toList();
        Scenario scenario = script.scenario();
        Set<String> own = new LinkedHashSet<>(scenario.sensors());
        script.expected().forEach(e -> own.add(e.owner()));

        List<ExpectationResult> results = new ArrayList<>();
        Set<String> expectedIds = new HashSet<>();
        for (ExpectedAlarm e : script.expected()) {
            List<SeenAlarm> matching = run.stream().filter(a -> e.matches(a.type(), a.owner(), a.transition())).toList();
            matching.forEach(a -> expectedIds.add(a.alarmId()));
            long from = t0 + e.from().toMillis();
            long to = t0 + e.to().toMillis();
            Optional<SeenAlarm> hit = matching.stream().filter(a -> a.emittedAt() >= from && a.emittedAt() <= to).findFirst();
            if (hit.isPresent()) {
                SeenAlarm h = hit.get();
                long began = conditionBegan(script, h, t0, catalogue).orElse(from);
                results.add(new ExpectationResult(e, h, Duration.ofMillis(h.emittedAt() - t0),
                        Duration.ofMillis(h.emittedAt() - began), null));
            } else {
                results.add(new ExpectationResult(e, null, null, null, missReason(e, matching, run, t0, from, to)));
            }
        }

        List<Finding> forbidden = new ArrayList<>();
        Set<SeenAlarm> reported = new HashSet<>();
        for (SeenAlarm a : run) {
            if (!a.raises()) {
                continue;
            }
            long at = a.emittedAt() - t0;
            for (ForbiddenAlarm f : script.forbidden()) {
                boolean ownerOk = f.owner() != null || own.contains(a.owner());
                long fTo = (f.to() != null ? f.to() : script.length()).toMillis();
                if (ownerOk && f.matches(a.type(), a.owner()) && at >= f.from().toMillis() && at <= fTo) {
                    forbidden.add(new Finding(a, Duration.ofMillis(at), "forbidden: " + f));
                    reported.add(a);
                    break;
                }
            }
        }

        List<Finding> unexpected = new ArrayList<>();
        for (SeenAlarm a : run) {
            if (!a.raises() || !own.contains(a.owner()) || reported.contains(a) || a.state() == AlarmState.SUPPRESSED) {
                continue;
            }
            if (expectedIds.contains(a.alarmId()) || script.expected().stream().anyMatch(e -> e.matches(a.type(), a.owner(), a.transition()))) {
                continue;
            }
            boolean silenceAtEnd = (a.type() == AlarmType.STALE || a.type() == AlarmType.LINK_DOWN)
                    && runEnd != null && a.emittedAt() >= runEnd.toEpochMilli();
            if (silenceAtEnd) {
                continue;
            }
            unexpected.add(new Finding(a, Duration.ofMillis(a.emittedAt() - t0), "no expectation names it"));
        }
        return new VerificationReport(script.name(), script.description(), start, results, forbidden, unexpected, run.size());
    }

    /** Verifies several scripts played in one run, in their order. */
    public static List<VerificationReport> verifyAll(List<ScenarioScript> scripts, Instant start, Instant runEnd,
            List<SeenAlarm> seen, Catalogue catalogue) {
        return scripts.stream().map(s -> verify(s, start, runEnd, seen, catalogue)).toList();
    }

    private static String missReason(ExpectedAlarm e, List<SeenAlarm> matching, List<SeenAlarm> run, long t0, long from, long to) {
        Optional<SeenAlarm> late = matching.stream().filter(a -> a.emittedAt() > to).findFirst();
        if (late.isPresent()) {
            return "too late: at " + VerificationReport.offset(Duration.ofMillis(late.get().emittedAt() - t0)) + ", the window closed at +"
                    + e.to().toSeconds() + "s (id " + late.get().alarmId() + ")";
        }
        Optional<SeenAlarm> early = matching.stream().filter(a -> a.emittedAt() < from).reduce((a, b) -> b);
        if (early.isPresent()) {
            return "too early: at " + VerificationReport.offset(Duration.ofMillis(early.get().emittedAt() - t0)) + ", the window opens at +"
                    + e.from().toSeconds() + "s (id " + early.get().alarmId() + ")";
        }
        List<String> other = run.stream().filter(a -> e.owner().equals(a.owner()))
                .map(a -> a.transition() + " " + a.type()).distinct().toList();
        return "never seen" + (other.isEmpty() ? " (nothing at all on " + e.owner() + ")"
                : " (seen on " + e.owner() + ": " + String.join(", ", other) + ")");
    }

    /**
     * When the hit's condition began, epoch ms: the reading's event time, or for a STALE or LINK_DOWN raise the start
     * of the silence the script played on the owner; empty when it cannot be told (then the window's opening is used).
     */
    static Optional<Long> conditionBegan(ScenarioScript script, SeenAlarm hit, long t0, Catalogue catalogue) {
        boolean noData = hit.raises() && (hit.type() == AlarmType.STALE || hit.type() == AlarmType.LINK_DOWN);
        if (!noData) {
            return hit.ts() > 0 && hit.ts() <= hit.emittedAt() ? Optional.of(hit.ts()) : Optional.empty();
        }
        Scenario sc = script.scenario();
        long upTo = hit.emittedAt() - t0;
        long latest = -1;
        for (String sensor : silencedSensorsOf(sc, hit.owner(), catalogue)) {
            long began = silenceStart(sc, sensor, upTo);
            latest = Math.max(latest, began);
        }
        return latest < 0 ? Optional.empty() : Optional.of(t0 + latest);
    }

    /** The script's sensors that make up an owner: the sensor itself, or those of the enterprise or source. */
    private static List<String> silencedSensorsOf(Scenario sc, String owner, Catalogue catalogue) {
        if (sc.sensors().contains(owner)) {
            return List.of(owner);
        }
        List<String> out = new ArrayList<>();
        for (String id : sc.sensors()) {
            Optional<Sensor> s = catalogue == null ? Optional.empty() : catalogue.sensor(id);
            if (catalogue == null || s.map(x -> owner.equals(x.enterprise()) || owner.equals(x.source())).orElse(false)) {
                out.add(id);
            }
        }
        return out;
    }

    /**
     * The offset at which the latest silence of a sensor that began at or before {@code upTo} began, or -1 when the
     * scenario does not silence it by then.
     */
    static long silenceStart(Scenario sc, String sensor, long upTo) {
        long began = -1;
        boolean wasSilent = false;
        for (long t = 0; t <= upTo; t += PROBE_STEP_MS) {
            boolean silent = sc.silent(sensor, t);
            if (silent && !wasSilent) {
                began = t;
            }
            wasSilent = silent;
        }
        return began;
    }
}
