package com.hazardwatch.model.config;

import java.nio.file.Path;

/**
 * Where the launcher's local services listen. The launcher (bin/hazardwatch) exports these variables; the defaults
 * are its defaults. Everything binds to 127.0.0.1.
 */
public final class LocalServices {
    private LocalServices() {}

    public static int mqttPort() {
        return port("HW_MQTT_PORT", 1883);
    }

    public static int kafkaPort() {
        return port("HW_KAFKA_PORT", 9092);
    }

    public static int influxPort() {
        return port("HW_INFLUX_PORT", 8086);
    }

    public static String mqttUrl() {
        return "tcp://127.0.0.1:" + mqttPort();
    }

    public static String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort();
    }

    public static String influxUrl() {
        return "http://127.0.0.1:" + influxPort();
    }

    /** Where config/ is: $HAZARDWATCH_ROOT (set by bin/hazardwatch), else the working directory. */
    public static Path installRoot() {
        String r = System.getenv("HAZARDWATCH_ROOT");
        return (r == null || r.isBlank() ? Path.of("") : Path.of(r)).toAbsolutePath();
    }

    /** The demo catalogue shipped in config/catalogue/. */
    public static Path demoCatalogue() {
        return installRoot().resolve("config/catalogue/demo-district.yaml");
    }

    /** The settings file shipped in config/. */
    public static Path settingsFile() {
        return installRoot().resolve("config/hazardwatch.properties");
    }

    /** The data directory: $HAZARDWATCH_HOME, else .hazardwatch in the working directory. */
    public static Path home() {
        String h = System.getenv("HAZARDWATCH_HOME");
        return (h == null || h.isBlank() ? Path.of(".hazardwatch") : Path.of(h)).toAbsolutePath();
    }

    private static int port(String env, int dflt) {
        String v = System.getenv(env);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("environment variable " + env + "='" + v + "' is not a port number");
        }
    }
}
