package com.hazardwatch.connectors.influx;

import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import java.io.Serializable;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/**
 * Where InfluxDB is and who we are there, and how long each retention policy keeps its points; serializable so a
 * Flink sink can carry it.
 *
 * @param rawRetention duration of retention policy {@value #RAW} (readings)
 * @param longRetention duration of retention policy {@value #LONG} (1-minute rollups, alarms, risk)
 */
public record InfluxConnection(String url, String database, String username, String password,
                               Duration rawRetention, Duration longRetention, String token) implements Serializable {
    /** Retention policy of the readings, the database's default (a query without a policy reads it). */
    public static final String RAW = "raw";
    /** Retention policy of the 1-minute rollups, alarms and risk. */
    public static final String LONG = "long";
    public static final Duration DEFAULT_RAW_RETENTION = Duration.ofDays(30);
    public static final Duration DEFAULT_LONG_RETENTION = Duration.ofDays(400);

    public InfluxConnection(String url, String database, String username, String password) {
        this(url, database, username, password, DEFAULT_RAW_RETENTION, DEFAULT_LONG_RETENTION, "");
    }

    public InfluxConnection(String url, String database, String username, String password,
                            Duration rawRetention, Duration longRetention) {
        this(url, database, username, password, rawRetention, longRetention, "");
    }

    public static InfluxConnection from(Settings s) {
        return new InfluxConnection(s.get(HwOptions.INFLUX_URL), s.get(HwOptions.INFLUX_DATABASE),
                s.get(HwOptions.INFLUX_USERNAME), s.get(HwOptions.INFLUX_PASSWORD),
                s.get(HwOptions.INFLUX_RAW_RETENTION), s.get(HwOptions.INFLUX_LONG_RETENTION), s.get(HwOptions.INFLUX_TOKEN));
    }

    /**
     * The retention policy a line is written to, by its measurement: {@code reading} to {@value #RAW}, every other
     * measurement ({@code reading_1m}, {@code alarm}, {@code risk}) to {@value #LONG}.
     */
    public static String retentionPolicyOf(String line) {
        return line.startsWith(InfluxLines.READING) && line.length() > InfluxLines.READING.length()
                && (line.charAt(InfluxLines.READING.length()) == ',' || line.charAt(InfluxLines.READING.length()) == ' ')
                ? RAW : LONG;
    }

    /** An InfluxQL duration literal (whole minutes; InfluxDB's shortest retention is an hour). */
    static String influxDuration(Duration d) {
        return Math.max(1, d.toMinutes()) + "m";
    }

    public InfluxDB open() {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(java.time.Duration.ofSeconds(5))
                .readTimeout(java.time.Duration.ofSeconds(30))
                .writeTimeout(java.time.Duration.ofSeconds(30));
        if (token != null && !token.isEmpty()) {
            // InfluxDB 2.x/3.x, 1.x-compatible /write and /query: the token in the Authorization header, no u/p parameters
            String header = "Token " + token;
            http.addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("Authorization", header).build()));
            return InfluxDBFactory.connect(url, http);
        }
        return username == null || username.isEmpty()
                ? InfluxDBFactory.connect(url, http)
                : InfluxDBFactory.connect(url, username, password, http);
    }

    @Override
    public String toString() {
        // never print the password
        return url + "/" + database + (token != null && !token.isEmpty() ? " with a token"
                : username == null || username.isEmpty() ? "" : " as " + username);
    }
}
