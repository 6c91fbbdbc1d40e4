package com.hazardwatch.jobs.lifecycle;

import com.hazardwatch.model.event.AlarmType;

/**
 * Default alarm priorities, 1 = highest .. 4 = lowest (ISA-18.2 / EEMUA 191: few alarms at the top priority).
 *
 * <p>"Major" below means a major hazard source of GB 18218-2018 grade 1 or 2 (the two most severe); grades 3 and 4,
 * plain units (no grade) and any grade outside 1..4 count as not major.
 *
 * <table>
 *   <caption>priority by alarm type</caption>
 *   <tr><th>type</th><th>major source (grade 1-2)</th><th>otherwise</th></tr>
 *   <tr><td>AREA_GAS (two or more gas detectors of one source)</td><td>1</td><td>1</td></tr>
 *   <tr><td>HIGH_HIGH, LOW_LOW</td><td>1</td><td>2</td></tr>
 *   <tr><td>HIGH, LOW, FORECAST_HH, FORECAST_LL</td><td>2</td><td>3</td></tr>
 *   <tr><td>LINK_DOWN</td><td>2</td><td>2</td></tr>
 *   <tr><td>RATE_OF_CHANGE</td><td>3</td><td>3</td></tr>
 *   <tr><td>STALE, FLATLINE, FAULT</td><td>3</td><td>3</td></tr>
 *   <tr><td>CHATTERING</td><td>4</td><td>4</td></tr>
 * </table>
 */
public final class Priorities {
    /** The highest priority. */
    public static final int HIGHEST = 1;
    /** The lowest priority. */
    public static final int LOWEST = 4;

    private Priorities() {}

    /**
     * The default priority of an alarm of {@code type} on a source of GB 18218 grade {@code sourceGrade} (null for a
     * unit that is not a major hazard source).
     */
    public static int defaultFor(AlarmType type, Integer sourceGrade) {
        if (type == null) {
            throw new IllegalArgumentException("alarm type is null");
        }
        boolean major = sourceGrade != null && (sourceGrade == 1 || sourceGrade == 2);
        return switch (type) {
            case AREA_GAS -> HIGHEST; // a spreading leak is top priority whatever the source (docs/rules.md 8)
            case HIGH_HIGH, LOW_LOW -> major ? 1 : 2;
            case HIGH, LOW, FORECAST_HH, FORECAST_LL -> major ? 2 : 3;
            case LINK_DOWN -> 2;
            case RATE_OF_CHANGE, STALE, FLATLINE, FAULT -> 3;
            case CHATTERING -> 4;
        };
    }
}
