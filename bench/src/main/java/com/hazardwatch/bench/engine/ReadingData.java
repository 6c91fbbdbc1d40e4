package com.hazardwatch.bench.engine;

/**
 * Pre-generated hw.readings records (the exact bytes the job consumes), held in memory, with the order in which a
 * source of a given parallelism hands them out.
 *
 * <p>Records are stored round by round: record {@code r * sensors + j} is round r of sensor j, and every sensor's
 * timestamps increase with r. A source of parallelism p behaves like a Kafka topic keyed by sensor (which hw.readings
 * is): subtask q reads only the sensors with {@code j % p == q}, each in time order, so per-sensor order holds at any
 * parallelism and every parallelism sees exactly the same records. That needs {@code sensors % p == 0}.
 */
public final class ReadingData {
    private final byte[][] records;
    private final int sensors;
    private final int rounds;
    private final long totalBytes;
    private final Composition composition;

    /** What the records hold, for the report. */
    public record Composition(int sensorsWithExcursions, long badQuality, long unknownSensor, long malformed) {}

    ReadingData(byte[][] records, int sensors, int rounds, Composition composition) {
        if ((long) sensors * rounds != records.length) {
            throw new IllegalArgumentException(records.length + " records are not " + rounds + " rounds of " + sensors + " sensors");
        }
        this.records = records;
        this.sensors = sensors;
        this.rounds = rounds;
        long b = 0;
        for (byte[] r : records) {
            b += r.length;
        }
        this.totalBytes = b;
        this.composition = composition;
    }

    public int size() {
        return records.length;
    }

    public int sensors() {
        return sensors;
    }

    public int rounds() {
        return rounds;
    }

    /** Sum of the record lengths. */
    public long totalBytes() {
        return totalBytes;
    }

    public Composition composition() {
        return composition;
    }

    /** Record by storage index (round-major). */
    public byte[] record(int index) {
        return records[index];
    }

    /** Whether a source of this parallelism can hand the records out keeping per-sensor order. */
    public boolean supports(int parallelism) {
        return parallelism >= 1 && sensors % parallelism == 0;
    }

    /**
     * The storage index of the i-th element (0 .. size-1) of a source of this parallelism. The source splits 0..size-1
     * into p equal contiguous ranges (Flink's NumberSequenceSource does, size being a multiple of p); range q covers the
     * sensors j with j % p == q, round by round. For p = 1 this is the identity.
     */
    public int recordFor(long i, int parallelism) {
        int perPartitionRound = sensors / parallelism;
        long perPartition = (long) rounds * perPartitionRound;
        int q = (int) (i / perPartition);
        long c = i - q * perPartition;
        int r = (int) (c / perPartitionRound);
        int k = (int) (c - (long) r * perPartitionRound);
        return r * sensors + q + k * parallelism;
    }
}
