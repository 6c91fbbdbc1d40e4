package com.hazardwatch.simulators.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which catalogue sensor a column of a recording holds: a header is the sensor id itself unless it is mapped
 * ({@code LT-101=E01-LT101}), as plant historians name their tags their own way. Pairs come from the command line
 * ({@code --map "LT-101=E01-LT101,TT-101=E01-TT101"}) or from a file with one pair a line ({@code #} starts a comment).
 */
public final class ColumnMapping {
    /** How a pair is written, for messages. */
    public static final String SYNTAX = "HEADER=SENSOR_ID";
    public static final ColumnMapping NONE = new ColumnMapping(Map.of());

    private final Map<String, String> sensorByHeader;

    private ColumnMapping(Map<String, String> sensorByHeader) {
        this.sensorByHeader = Collections.unmodifiableMap(new LinkedHashMap<>(sensorByHeader));
    }

    /**
     * Reads pairs as given on the command line: each text holds one or more {@value #SYNTAX}, separated by commas.
     *
     * @throws IllegalArgumentException naming the pair that is not {@value #SYNTAX} or a header mapped twice
     */
    public static ColumnMapping parse(List<String> texts) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String text : texts) {
            for (String pair : text.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                add(m, pair, "");
            }
        }
        return new ColumnMapping(m);
    }

    /**
     * Reads a mapping file: one {@value #SYNTAX} a line; blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException naming the file and line of every pair that is not {@value #SYNTAX}, and every
     *     header mapped twice
     */
    public static ColumnMapping load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, String> m = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                add(m, line, file.getFileName() + " line " + (i + 1) + ": ");
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new ColumnMapping(m);
    }

    private static void add(Map<String, String> m, String pair, String where) {
        int eq = pair.indexOf('=');
        String header = eq < 0 ? "" : pair.substring(0, eq).strip();
        String sensor = eq < 0 ? "" : pair.substring(eq + 1).strip();
        if (header.isEmpty() || sensor.isEmpty() || sensor.indexOf('=') >= 0) {
            throw new IllegalArgumentException(where + "'" + pair.strip() + "' is not " + SYNTAX + ", e.g. LT-101=E01-LT101");
        }
        String before = m.putIfAbsent(header, sensor);
        if (before != null && !before.equals(sensor)) {
            throw new IllegalArgumentException(where + "header " + header + " is mapped twice: to " + before + " and to " + sensor);
        }
    }

    /** This mapping with the pairs of {@code other} added; a header both map differently is an error. */
    public ColumnMapping and(ColumnMapping other) {
        Map<String, String> m = new LinkedHashMap<>(sensorByHeader);
        for (Map.Entry<String, String> e : other.sensorByHeader.entrySet()) {
            add(m, e.getKey() + "=" + e.getValue(), "");
        }
        return new ColumnMapping(m);
    }

    /** The sensor id a column with this header holds: the mapped one, else the header itself. */
    public String sensorFor(String header) {
        return sensorByHeader.getOrDefault(header, header);
    }

    public boolean maps(String header) {
        return sensorByHeader.containsKey(header);
    }

    /** The mapped headers that are none of {@code headers}: worth a warning (a misspelt tag). */
    public List<String> unused(Collection<String> headers) {
        return sensorByHeader.keySet().stream().filter(h -> !headers.contains(h)).toList();
    }

    public Map<String, String> pairs() {
        return sensorByHeader;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sensorByHeader.forEach((h, s) -> sb.append(sb.length() == 0 ? "" : ",").append(h).append('=').append(s));
        return sb.toString();
    }
}
