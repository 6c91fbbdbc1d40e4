package com.hazardwatch.simulators.verify;

import com.hazardwatch.simulators.script.ExpectedAlarm;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link ScriptVerifier} found for one scenario script: each expected alarm hit or missed, the forbidden alarms
 * seen, the unexpected ones. It passes when every expected alarm was hit and nothing forbidden or unexpected was seen.
 *
 * @param scenario the script's name
 * @param description the script's description
 * @param start the simulator's start, which the scripts' offsets count from
 * @param expectations one line per expected alarm, in the script's order
 * @param forbidden the forbidden alarms seen (each fails the scenario)
 * @param unexpected raises on the script's own sensors (and the enterprises and sources it expects alarms for) that no
 *     expectation names (each fails the scenario)
 * @param considered how many transitions emitted since the start were looked at (all owners)
 */
public record VerificationReport(String scenario, String description, Instant start, List<ExpectationResult> expectations,
                                 List<Finding> forbidden, List<Finding> unexpected, int considered) {
    /** What the delay column means; printed under the reports. */
    public static final String DELAY_NOTE = "at: when the transition reached hw.alarms (emittedAt), after the simulator's start. "
            + "delay: emittedAt minus when the condition began: the event time (ts) of the reading that met it, or, for "
            + "STALE and LINK_DOWN raises, when the script silenced the sensor(s).";

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    public VerificationReport {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(start, "start");
        expectations = List.copyOf(expectations);
        forbidden = List.copyOf(forbidden);
        unexpected = List.copyOf(unexpected);
    }

    /**
     * One expected alarm and what became of it.
     *
     * @param expected the expectation
     * @param hit the first matching transition emitted within its window, or null
     * @param at when the hit reached hw.alarms, after the start (null when missed)
     * @param delay the hit's emittedAt minus when its condition began (null when missed); see {@link #DELAY_NOTE}
     * @param miss why it was missed ("never seen", "too late: ..."), or null when hit
     */
    public record ExpectationResult(ExpectedAlarm expected, SeenAlarm hit, Duration at, Duration delay, String miss) {
        public boolean isHit() {
            return hit != null;
        }
    }

    /**
     * A transition that fails the scenario.
     *
     * @param alarm the transition
     * @param at when it reached hw.alarms, after the start
     * @param why what it broke: the forbidden rule, or why it counts as unexpected
     */
    public record Finding(SeenAlarm alarm, Duration at, String why) {
        public String describe() {
            return alarm.describe() + " at " + offset(at) + ", id " + alarm.alarmId() + (why == null ? "" : " - " + why);
        }
    }

    public boolean passed() {
        return missed() == 0 && forbidden.isEmpty() && unexpected.isEmpty();
    }

    public long missed() {
        return expectations.stream().filter(r -> !r.isHit()).count();
    }

    /** {@code PASS} or {@code FAIL (1 missed, 2 unexpected)}. */
    public String verdict() {
        if (passed()) {
            return "PASS";
        }
        List<String> why = new ArrayList<>();
        if (missed() > 0) {
            why.add(missed() + " missed");
        }
        if (!forbidden.isEmpty()) {
            why.add(forbidden.size() + " forbidden");
        }
        if (!unexpected.isEmpty()) {
            why.add(unexpected.size() + " unexpected");
        }
        return "FAIL (" + String.join(", ", why) + ")";
    }

    /**
     * The report as printed:
     *
     * <pre>
     * == overfill-e01: tank E01-LT101 overfills and comes back (started 10:00:00) ==
     *   expected                                          result  at       delay   alarm id
     *   RAISE HIGH on E01-LT101 within [20s, 45s]         hit     +34.1s   0.1s    E01-LT101:HI:1732262434000
     *   CLEAR HIGH_HIGH on E01-LT101 within [50s, 90s]    MISS    never seen (seen on E01-LT101: RAISE HIGH)
     *   forbidden: none seen
     *   unexpected: none
     *   FAIL (1 missed)
     * </pre>
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("== ").append(scenario);
        if (description != null && !description.isBlank()) {
            sb.append(": ").append(description.strip().replaceAll("\\s+", " "));
        }
        sb.append(" (started ").append(CLOCK.format(start)).append(") ==\n");
        if (expectations.isEmpty()) {
            sb.append("  expected: nothing\n");
        } else {
            int w = Math.max("expected".length(), expectations.stream().mapToInt(r -> r.expected().toString().length()).max().orElse(0));
            sb.append(String.format(Locale.ROOT, "  %-" + w + "s  %-6s  %-8s  %-7s  %s%n", "expected", "result", "at", "delay", "alarm id"));
            for (ExpectationResult r : expectations) {
                if (r.isHit()) {
                    sb.append(String.format(Locale.ROOT, "  %-" + w + "s  %-6s  %-8s  %-7s  %s%n", r.expected(), "hit", offset(r.at()),
                            seconds(r.delay()), r.hit().alarmId()
                                    + (r.hit().transition() != r.expected().transition() ? " (" + r.hit().transition() + ")" : "")));
                } else {
                    sb.append(String.format(Locale.ROOT, "  %-" + w + "s  %-6s  %s%n", r.expected(), "MISS", r.miss()));
                }
            }
        }
        list(sb, "forbidden", "none seen", forbidden);
        list(sb, "unexpected", "none", unexpected);
        sb.append("  ").append(verdict()).append('\n');
        return sb.toString();
    }

    private static void list(StringBuilder sb, String what, String none, List<Finding> findings) {
        if (findings.isEmpty()) {
            sb.append("  ").append(what).append(": ").append(none).append('\n');
            return;
        }
        sb.append("  ").append(what).append(" (FAIL):\n");
        for (Finding f : findings) {
            sb.append("    ").append(f.describe()).append('\n');
        }
    }

    /** {@code +34.1s}. */
    static String offset(Duration d) {
        return d == null ? "-" : (d.isNegative() ? "-" : "+") + seconds(d.abs());
    }

    /** {@code 34.1s}. */
    static String seconds(Duration d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
