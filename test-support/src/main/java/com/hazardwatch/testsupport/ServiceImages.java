package com.hazardwatch.testsupport;

/** The one pinned list of container images, used where a Docker engine is available. */
public final class ServiceImages {
    private ServiceImages() {}

    public static final String MOSQUITTO = "eclipse-mosquitto:2.0.18";
    public static final String KAFKA = "apache/kafka:4.1.0";
    public static final String INFLUXDB = "influxdb:1.8.10";
}
