package com.hazardwatch.bench.e2e;

import java.time.Duration;

/** What the load generator publishes: the simulator at {@code rate} readings/s, {@code pack} per message, QoS 1. */
public record LoadSpec(String mqttUrl, String topicRoot, double rate, int pack, Duration duration, String clientId, long seed) {}
