package com.hazardwatch.connectors.influx;

import com.hazardwatch.model.config.HwOptions;
import com.hazardwatch.model.config.Settings;
import java.io.Serializable;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/** Where InfluxDB is and who we are there; serializable so a Flink sink can carry it. */
public record InfluxConnection(String url, String database, String username, String password) implements Serializable {

    public static InfluxConnection from(Settings s) {
        return new InfluxConnection(s.get(HwOptions.INFLUX_URL), s.get(HwOptions.INFLUX_DATABASE),
                s.get(HwOptions.INFLUX_USERNAME), s.get(HwOptions.INFLUX_PASSWORD));
    }

    public InfluxDB open() {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(java.time.Duration.ofSeconds(5))
                .readTimeout(java.time.Duration.ofSeconds(30))
                .writeTimeout(java.time.Duration.ofSeconds(30));
        return username == null || username.isEmpty()
                ? InfluxDBFactory.connect(url, http)
                : InfluxDBFactory.connect(url, username, password, http);
    }

    @Override
    public String toString() {
        // never print the password
        return url + "/" + database + (username == null || username.isEmpty() ? "" : " as " + username);
    }
}
