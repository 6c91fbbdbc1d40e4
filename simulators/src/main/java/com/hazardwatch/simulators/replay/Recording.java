package com.hazardwatch.simulators.replay;

import com.hazardwatch.model.catalogue.Sensor;
import java.util.List;

/**
 * A recording read from a CSV file ({@link RecordingParser}): its sensor columns and its rows, in file order, with
 * timestamps that never go backwards.
 *
 * @param name the file name, for messages
 * @param timestampHeader the header of the timestamp column (the first one)
 * @param columns the sensor columns, in file order
 * @param rows the rows kept (with {@code --skip-bad-rows}, the good ones)
 */
public record Recording(String name, String timestampHeader, List<Column> columns, List<Row> rows) {
    public Recording {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * A sensor column.
     *
     * @param number its place in the file, 1-based (the timestamp is column 1)
     * @param header as written in the header row
     * @param sensor the catalogue sensor it holds (the header itself, or mapped)
     */
    public record Column(int number, String header, Sensor sensor) {}

    /**
     * One row.
     *
     * @param line its line in the file, 1-based
     * @param recordedMillis its timestamp, epoch ms
     * @param values one per column of {@link #columns()}; NaN where the cell was empty (no reading)
     */
    public record Row(int line, long recordedMillis, double[] values) {
        /** How many readings the row holds (its non-empty cells). */
        public int readings() {
            int n = 0;
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    n++;
                }
            }
            return n;
        }
    }

    /** Readings in every row. */
    public long readings() {
        long n = 0;
        for (Row r : rows) {
            n += r.readings();
        }
        return n;
    }

    /** Milliseconds from the first row to the last (0 for fewer than two rows). */
    public long spanMillis() {
        return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).recordedMillis() - rows.get(0).recordedMillis();
    }
}
