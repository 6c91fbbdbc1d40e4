package com.hazardwatch.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/** Queries InfluxDB in a test (InfluxQL), waiting until the rows satisfy a condition or a timeout passes. */
public final class InfluxProbe {
    private InfluxProbe() {}

    public static List<Map<String, Object>> query(String url, String database, String influxQl) {
        try (InfluxDB db = InfluxDBFactory.connect(url)) {
            QueryResult r = db.query(new Query(influxQl, database));
            if (r.hasError()) {
                throw new IllegalStateException(influxQl + ": " + r.getError());
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (QueryResult.Result res : r.getResults()) {
                if (res.hasError()) {
                    throw new IllegalStateException(influxQl + ": " + res.getError());
                }
                if (res.getSeries() == null) {
                    continue;
                }
                for (QueryResult.Series s : res.getSeries()) {
                    for (List<Object> values : s.getValues()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        if (s.getTags() != null) {
                            row.putAll(s.getTags());
                        }
                        for (int i = 0; i < s.getColumns().size(); i++) {
                            row.put(s.getColumns().get(i), values.get(i));
                        }
                        rows.add(row);
                    }
                }
            }
            return rows;
        }
    }

    public static List<Map<String, Object>> await(String url, String database, String influxQl,
            Predicate<List<Map<String, Object>>> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Map<String, Object>> rows = List.of();
        while (System.nanoTime() < deadline) {
            try {
                rows = query(url, database, influxQl);
            } catch (IllegalStateException e) {
                // database not created yet: keep waiting
            }
            if (done.test(rows)) {
                return rows;
            }
            Thread.sleep(500);
        }
        return rows;
    }
}
