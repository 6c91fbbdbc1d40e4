package com.hazardwatch.simulators;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The MQTT payload of a pack of readings: a SenML pack (RFC 8428, JSON), e.g.
 * {@code [{"bt":1718000000.123,"n":"E01-LT101","v":55.3},{"n":"E01-TT101","t":0.012,"v":21.4}]}.
 *
 * <p>{@code bt} is the time of the pack's first (oldest) reading in seconds with millisecond precision; every record
 * names its sensor in full ({@code n}, no base name), gives its offset from bt in seconds ({@code t}, left out when 0)
 * and its value ({@code v}). Quality is omitted, which the contract reads as {@code good}. Written by hand rather than
 * through Jackson: this is the simulator's hot path at 100,000 readings/s.
 */
public final class SenmlPayload {
    private SenmlPayload() {}

    /**
     * @param sensorIds sensor id of each record
     * @param epochMillis event time of each record (the first one becomes bt; later ones are not earlier than it)
     * @param values value of each record (finite)
     */
    public static byte[] encode(List<String> sensorIds, long[] epochMillis, double[] values) {
        int n = sensorIds.size();
        if (n == 0 || epochMillis.length != n || values.length != n) {
            throw new IllegalArgumentException("a pack needs at least one record and as many times and values as sensor ids");
        }
        StringBuilder sb = new StringBuilder(24 + 40 * n);
        long bt = epochMillis[0];
        sb.append("[{\"bt\":");
        seconds(sb, bt);
        sb.append(',');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(",{");
            }
            sb.append("\"n\":");
            string(sb, sensorIds.get(i));
            long t = epochMillis[i] - bt;
            if (t != 0) {
                sb.append(",\"t\":");
                seconds(sb, t);
            }
            double v = values[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("value of " + sensorIds.get(i) + " is not finite: " + v);
            }
            sb.append(",\"v\":").append(v).append('}');
        }
        sb.append(']');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Milliseconds as seconds with exactly three decimals: 1718000000123 -> 1718000000.123, -5 -> -0.005. */
    static void seconds(StringBuilder sb, long millis) {
        if (millis < 0) {
            sb.append('-');
            millis = -millis;
        }
        long frac = millis % 1000;
        sb.append(millis / 1000).append('.');
        if (frac < 100) {
            sb.append('0');
        }
        if (frac < 10) {
            sb.append('0');
        }
        sb.append(frac);
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
