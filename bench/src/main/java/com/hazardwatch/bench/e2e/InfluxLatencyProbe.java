package com.hazardwatch.bench.e2e;

import com.hazardwatch.connectors.influx.InfluxConnection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * When does an injected reading become queryable in InfluxDB? Every poll interval one query asks for the injection
 * sensor's readings since the oldest one still awaited; a reading counts as stored when a query first returns its
 * timestamp. The resolution is the poll interval plus a query's duration (both reported).
 */
public final class InfluxLatencyProbe implements AutoCloseable {
    private final InfluxConnection connection;
    private final String sensor;
    private final long pollMs;
    private final ConcurrentSkipListSet<Long> pending = new ConcurrentSkipListSet<>();
    private final Map<Long, Long> seen = new ConcurrentHashMap<>();
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong queryNanos = new AtomicLong();
    private volatile boolean running = true;
    private volatile String lastError;
    private final Thread thread;

    public InfluxLatencyProbe(InfluxConnection connection, String sensor, long pollMs) {
        this.connection = connection;
        this.sensor = sensor;
        this.pollMs = pollMs;
        this.thread = new Thread(this::loop, "e2e-influx-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Look for the reading with this timestamp. */
    public void expect(long ts) {
        pending.add(ts);
    }

    private void loop() {
        try (InfluxDB db = connection.open()) {
            while (running) {
                long started = System.nanoTime();
                if (!pending.isEmpty()) {
                    poll(db);
                }
                long sleep = pollMs - (System.nanoTime() - started) / 1_000_000;
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private void poll(InfluxDB db) {
        long from = pending.first();
        long t0 = System.nanoTime();
        try {
            QueryResult r = db.query(new Query("SELECT value FROM reading WHERE sensor = '" + sensor.replace("'", "\\'")
                    + "' AND time >= " + from + "ms", connection.database()), TimeUnit.MILLISECONDS);
            long now = System.currentTimeMillis();
            queries.incrementAndGet();
            queryNanos.addAndGet(System.nanoTime() - t0);
            if (r.hasError() || r.getResults() == null || r.getResults().isEmpty() || r.getResults().get(0).getSeries() == null) {
                if (r.hasError()) {
                    lastError = r.getError();
                }
                return;
            }
            for (QueryResult.Series s : r.getResults().get(0).getSeries()) {
                for (List<Object> row : s.getValues()) {
                    long ts = ((Number) row.get(0)).longValue();
                    if (pending.remove(ts)) {
                        seen.putIfAbsent(ts, now);
                    }
                }
            }
        } catch (RuntimeException e) {
            lastError = e.toString(); // database not created yet, or a slow answer: try again
        }
    }

    /** Wall clock when the reading with this ts was first returned, or null. */
    public Long seen(long ts) {
        return seen.get(ts);
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Mean duration of one probe query, ms. */
    public double meanQueryMs() {
        long q = queries.get();
        return q == 0 ? Double.NaN : queryNanos.get() / 1e6 / q;
    }

    public String lastError() {
        return lastError;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
