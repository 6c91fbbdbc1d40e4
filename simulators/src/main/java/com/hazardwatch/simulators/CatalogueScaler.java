package com.hazardwatch.simulators;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Enterprise;
import com.hazardwatch.model.catalogue.Sensor;
import com.hazardwatch.model.catalogue.Source;
import com.hazardwatch.model.catalogue.Town;
import java.util.ArrayList;
import java.util.List;

/**
 * Bigger catalogues for load tests and benchmarks: a base catalogue repeated {@code copies} times, as if the same
 * district existed several times over.
 *
 * <p>Copy 0 keeps the original ids; copy n (n >= 1) suffixes every id with {@code -C{n}}: town {@code T01-C2},
 * enterprise {@code E01-C2}, source {@code E01-S1-C2}, sensor {@code E01-LT101-C2}. Every reference (a sensor's
 * enterprise, town and source, an enterprise's town) is rewritten the same way, so each copy is a self-contained
 * district; names get a {@code " (C2)"} suffix. Kinds, units, ranges, limits, deadbands, rule settings and source
 * grades are kept.
 * The order is copy by copy, each in the base's order.
 *
 * <p>Ids of a valid base stay valid ids (letters, digits, '.', '_', '-'); an id within three or four characters of
 * {@link com.hazardwatch.model.catalogue.CatalogueLoader#MAX_ID_LENGTH} may end up longer than that limit.
 */
public final class CatalogueScaler {
    private CatalogueScaler() {}

    /** The base catalogue repeated {@code copies} times (copies >= 1; 1 gives the base's content unchanged). */
    public static Catalogue scale(Catalogue base, int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("copies must be at least 1, got " + copies);
        }
        List<Town> towns = new ArrayList<>(base.towns().size() * copies);
        List<Enterprise> enterprises = new ArrayList<>(base.enterprises().size() * copies);
        List<Sensor> sensors = new ArrayList<>(base.sensorCount() * copies);
        for (int n = 0; n < copies; n++) {
            for (Town t : base.towns()) {
                towns.add(new Town(id(t.id(), n), name(t.name(), n)));
            }
            for (Enterprise e : base.enterprises()) {
                List<Source> sources = new ArrayList<>(e.sources().size());
                for (Source s : e.sources()) {
                    sources.add(new Source(id(s.id(), n), name(s.name(), n), s.grade()));
                }
                enterprises.add(new Enterprise(id(e.id(), n), name(e.name(), n), id(e.town(), n), sources));
            }
            for (Sensor s : base.sensors()) {
                sensors.add(new Sensor(id(s.id(), n), name(s.name(), n), id(s.enterprise(), n), id(s.town(), n),
                        id(s.source(), n), s.sourceGrade(), s.kind(), s.unit(), s.range(), s.limits(), s.deadband(), s.rules()));
            }
        }
        String name = copies == 1 ? base.name() : base.name() + " x" + copies;
        return new Catalogue(name, towns, enterprises, sensors);
    }

    /** The base repeated the fewest times that gives at least {@code sensors} sensors (at least once). */
    public static Catalogue withAtLeast(Catalogue base, int sensors) {
        return scale(base, copiesFor(base, sensors));
    }

    /** How many copies of base {@link #withAtLeast} takes for that many sensors. */
    public static int copiesFor(Catalogue base, int sensors) {
        int per = base.sensorCount();
        if (per == 0) {
            throw new IllegalArgumentException("catalogue " + base.name() + " has no sensors to scale");
        }
        long copies = Math.max(1, ((long) Math.max(sensors, 0) + per - 1) / per);
        if (copies > Integer.MAX_VALUE / per) {
            throw new IllegalArgumentException(sensors + " sensors is too many copies of a catalogue of " + per);
        }
        return (int) copies;
    }

    /** The id an original id has in copy n. */
    public static String id(String original, int copy) {
        return original == null || copy == 0 ? original : original + "-C" + copy;
    }

    private static String name(String original, int copy) {
        return original == null || copy == 0 ? original : original + " (C" + copy + ")";
    }
}
