package com.hazardwatch.jobs.storage;

import com.hazardwatch.model.event.Quality;

/**
 * What storage compression keeps about one sensor (a Flink POJO, part of the sensor's keyed state): the last stored
 * (archived) point, the held point (the newest reading not stored yet) and, for swinging door, the door: the range of
 * slopes from the archived point that stay within the deviation of every reading since it.
 */
public class CompressionState {
    /** Whether a point was stored since the job started or the state was restored. */
    public boolean archived;
    public long archivedTs;
    public double archivedValue;

    /** Whether a held point exists (the newest reading, not stored yet). */
    public boolean held;
    public long heldTs;
    public double heldValue;
    public Quality heldQuality;
    public long heldReceivedAt;

    /** Swinging door: lowest and highest slope (unit per ms) from the archived point within every reading's deviation. */
    public double slopeLow = Double.NEGATIVE_INFINITY;
    public double slopeHigh = Double.POSITIVE_INFINITY;

    /** Event time and quality of the newest reading offered. */
    public long lastTs = Long.MIN_VALUE;
    public Quality lastQuality;

    public CompressionState() {}
}
