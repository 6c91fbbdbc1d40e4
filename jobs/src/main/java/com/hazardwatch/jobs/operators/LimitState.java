package com.hazardwatch.jobs.operators;

/**
 * Per-sensor limit state, a Flink POJO: one {@link Side} for the high side (H, HH) and one for the low side (L, LL).
 */
public class LimitState {
    public Side high = new Side();
    public Side low = new Side();

    public LimitState() {}

    /**
     * One side of the band. Levels: 0 = normal, 1 = H (or L), 2 = HH (or LL). {@code level} is the level raised (what
     * was emitted), {@code raw} where the value is with the deadband applied; they differ while an on-delay or
     * off-delay runs, which started at {@code since} (event time; Long.MIN_VALUE when none runs). The alarm id is kept
     * while the alarm stands so escalation and clear carry the id of the raise.
     */
    public static class Side {
        public int level;
        public int raw;
        public long since = Long.MIN_VALUE;
        public String alarmId;

        public Side() {}

        public boolean isNormal() {
            return level == 0 && raw == 0;
        }
    }

    public boolean isNormal() {
        return high.isNormal() && low.isNormal();
    }
}
