package com.hazardwatch.console;

import com.hazardwatch.connectors.influx.InfluxConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * A sensor's trend from InfluxDB: measurement {@code reading} in retention policy {@code raw}, the last N hours, in at
 * most about {@link #POINTS} buckets (mean, min and max of each), so a 24-hour trend of a 2-second sensor stays small.
 */
public final class TrendQuery implements AutoCloseable {
    public static final int POINTS = 720;

    /** One bucket: its start (epoch ms) and the mean, min and max of its readings. */
    public record Point(long t, double mean, double min, double max) {}

    private final InfluxConnection connection;
    private volatile InfluxDB influx;

    public TrendQuery(InfluxConnection connection) {
        this.connection = connection;
    }

    /** The InfluxQL sent for a sensor over the last hours. */
    public static String influxQl(String sensor, int hours) {
        long bucket = Math.max(1, hours * 3600L / POINTS);
        return "SELECT mean(\"value\") AS mean, min(\"value\") AS min, max(\"value\") AS max FROM \""
                + InfluxConnection.RAW + "\".\"reading\" WHERE \"sensor\" = '" + sensor.replace("\\", "\\\\").replace("'", "\\'")
                + "' AND time > now() - " + hours + "h GROUP BY time(" + bucket + "s) fill(none)";
    }

    public List<Point> trend(String sensor, int hours) {
        QueryResult r = influx().query(new Query(influxQl(sensor, hours), connection.database()), TimeUnit.MILLISECONDS);
        if (r.hasError()) {
            throw new IllegalStateException("InfluxDB " + connection + " refused the trend query: " + r.getError());
        }
        List<Point> out = new ArrayList<>();
        for (QueryResult.Result res : r.getResults()) {
            if (res.hasError()) {
                if (res.getError().contains("database not found")) {
                    return out; // nothing written yet
                }
                throw new IllegalStateException("InfluxDB " + connection + " refused the trend query: " + res.getError());
            }
            if (res.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series s : res.getSeries()) {
                for (List<Object> v : s.getValues()) {
                    if (v.get(1) == null) {
                        continue;
                    }
                    out.add(new Point(((Number) v.get(0)).longValue(), num(v.get(1)), num(v.get(2)), num(v.get(3))));
                }
            }
        }
        return out;
    }

    private static double num(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    private InfluxDB influx() {
        InfluxDB i = influx;
        if (i == null) {
            synchronized (this) {
                if (influx == null) {
                    influx = connection.open();
                }
                i = influx;
            }
        }
        return i;
    }

    @Override
    public void close() {
        InfluxDB i = influx;
        if (i != null) {
            i.close();
        }
    }
}
