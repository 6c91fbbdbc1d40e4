package com.hazardwatch.simulators;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.SensorKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The scenarios known by name, and their construction with validation against a catalogue. */
public final class Scenarios {
    public static final String OVERFILL = "overfill";
    /** Every scenario name, for option validation and help texts. */
    public static final List<String> NAMES = List.of(OVERFILL);

    private Scenarios() {}

    /**
     * Builds a scenario for a catalogue.
     *
     * @throws IllegalArgumentException with a message fit for a user when the name is unknown or the sensor does
     *     not exist or does not suit the scenario
     */
    public static Scenario create(String name, Catalogue catalogue, String sensorId, Duration startAfter) {
        if (!OVERFILL.equals(name)) {
            throw new IllegalArgumentException("unknown scenario '" + name + "'; known: " + String.join(", ", NAMES));
        }
        Optional<Sensor> found = catalogue.sensor(sensorId);
        if (found.isEmpty()) {
            String example = catalogue.sensors().stream().filter(s -> s.kind() == SensorKind.TANK_LEVEL)
                    .map(Sensor::id).findFirst().map(id -> ", e.g. " + id).orElse("");
            throw new IllegalArgumentException("scenario sensor '" + sensorId + "' is not in catalogue "
                    + catalogue.name() + " (" + catalogue.sensorCount() + " sensors); the " + name
                    + " scenario needs a tank level sensor (kind level)" + example);
        }
        Sensor sensor = found.get();
        if (sensor.kind() != SensorKind.TANK_LEVEL) {
            throw new IllegalArgumentException("scenario sensor " + sensorId + " is a " + sensor.kind().code()
                    + " sensor; the " + name + " scenario needs a tank level sensor (kind level)");
        }
        if (sensor.limits() == null || (sensor.limits().h() == null && sensor.limits().hh() == null)) {
            throw new IllegalArgumentException("scenario sensor " + sensorId
                    + " has neither an H nor an HH limit; the " + name + " scenario drives the level through them");
        }
        return new OverfillScenario(sensor, startAfter);
    }
}
