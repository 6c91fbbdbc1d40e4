package com.hazardwatch.simulators;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.SensorKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The scenarios known by name, their defaults, and their construction with validation against a catalogue.
 *
 * <ul>
 *   <li>{@value #OVERFILL}: a tank level driven through H and HH and back ({@link OverfillScenario}); target a tank
 *       level sensor, default {@value #DEFAULT_OVERFILL_SENSOR}.
 *   <li>{@value #GATEWAY_OUTAGE}: every sensor of one enterprise silent for a while, as when its gateway or its
 *       line goes down ({@link SilenceScenario}); target an enterprise, default {@value #DEFAULT_OUTAGE_ENTERPRISE}
 *       (in the demo catalogue a small LPG filling station, no major hazard source, one pressure transmitter and two
 *       gas detectors: few and readable alarms).
 *   <li>{@value #DEAD_SENSOR}: one sensor silent for a while, a dead transmitter among live ones
 *       ({@link SilenceScenario}); target any sensor, default {@value #DEFAULT_DEAD_SENSOR} (in the demo catalogue
 *       the toluene tank temperature of a small enterprise whose three other sensors keep reporting).
 * </ul>
 * Silences last {@link #DEFAULT_SILENCE} unless told otherwise; every scenario starts at
 * {@link SimulatorOptions#scenarioStartAfter()} (10 s) unless told otherwise.
 */
public final class Scenarios {
    public static final String OVERFILL = "overfill";
    public static final String GATEWAY_OUTAGE = "gateway-outage";
    public static final String DEAD_SENSOR = "dead-sensor";
    /** Every scenario name, for option validation and help texts. */
    public static final List<String> NAMES = List.of(OVERFILL, GATEWAY_OUTAGE, DEAD_SENSOR);

    public static final String DEFAULT_OVERFILL_SENSOR = "E01-LT101";
    public static final String DEFAULT_OUTAGE_ENTERPRISE = "E14";
    public static final String DEFAULT_DEAD_SENSOR = "E05-TT101";
    /**
     * How long a silence lasts by default: past the longest default stale period (60 s), so that the no-data alarms
     * are raised, and short enough to see them clear within a demo.
     */
    public static final Duration DEFAULT_SILENCE = Duration.ofSeconds(100);

    private Scenarios() {}

    /** Whether the scenario's target is an enterprise (else a sensor). */
    public static boolean targetsEnterprise(String name) {
        return GATEWAY_OUTAGE.equals(name);
    }

    /** The target a scenario plays on when none is given. */
    public static String defaultTarget(String name) {
        return switch (checkName(name)) {
            case OVERFILL -> DEFAULT_OVERFILL_SENSOR;
            case GATEWAY_OUTAGE -> DEFAULT_OUTAGE_ENTERPRISE;
            case DEAD_SENSOR -> DEFAULT_DEAD_SENSOR;
            default -> throw new IllegalStateException(name);
        };
    }

    /**
     * Builds a scenario for a catalogue, silences lasting {@link #DEFAULT_SILENCE}.
     *
     * @param target the sensor (overfill, dead-sensor) or enterprise (gateway-outage), or null for the default
     * @throws IllegalArgumentException with a message fit for a user when the name is unknown or the target does
     *     not exist or does not suit the scenario
     */
    public static Scenario create(String name, Catalogue catalogue, String target, Duration startAfter) {
        return create(new ScenarioSpec(checkName(name), target, startAfter, null), catalogue, startAfter);
    }

    /**
     * Builds a scenario for a catalogue from what was asked.
     *
     * @param defaultStart the start when the spec gives none
     * @throws IllegalArgumentException with a message fit for a user when the target does not exist or does not suit
     *     the scenario
     */
    public static Scenario create(ScenarioSpec spec, Catalogue catalogue, Duration defaultStart) {
        Objects.requireNonNull(catalogue, "catalogue");
        String target = spec.target() != null ? spec.target() : defaultTarget(spec.name());
        Duration start = spec.start() != null ? spec.start() : Objects.requireNonNull(defaultStart, "defaultStart");
        Duration length = spec.length() != null ? spec.length() : DEFAULT_SILENCE;
        return switch (spec.name()) {
            case OVERFILL -> overfill(catalogue, target, start);
            case GATEWAY_OUTAGE -> gatewayOutage(catalogue, target, start, length);
            case DEAD_SENSOR -> deadSensor(catalogue, target, start, length);
            default -> throw new IllegalStateException(spec.name());
        };
    }

    /**
     * Every scenario of the options, in order. A spec without a target that plays on a sensor takes
     * {@link SimulatorOptions#scenarioSensor()} when it is set.
     */
    public static List<Scenario> createAll(SimulatorOptions options, Catalogue catalogue) {
        List<Scenario> out = new ArrayList<>();
        for (ScenarioSpec spec : options.scenarios()) {
            ScenarioSpec s = spec;
            if (s.target() == null && options.scenarioSensor() != null && !targetsEnterprise(s.name())) {
                s = s.withTarget(options.scenarioSensor());
            }
            out.add(create(s, catalogue, options.scenarioStartAfter()));
        }
        return List.copyOf(out);
    }

    private static String checkName(String name) {
        if (name == null || !NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + String.join(", ", NAMES));
        }
        return name;
    }

    private static OverfillScenario overfill(Catalogue catalogue, String sensorId, Duration start) {
        Optional<Sensor> found = catalogue.sensor(sensorId);
        if (found.isEmpty()) {
            String example = catalogue.sensors().stream().filter(s -> s.kind() == SensorKind.TANK_LEVEL)
                    .map(Sensor::id).findFirst().map(id -> ", e.g. " + id).orElse("");
            throw new IllegalArgumentException("scenario sensor '" + sensorId + "' is not in catalogue "
                    + catalogue.name() + " (" + catalogue.sensorCount() + " sensors); the " + OVERFILL
                    + " scenario needs a tank level sensor (kind level)" + example);
        }
        Sensor sensor = found.get();
        if (sensor.kind() != SensorKind.TANK_LEVEL) {
            throw new IllegalArgumentException("scenario sensor " + sensorId + " is a " + sensor.kind().code()
                    + " sensor; the " + OVERFILL + " scenario needs a tank level sensor (kind level)");
        }
        if (sensor.limits() == null || (sensor.limits().h() == null && sensor.limits().hh() == null)) {
            throw new IllegalArgumentException("scenario sensor " + sensorId
                    + " has neither an H nor an HH limit; the " + OVERFILL + " scenario drives the level through them");
        }
        return new OverfillScenario(sensor, start);
    }

    private static SilenceScenario gatewayOutage(Catalogue catalogue, String enterpriseId, Duration start, Duration length) {
        List<String> ids = catalogue.sensors().stream().filter(s -> enterpriseId.equals(s.enterprise())).map(Sensor::id)
                .toList();
        if (ids.isEmpty()) {
            String why = catalogue.enterprise(enterpriseId).isPresent() ? "has no sensors in catalogue " + catalogue.name()
                    : "is not an enterprise of catalogue " + catalogue.name() + " (" + catalogue.enterprises().size()
                            + " enterprises)";
            String example = suggestOutageEnterprise(catalogue).map(e -> ", e.g. " + e.id()).orElse("");
            throw new IllegalArgumentException("scenario enterprise '" + enterpriseId + "' " + why + "; the "
                    + GATEWAY_OUTAGE + " scenario silences every sensor of one enterprise" + example);
        }
        return new SilenceScenario(GATEWAY_OUTAGE, enterpriseId, ids, start, length);
    }

    private static SilenceScenario deadSensor(Catalogue catalogue, String sensorId, Duration start, Duration length) {
        if (catalogue.sensor(sensorId).isEmpty()) {
            String example = catalogue.sensor(DEFAULT_DEAD_SENSOR).map(Sensor::id)
                    .or(() -> catalogue.sensors().stream().map(Sensor::id).findFirst()).map(id -> ", e.g. " + id).orElse("");
            throw new IllegalArgumentException("scenario sensor '" + sensorId + "' is not in catalogue " + catalogue.name()
                    + " (" + catalogue.sensorCount() + " sensors); the " + DEAD_SENSOR + " scenario silences one sensor"
                    + example);
        }
        return new SilenceScenario(DEAD_SENSOR, sensorId, List.of(sensorId), start, length);
    }

    /**
     * An enterprise whose outage keeps a demo readable: no major hazard source, sensors of at most two kinds, the
     * fewest sensors (then catalogue order); failing that, the one with the fewest sensors. Empty when no enterprise
     * has sensors.
     */
    public static Optional<Enterprise> suggestOutageEnterprise(Catalogue catalogue) {
        Comparator<Enterprise> fewest = Comparator.comparingLong(e -> sensorsOf(catalogue, e).size());
        List<Enterprise> withSensors = catalogue.enterprises().stream().filter(e -> !sensorsOf(catalogue, e).isEmpty()).toList();
        return withSensors.stream()
                .filter(e -> !e.hasMajorHazard())
                .filter(e -> sensorsOf(catalogue, e).stream().map(Sensor::kind).distinct().count() <= 2)
                .min(fewest)
                .or(() -> withSensors.stream().min(fewest));
    }

    private static List<Sensor> sensorsOf(Catalogue catalogue, Enterprise e) {
        return catalogue.sensors().stream().filter(s -> e.id().equals(s.enterprise())).toList();
    }
}
