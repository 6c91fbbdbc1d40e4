package com.hazardwatch.simulators.drill;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.config.Durations;
import com.hazardwatch.simulators.Scenario;
import com.hazardwatch.simulators.ScenarioEvent;
import com.hazardwatch.simulators.Simulator;
import com.hazardwatch.simulators.SimulatorException;
import com.hazardwatch.simulators.SimulatorOptions;
import com.hazardwatch.simulators.SimulatorStats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A drill for the duty officers: normal traffic of every catalogue sensor, as {@code simulate} publishes it, with one
 * scenario started at a moment drawn from the seed within a window ({@link DrillPlan}), which nobody watching is told.
 *
 * <p>What is printed gives the moment away in no way: no start line with the scenario's start, no scenario phases or
 * events, no silenced counts; only a progress line every {@value #PROGRESS_EVERY_LINES} simulator progress lines (30 s)
 * with the time run and the readings published, and the simulator's connection and failure lines. Everything the
 * simulator says, scenario phases included, goes to the sealed {@link DrillLog}, which holds the moment from the
 * start. The summary at the end names the moment, for the debrief.
 */
public final class Drill {
    /** A drill progress line every this many progress lines of the simulator (every 5 s): every 30 s. */
    public static final int PROGRESS_EVERY_LINES = 6;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** What plays the traffic: the {@link Simulator}, or a fake in tests. */
    public interface Traffic {
        SimulatorStats run() throws SimulatorException;

        void stop();

        long published();

        long failed();

        void close();
    }

    /** Makes the traffic of a drill. */
    @FunctionalInterface
    public interface TrafficFactory {
        /**
         * @param options normal traffic, the drill's duration and seed, no scenario of their own
         * @param scenario the drill's scenario, already at its moment
         * @param sink every line the traffic says
         */
        Traffic create(Catalogue catalogue, SimulatorOptions options, Scenario scenario, Consumer<String> sink);
    }

    /** The simulator, playing the scenario besides normal traffic. */
    public static final TrafficFactory SIMULATOR = (catalogue, options, scenario, sink) -> {
        Simulator sim = new Simulator(catalogue, options, List.of(scenario), sink);
        return new Traffic() {
            @Override
            public SimulatorStats run() throws SimulatorException {
                return sim.run();
            }

            @Override
            public void stop() {
                sim.stop();
            }

            @Override
            public long published() {
                return sim.publishedCount();
            }

            @Override
            public long failed() {
                return sim.failedCount();
            }

            @Override
            public void close() {
                sim.close();
            }
        };
    };

    /**
     * What a drill did.
     *
     * @param stats the simulator's
     * @param scenarioStart when the scenario started (or was to start): the start of publishing plus the moment
     * @param started whether the drill ran past the moment (false when stopped before)
     * @param log the sealed log
     */
    public record Result(SimulatorStats stats, Instant scenarioStart, boolean started, Path log) {}

    private final Catalogue catalogue;
    private final SimulatorOptions options;
    private final DrillScenario scenario;
    private final DrillPlan plan;
    private final Path logDir;
    private final String rerun;
    private final Consumer<String> out;
    private final Supplier<Instant> now;
    private final Traffic traffic;
    private volatile DrillLog log;
    private volatile long startNanos;
    private int progressLines;

    /**
     * @param base the traffic (broker, topic root, QoS, interval, pack); its duration, seed and scenarios are the drill's
     * @param logDir where the sealed log goes, e.g. {@code $HAZARDWATCH_HOME/drills}
     * @param rerun the command line that replays this drill, for the log and the summary
     * @param out what the people in the room may see
     * @throws IllegalArgumentException when the scenario cannot be played on the catalogue or the traffic is invalid
     */
    public Drill(Catalogue catalogue, SimulatorOptions base, DrillScenario scenario, DrillPlan plan, Path logDir, String rerun,
            Consumer<String> out) {
        this(catalogue, base, scenario, plan, logDir, rerun, out, SIMULATOR, Instant::now);
    }

    /** With the traffic and the clock given: for tests. */
    public Drill(Catalogue catalogue, SimulatorOptions base, DrillScenario scenario, DrillPlan plan, Path logDir, String rerun,
            Consumer<String> out, TrafficFactory factory, Supplier<Instant> now) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.logDir = Objects.requireNonNull(logDir, "logDir");
        this.rerun = rerun;
        this.out = Objects.requireNonNull(out, "out");
        this.now = Objects.requireNonNull(now, "now");
        this.options = base.toBuilder().scenarios(List.of()).scenarioSensor(null).duration(plan.duration()).seed(plan.seed()).build();
        this.traffic = factory.create(catalogue, options, scenario.at(plan.start()), this::said);
    }

    public DrillPlan plan() {
        return plan;
    }

    /**
     * Writes the log's head (the moment), publishes until the drill's duration has passed or {@link #stop()}, then
     * writes the summary to the log, seals it and prints the summary.
     *
     * @throws SimulatorException when the broker cannot be reached at the start
     * @throws IOException when the log cannot be written
     */
    public Result run() throws SimulatorException, IOException {
        Instant created = now.get();
        DrillLog l = DrillLog.create(logDir, created);
        log = l;
        try {
            head(l, created);
            out.accept(String.format("drill: normal traffic of %d sensors of %s -> %s, QoS %d, for %s (until about %s); "
                            + "%s starts at a moment within the first %s that only the sealed log tells. Ctrl-C ends the drill early.",
                    catalogue.sensorCount(), catalogue.name(), options.mqttUrl(), options.qos(), Durations.format(plan.duration()),
                    CLOCK.format(created.plus(plan.duration())), scenario.describe(), Durations.format(plan.window())));
            out.accept("drill log (sealed, for the debrief): " + l.path());
            startNanos = System.nanoTime();
            SimulatorStats stats;
            try {
                stats = traffic.run();
            } finally {
                traffic.close();
            }
            Instant moment = stats.startedAt().plus(plan.start());
            boolean started = stats.elapsed().compareTo(plan.start()) > 0;
            String summary = summary(stats, moment, started);
            l.write("---- summary");
            l.write(summary);
            l.seal();
            out.accept(summary);
            return new Result(stats, moment, started, l.path());
        } finally {
            l.seal();
        }
    }

    /** Ends the drill early; safe from any thread. */
    public void stop() {
        traffic.stop();
    }

    private void head(DrillLog l, Instant created) {
        l.write("HazardWatch drill log. SEALED: for the instructor and the debrief; not for the duty officers before the drill is over.");
        l.write("created     " + created.truncatedTo(ChronoUnit.MILLIS));
        l.write("catalogue   " + catalogue.name() + " (" + catalogue.sensorCount() + " sensors)");
        l.write("traffic     " + options);
        l.write("scenario    " + scenario.describe());
        l.write("window      " + Durations.format(plan.window()) + ": the scenario starts at a moment drawn uniformly within ["
                + Durations.format(DrillPlan.MIN_LEAD) + ", " + Durations.format(plan.window()) + ") after the start of publishing");
        l.write("seed        " + plan.seed() + " (the same seed, window and scenario give the same moment and the same values)");
        l.write("MOMENT      +" + Durations.format(plan.start()) + " after the start of publishing (about "
                + CLOCK.format(created.plus(plan.start())) + " if publishing starts now); it plays for " + Durations.format(plan.length()));
        l.write("runs        " + Durations.format(plan.duration()));
        if (rerun != null) {
            l.write("replay it   " + rerun);
        }
        l.write("---- what happened, as the simulator said it (scenario phases included)");
    }

    /** A line of the simulator: all to the log; to the room only what does not give the moment away. */
    private void said(String line) {
        DrillLog l = log;
        if (l != null) {
            l.event(now.get(), line);
        }
        if (passes(line)) {
            out.accept(line);
        } else if (line.startsWith("published ")) {
            progressLines++;
            if (progressLines % PROGRESS_EVERY_LINES == 0) {
                out.accept(progressLine());
            }
        }
    }

    /**
     * Whether a simulator line may be shown while the drill runs: connection changes and failures only. Anything else
     * (start line, progress lines with scenario phases and silenced counts, scenario events, the summary and its
     * timeline) might give the moment away.
     */
    static boolean passes(String line) {
        return line.startsWith("MQTT connection lost") || line.startsWith("MQTT reconnected") || line.startsWith("MQTT error")
                || line.startsWith("publish failed") || line.startsWith("not sent:") || line.startsWith("sent again");
    }

    private String progressLine() {
        Duration run = Duration.ofNanos(System.nanoTime() - startNanos).truncatedTo(ChronoUnit.SECONDS);
        return String.format("drill running %s of %s: published %d readings, failed %d", Durations.format(run),
                Durations.format(plan.duration()), traffic.published(), traffic.failed());
    }

    private String summary(SimulatorStats stats, Instant moment, boolean started) {
        StringBuilder sb = new StringBuilder();
        String when = String.format("%s (+%s after the start of publishing; drawn within the window of %s from seed %d)",
                CLOCK.format(moment.truncatedTo(ChronoUnit.SECONDS)), Durations.format(plan.start()), Durations.format(plan.window()),
                plan.seed());
        if (started) {
            sb.append(String.format("drill over after %s: the scenario %s started at %s", Durations.format(
                    stats.elapsed().truncatedTo(ChronoUnit.SECONDS)), scenario.describe(), when));
        } else {
            sb.append(String.format("drill stopped after %s, before the scenario: %s was to start at %s; it did not play",
                    Durations.format(stats.elapsed().truncatedTo(ChronoUnit.SECONDS)), scenario.describe(), when));
        }
        if (!stats.scenarioEvents().isEmpty()) {
            sb.append(String.format("%n  scenario timeline (offsets from the start of publishing):"));
            for (ScenarioEvent e : stats.scenarioEvents()) {
                sb.append(String.format("%n    %s  %s", CLOCK.format(e.at().truncatedTo(ChronoUnit.SECONDS)), e));
            }
        }
        sb.append(String.format("%n  published %d readings, failed %d", stats.published(), stats.failed()));
        if (stats.silenced() > 0) {
            sb.append(", silenced ").append(stats.silenced()).append(" by the scenario");
        }
        if (rerun != null) {
            sb.append(String.format("%n  replay this drill: %s", rerun));
        }
        sb.append(String.format("%n  sealed log: %s", log.path()));
        return sb.toString();
    }
}
