package com.hazardwatch.simulators.replay;

import com.hazardwatch.model.catalogue.Catalogue;
import com.hazardwatch.model.catalogue.Sensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a recording (format: simulators/README.md, "Replay"): a header row, then one row per time; the first column
 * holds the timestamp (epoch milliseconds, or ISO-8601 with a zone offset), every other column the readings of one
 * catalogue sensor (the header is its id, or a name {@link ColumnMapping} maps to it); an empty cell is no reading.
 * Blank lines and lines starting with {@code #} are skipped; cells may be quoted ({@code "..."}).
 *
 * <p>Every problem is collected with its line and column ({@link Problem}), none stops the reading, so that one run
 * reports them all. With {@code skipBadRows} a row with a problem is left out instead (and listed in
 * {@link Result#skipped()}); problems of the header row stay problems, as they concern every row.
 */
public final class RecordingParser {
    /** What the timestamp column accepts, for messages. */
    public static final String TIMESTAMPS =
            "epoch milliseconds (1732262400000) or ISO-8601 with a zone offset (2024-11-22T08:00:00+08:00, 2024-11-22T00:00:00Z)";
    /** Smaller epoch-millisecond values are taken for seconds written by mistake: before 1973-03-03. */
    static final long SMALLEST_EPOCH_MILLIS = 100_000_000_000L;

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,19}");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern SPACED_ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d.*");

    /**
     * What was read.
     *
     * @param recording the recording, or null when there are problems
     * @param problems every problem, in file order; empty when the recording can be replayed
     * @param skipped with {@code skipBadRows}: the problems of the rows left out, in file order
     * @param skippedRows how many rows were left out
     */
    public record Result(Recording recording, List<Problem> problems, List<Problem> skipped, int skippedRows) {
        public Result {
            problems = List.copyOf(problems);
            skipped = List.copyOf(skipped);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private RecordingParser() {}

    public static Result parse(Path file, Catalogue catalogue, ColumnMapping mapping, boolean skipBadRows) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.getFileName().toString(), r, catalogue, mapping, skipBadRows);
        }
    }

    public static Result parse(String name, Reader reader, Catalogue catalogue, ColumnMapping mapping, boolean skipBadRows)
            throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Problem> problems = new ArrayList<>();
        List<Problem> skipped = new ArrayList<>();
        int skippedRows = 0;

        // the header
        int lineNo = 0;
        String line;
        List<String> header = null;
        int headerLine = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (skip(line)) {
                continue;
            }
            header = split(line);
            headerLine = lineNo;
            break;
        }
        if (header == null) {
            problems.add(new Problem(Math.max(1, lineNo), 0, null,
                    "no header row; expected a timestamp column, then one column per sensor, e.g. ts,E01-LT101,E01-TT101"));
            return new Result(null, problems, skipped, 0);
        }
        String tsHeader = header.get(0).strip();
        List<Recording.Column> columns = new ArrayList<>();
        Map<String, Integer> columnOfSensor = new HashMap<>();
        for (int c = 1; c < header.size(); c++) {
            String h = header.get(c).strip();
            int number = c + 1;
            if (h.isEmpty()) {
                problems.add(new Problem(headerLine, number, null, "empty header; every column after the timestamp names a sensor"));
                columns.add(new Recording.Column(number, h, null));
                continue;
            }
            String id = mapping.sensorFor(h);
            Optional<Sensor> sensor = catalogue.sensor(id);
            if (sensor.isEmpty()) {
                problems.add(new Problem(headerLine, number, h, mapping.maps(h)
                        ? "mapped to " + id + ", which is not a sensor of catalogue " + catalogue.name()
                        : "'" + h + "' is not a sensor of catalogue " + catalogue.name() + " (" + catalogue.sensorCount()
                                + " sensors); name the column by sensor id, or map it: --map " + h + "=SENSOR_ID"));
            } else {
                Integer other = columnOfSensor.putIfAbsent(id, number);
                if (other != null) {
                    problems.add(new Problem(headerLine, number, h, id + " is also column " + other + "; one column per sensor"));
                }
            }
            columns.add(new Recording.Column(number, h, sensor.orElse(null)));
        }
        if (columns.isEmpty()) {
            problems.add(new Problem(headerLine, 0, null,
                    "no sensor columns; expected a timestamp column, then one column per sensor, e.g. ts,E01-LT101,E01-TT101"));
        }

        // the rows
        List<Recording.Row> rows = new ArrayList<>();
        long lastTs = Long.MIN_VALUE;
        int lastTsLine = 0;
        String lastTsText = null;
        int[] lineAtLastTs = new int[columns.size()]; // per column, the line of its reading at lastTs (0: none)
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (skip(line)) {
                continue;
            }
            List<String> cells = split(line);
            List<Problem> rowProblems = new ArrayList<>();
            Long ts = null;
            double[] values = new double[columns.size()];
            if (cells.size() != header.size()) {
                rowProblems.add(new Problem(lineNo, 0, null, cells.size() + (cells.size() == 1 ? " cell" : " cells")
                        + ", the header has " + header.size()));
            } else {
                String tsText = cells.get(0).strip();
                try {
                    ts = timestamp(tsText);
                    if (ts < lastTs) {
                        rowProblems.add(new Problem(lineNo, 1, tsHeader, "'" + tsText + "' is earlier than '" + lastTsText
                                + "' on line " + lastTsLine + ": timestamps must not go backwards"));
                        ts = null;
                    }
                } catch (IllegalArgumentException e) {
                    rowProblems.add(new Problem(lineNo, 1, tsHeader, e.getMessage()));
                }
                boolean sameTime = ts != null && ts == lastTs;
                for (int c = 0; c < columns.size(); c++) {
                    Recording.Column col = columns.get(c);
                    String text = cells.get(c + 1).strip();
                    values[c] = Double.NaN;
                    if (text.isEmpty()) {
                        continue;
                    }
                    double v = NUMBER.matcher(text).matches() ? Double.parseDouble(text) : Double.NaN;
                    if (Double.isNaN(v) || Double.isInfinite(v)) {
                        rowProblems.add(new Problem(lineNo, col.number(), col.header(), "'" + text + "' is not a number"));
                        continue;
                    }
                    values[c] = v;
                    if (sameTime && lineAtLastTs[c] > 0) {
                        rowProblems.add(new Problem(lineNo, col.number(), col.header(), "a second reading of "
                                + (col.sensor() != null ? col.sensor().id() : col.header()) + " at '" + cells.get(0).strip()
                                + "' (the first is on line " + lineAtLastTs[c] + "); one reading per sensor and time"));
                    }
                }
            }
            if (!rowProblems.isEmpty() && skipBadRows) {
                skipped.addAll(rowProblems);
                skippedRows++;
                continue;
            }
            problems.addAll(rowProblems);
            if (ts != null) {
                if (ts != lastTs) {
                    Arrays.fill(lineAtLastTs, 0);
                }
                for (int c = 0; c < values.length; c++) {
                    if (!Double.isNaN(values[c])) {
                        lineAtLastTs[c] = lineNo;
                    }
                }
                lastTs = ts;
                lastTsLine = lineNo;
                lastTsText = cells.get(0).strip();
            }
            if (rowProblems.isEmpty()) {
                rows.add(new Recording.Row(lineNo, ts, values));
            }
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(headerLine, 0, null, skippedRows > 0
                    ? "no good rows: all " + skippedRows + " rows have problems"
                    : "no rows after the header; nothing to replay"));
        }
        Recording recording = problems.isEmpty() ? new Recording(name, tsHeader, columns, rows) : null;
        return new Result(recording, problems, skipped, skippedRows);
    }

    /**
     * A timestamp cell as epoch milliseconds.
     *
     * @throws IllegalArgumentException saying what is wrong and what is accepted
     */
    static long timestamp(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("no timestamp; expected " + TIMESTAMPS);
        }
        if (INTEGER.matcher(text).matches()) {
            long ms;
            try {
                ms = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a timestamp; expected " + TIMESTAMPS);
            }
            if (ms < SMALLEST_EPOCH_MILLIS) {
                throw new IllegalArgumentException("'" + text + "' is before 1973 as epoch milliseconds (seconds?); expected "
                        + TIMESTAMPS);
            }
            return ms;
        }
        String iso = SPACED_ISO.matcher(text).matches() ? text.replaceFirst(" ", "T") : text;
        try {
            return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime.parse(iso);
                throw new IllegalArgumentException("'" + text + "' has no zone offset; add one, e.g. " + iso + "+08:00 or " + iso + "Z");
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("'" + text + "' is not a timestamp; expected " + TIMESTAMPS);
            }
        }
    }

    private static boolean skip(String line) {
        String s = line.strip();
        return s.isEmpty() || s.startsWith("#");
    }

    /** Splits a CSV line at commas; a cell in double quotes may hold commas and doubled quotes. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
